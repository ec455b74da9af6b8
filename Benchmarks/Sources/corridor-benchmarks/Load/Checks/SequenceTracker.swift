/// What one watcher has received, across every reconnection: the registry's
/// sequence numbers go 1, 2, 3… with no hole (docs/STORAGE.md), and an
/// unfiltered watch resumed from the last one seen + 1 must deliver each
/// exactly once. Anything else is a gap (a number skipped) or a duplicate (a
/// number at or below one already received).
public struct SequenceTracker: Sendable, Equatable {
    /// The last sequence received; 0 before the first.
    public private(set) var last: UInt64
    public private(set) var received: Int = 0
    /// Sequences skipped, counted one by one (a jump from 4 to 8 is 3).
    public private(set) var missing: UInt64 = 0
    /// Sequences received at or below `last`.
    public private(set) var duplicates: Int = 0
    /// The first few holes and repeats, to say where in a report.
    public private(set) var firstProblems: [String] = []

    /// `after`: the sequence the watch starts after (0: from the first record).
    public init(after: UInt64 = 0) {
        last = after
    }

    /// Where to resume after a disconnect.
    public var resumeFrom: UInt64 { last + 1 }

    public var isClean: Bool { missing == 0 && duplicates == 0 }

    public mutating func receive(_ sequence: UInt64) {
        received += 1
        if sequence <= last {
            duplicates += 1
            note("sequence \(sequence) again after \(last)")
            return
        }
        if sequence > last + 1 {
            missing += sequence - last - 1
            note("sequences \(last + 1)...\(sequence - 1) never arrived (\(sequence) came after \(last))")
        }
        last = sequence
    }

    /// At the end, once the watch has caught up: every sequence up to `head`
    /// (the store's last) must have arrived. Counts the tail as missing.
    public mutating func finish(head: UInt64) {
        guard head > last else { return }
        missing += head - last
        note("sequences \(last + 1)...\(head) never arrived before the end")
    }

    private mutating func note(_ problem: String) {
        if firstProblems.count < 10 { firstProblems.append(problem) }
    }
}

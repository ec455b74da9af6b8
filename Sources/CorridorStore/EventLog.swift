import Dispatch
import FoundationEssentials
import Glibc
import Logging
import Synchronization

/// How the log is laid out and how it behaves.
public struct StoreOptions: Sendable, Equatable {
    /// Size of each segment file, reserved up front (default 64 MiB).
    public var segmentBytes = 64 * 1024 * 1024
    /// Start even when records in the middle of the log are damaged: the
    /// damaged segment is cut at the damage and every later segment is moved
    /// to DIR/quarantine. Loudly logged; never the default.
    public var repair = false
    /// Told of every sync, name change and size change the store makes
    /// (`DurabilityEvent`); nil but in the power-loss simulation.
    public var durabilityObserver: (any DurabilityObserver)?

    public init() {}

    public static func == (lhs: StoreOptions, rhs: StoreOptions) -> Bool {
        lhs.segmentBytes == rhs.segmentBytes && lhs.repair == rhs.repair
            && lhs.durabilityObserver === rhs.durabilityObserver
    }
}

/// Figures of the log for status and stats.
public struct LogFigures: Sendable, Equatable {
    public var lastSequence: UInt64
    public var durableSequence: UInt64
    public var segments: Int
    /// Bytes of records written, headers and padding included.
    public var recordBytes: UInt64
    /// Bytes reserved on disk by segment files.
    public var reservedBytes: UInt64
    /// msync calls that made appends durable, and the records they covered.
    public var syncs: UInt64
    public var syncedRecords: UInt64
}

/// The append-only, memory-mapped event log. Appends are written into the
/// active segment's mapping in sequence order under a lock; a flusher makes
/// them durable with one msync per group of appends (group commit), and an
/// append's caller is answered only once its records are durable.
public final class EventLog: Sendable {
    /// Where one record starts, kept for every `checkpointInterval`-th record
    /// so reads from a sequence start near it instead of at the segment's head.
    struct Checkpoint: Sendable {
        let sequence: UInt64
        let offset: Int
    }

    static let checkpointInterval: UInt64 = 64

    private struct State {
        var segments: [Segment]
        /// Checkpoints of each segment, in order, parallel to `segments`.
        var checkpoints: [[Checkpoint]]
        var writeOffset: Int
        var syncedOffset: Int
        var nextSequence: UInt64
        var durableSequence: UInt64
        var recordBytes: UInt64
        var flushScheduled = false
        var failure: StoreError?
        var closed = false
        var waiters: [(sequence: UInt64, continuation: CheckedContinuation<Void, any Error>, id: UInt64)] = []
        var nextWaiterID: UInt64 = 0
        var syncs: UInt64 = 0
        var syncedRecords: UInt64 = 0
        /// Why the last append was refused before it was written (a segment
        /// that could not be created), so that it is logged once, not per request.
        var refusal: StoreError?
        /// segments/ as this process last left it (after recovery or a roll):
        /// when it changes otherwise, another process may have added a segment.
        var segmentsDirectoryStamp: DirectoryStamp?
    }


    public let directory: String
    public let options: StoreOptions
    private let segmentsDirectory: String
    private let state: Mutex<State>
    private let flusher = DispatchQueue(label: "corridor.store.flusher", qos: .userInitiated)
    private let logger: Logger

    init(directory: String, options: StoreOptions, segments: [Segment], checkpoints: [[Checkpoint]], writeOffset: Int, lastSequence: UInt64, recordBytes: UInt64, logger: Logger) {
        self.directory = directory
        self.options = options
        self.segmentsDirectory = directory + "/" + DataDirectoryLayout.segments
        self.logger = logger
        segments.last?.adoptCurrentHeader()
        self.state = Mutex(State(
            segments: segments,
            checkpoints: checkpoints,
            writeOffset: writeOffset,
            syncedOffset: writeOffset,
            nextSequence: lastSequence + 1,
            durableSequence: lastSequence,
            recordBytes: recordBytes,
            segmentsDirectoryStamp: DirectoryStamp(directory + "/" + DataDirectoryLayout.segments)
        ))
    }

    // MARK: Appending

    /// Appends one command's records as one unit and returns once they are
    /// durable. Either all of them are in the log or none.
    public func appendDurably(_ records: [PendingRecord]) async throws(StoreError) -> ClosedRange<UInt64> {
        let sequences = try append(records)
        try await waitUntilDurable(sequences.upperBound)
        return sequences
    }

    /// Writes the records into the log (not yet durable) and returns their
    /// sequence numbers. Callers that must order their own state by the log
    /// call this under their own lock, then `waitUntilDurable`.
    public func append(_ records: [PendingRecord]) throws(StoreError) -> ClosedRange<UInt64> {
        precondition(!records.isEmpty, "append of no records")
        let total = records.reduce(0) { $0 + SegmentFormat.paddedLength(payloadBytes: $1.payload.count) }
        let capacity = options.segmentBytes - SegmentFormat.headerSize
        guard total <= capacity else {
            throw StoreError(.tooLarge, "a command's events take \(total) bytes; a segment holds \(capacity)")
        }
        var refusalToLog: StoreError?
        var recovered: StoreError?
        let result = state.withLock { (state: inout State) -> Result<ClosedRange<UInt64>, StoreError> in
            if let failure = state.failure { return .failure(failure) }
            if state.closed { return .failure(StoreError(.closed, "the event log is closed")) }
            // The active segment's real size: one recovered from an older
            // configuration, or from a file cut short, may differ from the option.
            if state.writeOffset + total > min(state.segments[state.segments.count - 1].size, options.segmentBytes) {
                do throws(StoreError) {
                    try roll(&state)
                } catch {
                    // Another writer's segment: nothing more may be acknowledged, ever.
                    if error.isConflictingWriter { state.failure = error }
                    // Every append is refused the same way until an operator
                    // acts: say it once, and again only when the reason changes.
                    if state.refusal?.description != error.description { refusalToLog = error }
                    state.refusal = error
                    return .failure(error)
                }
                recovered = state.refusal
                state.refusal = nil
            }
            let segment = state.segments[state.segments.count - 1]
            let first = state.nextSequence
            var offset = state.writeOffset
            for (index, record) in records.enumerated() {
                if state.nextSequence % Self.checkpointInterval == 0 {
                    state.checkpoints[state.checkpoints.count - 1].append(Checkpoint(sequence: state.nextSequence, offset: offset))
                }
                offset = RecordWriter.write(
                    record, sequence: state.nextSequence, commit: index == records.count - 1,
                    to: segment.region.base, at: offset
                )
                state.nextSequence += 1
            }
            state.recordBytes += UInt64(offset - state.writeOffset)
            state.writeOffset = offset
            scheduleFlush(&state)
            return .success(first...(state.nextSequence - 1))
        }
        if let refusalToLog, refusalToLog.isConflictingWriter {
            logger.critical("another process is writing the data directory; refusing further writes", metadata: ["error": "\(refusalToLog)"])
        } else if let refusalToLog {
            logger.error("appends are refused until this is resolved; reads go on", metadata: ["error": "\(refusalToLog)"])
        }
        if let recovered {
            logger.notice("appends accepted again", metadata: ["previously": "\(recovered)"])
        }
        return try result.get()
    }

    /// Returns once every record up to `sequence` is on disk. Cancelling the
    /// waiting task ends the wait with CancellationError (a watch waiting for
    /// an event that may be long in coming).
    public func waitUntilDurable(_ sequence: UInt64) async throws(StoreError) {
        let waiterID = state.withLock { state -> UInt64 in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        do {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let ready: Result<Void, any Error>? = state.withLock { state in
                        if state.durableSequence >= sequence { return .success(()) }
                        if let failure = state.failure { return .failure(failure) }
                        if state.closed { return .failure(StoreError(.closed, "the event log is closed")) }
                        if Task.isCancelled { return .failure(CancellationError()) }
                        state.waiters.append((sequence, continuation, waiterID))
                        return nil
                    }
                    if let ready { continuation.resume(with: ready) }
                }
            } onCancel: {
                let cancelled = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                    guard let index = state.waiters.firstIndex(where: { $0.id == waiterID }) else { return nil }
                    return state.waiters.remove(at: index).continuation
                }
                cancelled?.resume(throwing: CancellationError())
            }
        } catch let error as StoreError {
            throw error
        } catch is CancellationError {
            throw StoreError(.cancelled, "the wait was cancelled")
        } catch {
            throw StoreError(.io, "\(error)")
        }
    }

    private func scheduleFlush(_ state: inout State) {
        guard !state.flushScheduled else { return }
        state.flushScheduled = true
        flusher.async { [self] in flush() }
    }

    /// One group commit: everything written so far made durable with one
    /// msync, then the watermark with a second (of the header's page), then
    /// every appender it covers answered.
    private func flush() {
        let (segment, range, target, records, stamp) = state.withLock { state in
            (state.segments[state.segments.count - 1], state.syncedOffset..<state.writeOffset, state.nextSequence - 1,
             state.nextSequence - 1 - state.durableSequence, state.segmentsDirectoryStamp)
        }
        var failure: StoreError?
        do throws(StoreError) {
            try segment.synchronize(range)
            try segment.checkStillNamed()
            if DirectoryStamp(segmentsDirectory) != stamp { try checkNoForeignSegment() }
            // The watermark is exact: durable in the header before any of these
            // appends is answered. Everything at or below it may have been
            // acknowledged; nothing above it was. Recovery relies on both.
            if !range.isEmpty {
                try segment.updateHeader { header in
                    guard header.state == .online, UInt64(range.upperBound) > header.durableEndOffset else { return false }
                    header.durableLastSequence = target
                    header.durableEndOffset = UInt64(range.upperBound)
                    return true
                }
            }
        } catch {
            failure = error
        }
        let resumed = state.withLock { state -> [(CheckedContinuation<Void, any Error>, Result<Void, StoreError>)] in
            if let failure {
                // A failed msync leaves the page cache and the disk out of step
                // (fsyncgate), and a second writer may overwrite anything:
                // either way nothing more may be acknowledged.
                state.failure = failure
                state.flushScheduled = false
                let waiting = state.waiters
                state.waiters.removeAll()
                return waiting.map { ($0.continuation, .failure(failure)) }
            }
            if segment === state.segments[state.segments.count - 1] {
                state.syncedOffset = max(state.syncedOffset, range.upperBound)
            }
            if target > state.durableSequence {
                state.durableSequence = target
                state.syncs += 1
                state.syncedRecords += records
            }
            var ready: [(CheckedContinuation<Void, any Error>, Result<Void, StoreError>)] = []
            state.waiters.removeAll { waiter in
                guard waiter.sequence <= state.durableSequence else { return false }
                ready.append((waiter.continuation, .success(())))
                return true
            }
            if state.writeOffset > state.syncedOffset && !state.closed {
                flusher.async { [self] in flush() }
            } else {
                state.flushScheduled = false
            }
            return ready
        }
        if let failure, failure.isConflictingWriter {
            logger.critical("another process is writing the data directory; refusing further writes", metadata: ["path": "\(segment.path)", "error": "\(failure)"])
        } else if let failure {
            logger.critical("the event log cannot be made durable; refusing further writes", metadata: ["path": "\(segment.path)", "error": "\(failure)"])
        }
        for (continuation, result) in resumed { continuation.resume(with: result.mapError { $0 }) }
    }

    /// Seals the full active segment and starts the next. Runs under the lock:
    /// appends wait for it, which is rare (once per segment).
    private func roll(_ state: inout State) throws(StoreError) {
        let old = state.segments[state.segments.count - 1]
        try old.synchronize(state.syncedOffset..<state.writeOffset)
        let next = try Segment.create(
            directory: segmentsDirectory, firstSequence: state.nextSequence,
            size: options.segmentBytes, createdAtNanoseconds: Clock.unixNanoseconds(),
            observer: options.durabilityObserver
        )
        let lastSequence = state.nextSequence - 1
        let end = UInt64(state.writeOffset)
        try old.updateHeader { header in
            header.state = .sealed
            header.durableLastSequence = lastSequence
            header.durableEndOffset = end
            return true
        }
        // Sealed segments are read-only from here on, in the mapping too.
        guard let sealed = try Segment.open(path: old.path, firstSequence: old.firstSequence, writable: false, observer: options.durabilityObserver) else {
            throw StoreError(.io, "segment \(old.path) vanished while it was sealed")
        }
        state.segments[state.segments.count - 1] = sealed
        state.segments.append(next)
        state.checkpoints.append([])
        state.writeOffset = SegmentFormat.headerSize
        state.syncedOffset = SegmentFormat.headerSize
        state.segmentsDirectoryStamp = DirectoryStamp(segmentsDirectory)
        logger.info("segment sealed", metadata: [
            "segment": "\(old.path)", "lastSequence": "\(state.nextSequence - 1)", "next": "\(next.path)",
        ])
    }

    /// segments/ changed since this process last changed it: throws
    /// `conflictingWriter` if it holds a segment after the active one that
    /// this process did not create (another process is writing the log),
    /// else takes the directory as it is now. Under the lock, so a roll in
    /// between cannot pass for a stranger's segment. Rare: only after
    /// segments/ changed.
    private func checkNoForeignSegment() throws(StoreError) {
        try state.withLock { (state: inout State) throws(StoreError) in
            let active = state.segments[state.segments.count - 1]
            let names = (try? FileManager.default.contentsOfDirectory(atPath: segmentsDirectory)) ?? []
            let foreign = names.sorted().first { name in
                guard let first = SegmentFormat.firstSequence(fromFileName: name) else { return false }
                return first > active.firstSequence
            }
            if let foreign {
                throw StoreError(.conflictingWriter, "segment \(segmentsDirectory)/\(foreign) appeared after the active segment \(active.path), and this process did not create it: another process is writing the data directory")
            }
            state.segmentsDirectoryStamp = DirectoryStamp(segmentsDirectory)
        }
    }

    static func readHeader(_ segment: Segment) throws(StoreError) -> SegmentHeader {
        do {
            return try segment.header()
        } catch {
            throw StoreError(.corrupt, "\(segment.path) at offset 0, its header: \(error)")
        }
    }

    // MARK: Reading

    /// Visits durable records from `sequence` on, in order, until `visit`
    /// returns false or the durable end is reached. Returns the sequence to
    /// continue from.
    @discardableResult
    public func read(from sequence: UInt64, _ visit: (RecordView) throws -> Bool) rethrows -> UInt64 {
        let (segments, checkpoints, durableSequence, activeEnd) = state.withLock { state in
            (state.segments, state.checkpoints, state.durableSequence, state.syncedOffset)
        }
        var next = max(sequence, 1)
        guard next <= durableSequence else { return next }
        // The last segment whose first sequence is at or before `next`.
        var index = segments.lastIndex { $0.firstSequence <= next } ?? 0
        while index < segments.count {
            let segment = segments[index]
            let isActive = index == segments.count - 1
            var keepGoing = true
            let checkpoint = checkpoints[index].last { $0.sequence <= next }
            _ = try RecordScanner.scan(
                segment.bytes, firstSequence: segment.firstSequence, limit: isActive ? activeEnd : nil,
                start: checkpoint.map { ($0.offset, $0.sequence) }
            ) { record in
                guard keepGoing, record.header.sequence >= next, record.header.sequence <= durableSequence else { return }
                keepGoing = try visit(record)
                next = record.header.sequence + 1
            }
            if !keepGoing || next > durableSequence { return next }
            index += 1
        }
        return next
    }

    public var figures: LogFigures {
        state.withLock { state in
            LogFigures(
                lastSequence: state.nextSequence - 1,
                durableSequence: state.durableSequence,
                segments: state.segments.count,
                recordBytes: state.recordBytes,
                reservedBytes: UInt64(state.segments.reduce(0) { $0 + $1.size }),
                syncs: state.syncs,
                syncedRecords: state.syncedRecords
            )
        }
    }

    public var lastSequence: UInt64 { state.withLock { $0.nextSequence - 1 } }

    /// Callers waiting now for something to become durable: appenders, and
    /// reads waiting for the state they answered from. For the tests that
    /// hold a sync and must know who waits behind it.
    public var durabilityWaiters: Int { state.withLock { $0.waiters.count } }

    /// Makes everything durable and marks the active segment offline (closed
    /// cleanly). Appends after this fail with UNAVAILABLE.
    public func close() throws(StoreError) {
        let waiting = try state.withLock { (state: inout State) throws(StoreError) -> [(sequence: UInt64, continuation: CheckedContinuation<Void, any Error>, id: UInt64)] in
            guard !state.closed else { return [] }
            state.closed = true
            let active = state.segments[state.segments.count - 1]
            try active.synchronize(state.syncedOffset..<state.writeOffset)
            state.syncedOffset = state.writeOffset
            state.durableSequence = state.nextSequence - 1
            let lastSequence = state.nextSequence - 1
            let end = UInt64(state.writeOffset)
            try active.updateHeader { header in
                header.state = .offline
                header.durableLastSequence = lastSequence
                header.durableEndOffset = end
                return true
            }
            let waiting = state.waiters
            state.waiters.removeAll()
            return waiting
        }
        // Everything appended is durable now; a wait for a record never
        // written (a watch waiting for the next event) ends with UNAVAILABLE.
        let closedError = StoreError(.closed, "the event log is closed")
        for waiter in waiting {
            if waiter.sequence < lastSequence + 1 {
                waiter.continuation.resume()
            } else {
                waiter.continuation.resume(throwing: closedError)
            }
        }
    }
}

/// When a directory last changed (its mtime) and which directory it is:
/// comparing two tells whether entries were added or removed in between.
struct DirectoryStamp: Equatable {
    let identity: FileIdentity
    let seconds: Int
    let nanoseconds: Int

    /// nil when the directory cannot be looked at (then nothing is compared).
    init?(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        identity = FileIdentity(status)
        seconds = Int(status.st_mtim.tv_sec)
        nanoseconds = Int(status.st_mtim.tv_nsec)
    }
}

enum Clock {
    static func unixNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}

/// Names inside the data directory.
public enum DataDirectoryLayout {
    public static let segments = "segments"
    public static let snapshots = "snapshots"
    public static let quarantine = "quarantine"
}

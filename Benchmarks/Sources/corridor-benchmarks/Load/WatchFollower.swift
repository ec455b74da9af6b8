import CorridorClient
import Glibc
import LoadChecks
import Synchronization

/// A connection holding one Registry/Watch stream open, of every record,
/// counting the events it receives and how late each arrives (its record's
/// timestamp against this machine's clock when it comes in). Its sequence
/// tracker outlives the connection: the soak resumes it from the last
/// sequence seen + 1 after each restart.
final class WatchFollower: Sendable {
    struct Outcome: Sendable {
        var tracker: SequenceTracker
        var events: Int
        var largestLagNanoseconds: UInt64
        /// How the stream ended, when not by our cancelling it.
        var ending: String?
    }

    private let lastSeen: Atomic<UInt64>

    init(after sequence: UInt64) {
        lastSeen = Atomic(sequence)
    }

    /// The last sequence received so far.
    var last: UInt64 { lastSeen.load(ordering: .acquiring) }

    /// Follows the stream until it ends or the task is cancelled.
    func follow(client: CorridorClient, tracker: SequenceTracker) async -> Outcome {
        var outcome = Outcome(tracker: tracker, events: 0, largestLagNanoseconds: 0)
        do {
            for try await event in client.watch(from: tracker.resumeFrom) {
                let lag = Self.wallClockNanoseconds() &- event.recordedAtNs
                if lag < UInt64.max / 2, lag > outcome.largestLagNanoseconds { outcome.largestLagNanoseconds = lag }
                outcome.tracker.receive(event.sequence)
                outcome.events += 1
                lastSeen.store(outcome.tracker.last, ordering: .releasing)
            }
            if !Task.isCancelled { outcome.ending = "the stream ended" }
        } catch {
            if !Task.isCancelled { outcome.ending = "\(error)" }
        }
        return outcome
    }

    /// Waits (polling, up to `timeout` seconds) until every follower has seen
    /// `head`. False when one has not.
    static func waitForAll(_ followers: [WatchFollower], toReach head: UInt64, timeout: Double) async -> Bool {
        let deadline = monotonicNanoseconds() + UInt64(timeout * 1e9)
        while followers.contains(where: { $0.last < head }) {
            if monotonicNanoseconds() > deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    static func wallClockNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }
}

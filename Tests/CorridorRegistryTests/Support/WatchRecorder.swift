@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

/// How a watch ended.
enum WatchEnding: Sendable, Equatable, CustomStringConvertible {
    /// `watch` returned without an error.
    case returned
    /// The test's `send` threw `StopWatching`.
    case stoppedByCaller
    case cancelled
    case registryError(RegistryError.Code, String)
    case other(String)

    var description: String {
        switch self {
        case .returned: "returned"
        case .stoppedByCaller: "stopped by the caller"
        case .cancelled: "cancelled"
        case .registryError(let code, let message): "\(code): \(message)"
        case .other(let text): "other error: \(text)"
        }
    }
}

struct StopWatching: Error {}

/// Collects what a watch sends, and lets a test wait, without sleeping, until
/// it has seen a number of events or the watch has ended. Waits end early
/// when the waiting task is cancelled (see `withinDeadline`).
actor WatchRecorder {
    private(set) var events: [RecordedEvent] = []
    private(set) var ending: WatchEnding?
    private var waiters: [Int: (events: Int?, continuation: CheckedContinuation<Void, Never>)] = [:]
    private var nextWaiter = 0

    var sequences: [UInt64] { events.map(\.sequence) }

    /// Records one event; returns how many have been seen.
    func record(_ event: RecordedEvent) -> Int {
        events.append(event)
        wake()
        return events.count
    }

    func finish(_ ending: WatchEnding) {
        self.ending = ending
        wake()
    }

    /// Until at least `count` events have arrived (or the watch ended).
    func waitForEvents(_ count: Int) async {
        await wait(events: count)
    }

    /// Until the watch has ended.
    func waitForEnd() async {
        await wait(events: nil)
    }

    private func satisfied(_ events: Int?) -> Bool {
        if ending != nil { return true }
        guard let events else { return false }
        return self.events.count >= events
    }

    private func wait(events count: Int?) async {
        guard !satisfied(count) else { return }
        let id = nextWaiter
        nextWaiter += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if Task.isCancelled || satisfied(count) {
                    continuation.resume()
                } else {
                    waiters[id] = (count, continuation)
                }
            }
        } onCancel: {
            Task { await self.release(id) }
        }
    }

    private func release(_ id: Int) {
        waiters.removeValue(forKey: id)?.continuation.resume()
    }

    private func wake() {
        for (id, waiter) in waiters where satisfied(waiter.events) {
            waiters.removeValue(forKey: id)
            waiter.continuation.resume()
        }
    }
}

/// Starts `registry.watch` in a task that reports into a recorder. With
/// `stopAfter`, `send` throws `StopWatching` once that many events arrived.
func startWatch(
    _ registry: Registry, from sequence: UInt64, kinds: Set<RecordKind> = [], recordID: String = "", stopAfter: Int? = nil
) -> (recorder: WatchRecorder, task: Task<Void, Never>) {
    let recorder = WatchRecorder()
    let task = Task {
        let ending: WatchEnding
        do {
            try await registry.watch(from: sequence, kinds: kinds, recordID: recordID) { event in
                let seen = await recorder.record(event)
                if let stopAfter, seen >= stopAfter { throw StopWatching() }
            }
            ending = .returned
        } catch is StopWatching {
            ending = .stoppedByCaller
        } catch is CancellationError {
            ending = .cancelled
        } catch let error as RegistryError {
            ending = .registryError(error.code, error.message)
        } catch {
            ending = .other("\(error)")
        }
        await recorder.finish(ending)
    }
    return (recorder, task)
}

extension WatchRecorder {
    /// Waits (guarded by a deadline) for `count` events.
    func expectEvents(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) async {
        await withinDeadline("\(count) watched events", sourceLocation: sourceLocation) { await self.waitForEvents(count) }
    }

    /// Waits (guarded by a deadline) for the watch to end.
    func expectEnd(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) async -> WatchEnding? {
        await withinDeadline(what, sourceLocation: sourceLocation) { await self.waitForEnd() }
        return ending
    }
}

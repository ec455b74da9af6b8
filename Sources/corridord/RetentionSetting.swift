import Synchronization

/// The retention period in force (`retention.personalAfterClosedDays`), which
/// a SIGHUP reload may change: the reload sets it, and the retention service
/// waiting for its next sweep wakes up and sweeps with the new period at once.
final class RetentionSetting: Sendable {
    private struct State {
        var days: UInt32?
        /// Counts the changes, so that a waiter knows whether it missed one.
        var generation = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state: Mutex<State>

    init(_ days: UInt32?) {
        state = Mutex(State(days: days))
    }

    /// The period and the number of its changes so far.
    var current: (days: UInt32?, generation: Int) {
        state.withLock { ($0.days, $0.generation) }
    }

    /// Sets the period; a change wakes every waiter.
    func update(_ days: UInt32?) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard state.days != days else { return [] }
            state.days = days
            state.generation += 1
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in woken { waiter.resume() }
    }

    /// Returns once the period has changed after `generation`, or the task is cancelled.
    func waitForChange(after generation: Int) async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Checked under the lock: a change or a cancellation that came
                // before the continuation was stored is not missed.
                let now = state.withLock { state -> Bool in
                    if state.generation != generation || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}

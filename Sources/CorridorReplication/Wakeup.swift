import Synchronization

/// Wakes one waiting task: a follower waiting for new events is woken by a
/// notification from PostgreSQL, a promotion request, or its poll interval,
/// whichever comes first. A signal with nobody waiting is kept for the next
/// wait, so none is lost between two waits.
final class Wakeup: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Whether a signal waits for the next `wait` (for tests).
    var isPending: Bool { state.withLock { $0.pending } }

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns at the next signal, or after `limit`, or when the task is cancelled.
    func wait(upTo limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // The bound on a wait, not a synchronisation: a follower
                // reads again after it whether or not anything was signalled.
                // Cancelled (a real signal came first), it must not signal:
                // that would leave a signal pending, the next wait would
                // return at once and cancel its own timer, and so on: a
                // follower spinning on the replica store.
                do {
                    try await Task.sleep(for: limit)
                    self.signal()
                } catch {}
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let now = state.withLock { state -> Bool in
                        if state.pending || Task.isCancelled {
                            state.pending = false
                            return true
                        }
                        state.waiter = continuation
                        return false
                    }
                    if now { continuation.resume() }
                }
            } onCancel: {
                self.signal()
            }
            group.cancelAll()
        }
        // A timer that fires just as a real signal arrives can still leave
        // one signal pending: the next wait then returns at once, once.
    }
}

import Synchronization

/// An append-only record of things that happened elsewhere (log lines, method
/// handler events), which a test can wait on: the waiting ends when the event
/// is recorded, not after some time.
public final class EventRecorder<Event: Sendable>: Sendable {
    private struct Waiter {
        let condition: @Sendable ([Event]) -> Bool
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var events: [Event] = []
        var waiters: [UInt64: Waiter] = [:]
        var nextWaiter: UInt64 = 0
        var abandoned: Set<UInt64> = []
    }

    private let state = Mutex(State())

    public init() {}

    public var events: [Event] { state.withLock { $0.events } }

    public func append(_ event: Event) {
        let satisfied: [CheckedContinuation<Void, any Error>] = state.withLock { state in
            state.events.append(event)
            var satisfied: [CheckedContinuation<Void, any Error>] = []
            for (id, waiter) in state.waiters where waiter.condition(state.events) {
                state.waiters[id] = nil
                satisfied.append(waiter.continuation)
            }
            return satisfied
        }
        for continuation in satisfied { continuation.resume() }
    }

    /// Waits until `condition` holds for the events recorded so far.
    public func waitUntil(
        _ what: String,
        within bound: Duration = .seconds(30),
        _ condition: @escaping @Sendable ([Event]) -> Bool
    ) async throws {
        try await withSafetyTimeout(bound, waitingFor: what) { try await self.wait(condition) }
    }

    /// Waits for the first event matching `predicate` (which may already be there) and returns it.
    @discardableResult
    public func first(
        _ what: String,
        within bound: Duration = .seconds(30),
        where predicate: @escaping @Sendable (Event) -> Bool
    ) async throws -> Event {
        try await waitUntil(what, within: bound) { $0.contains(where: predicate) }
        return events.first(where: predicate)!
    }

    private func wait(_ condition: @escaping @Sendable ([Event]) -> Bool) async throws {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = state.withLock { state in
                    if condition(state.events) { return .success(()) }
                    if state.abandoned.remove(id) != nil { return .failure(CancellationError()) }
                    state.waiters[id] = Waiter(condition: condition, continuation: continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let continuation = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                if let waiter = state.waiters.removeValue(forKey: id) { return waiter.continuation }
                state.abandoned.insert(id)
                return nil
            }
            continuation?.resume(throwing: CancellationError())
        }
    }
}

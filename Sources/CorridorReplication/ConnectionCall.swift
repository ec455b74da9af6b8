import PostgresNIO
import Synchronization

/// One operation on one connection, raced against the connection closing
/// and against a bound on waiting (ReplicaStore.withConnection says why the
/// operation alone cannot be trusted to end).
enum ConnectionCall<Value: Sendable>: Sendable {
    case answered(Value)
    case failed(any Error)
    /// The connection closed while the operation was still waiting.
    case connectionClosed
    /// No answer within the bound; the connection has been closed.
    case timedOut

    /// Runs `body` on `connection` in a task of its own and returns the first
    /// of: its result, the connection's close, `limit` elapsing. A body that
    /// fails because the connection closed may be reported either way; both
    /// mean the server may not have seen the end of the operation. A body
    /// still waiting afterwards is cancelled and left behind.
    static func run(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Value,
        on connection: PostgresConnection, within limit: Duration
    ) async -> ConnectionCall {
        let settled = Mutex(false)
        let claim: @Sendable () -> Bool = { settled.withLock { done in defer { done = true }; return !done } }
        let tasks = Mutex<[Task<Void, Never>]>([])
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<ConnectionCall, Never>) in
            let work = Task {
                let result: ConnectionCall
                do {
                    result = .answered(try await body(connection))
                } catch {
                    result = .failed(error)
                }
                if claim() { continuation.resume(returning: result) }
            }
            let bound = Task {
                // The bound itself, not a synchronisation.
                try? await Task.sleep(for: limit)
                guard !Task.isCancelled, claim() else { return }
                connection.close().whenComplete { _ in }
                continuation.resume(returning: .timedOut)
            }
            tasks.withLock { $0 = [work, bound] }
            connection.closeFuture.whenComplete { _ in
                if claim() { continuation.resume(returning: .connectionClosed) }
            }
        }
        for task in tasks.withLock({ $0 }) { task.cancel() }
        return outcome
    }
}

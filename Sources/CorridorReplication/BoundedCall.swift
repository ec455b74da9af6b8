import Synchronization

/// A call to the replica store that took longer than its bound: treated as
/// PostgreSQL being unreachable (retry). The store bounds each answer
/// itself; this bounds the whole call, connecting and closing included, so
/// that no state of a connection can stall a primary's copies or a
/// follower's reads for good (seen once in CI: a copy in flight when
/// PostgreSQL stopped, never answered, never failed).
struct ReplicaCallTimeout: Error, CustomStringConvertible {
    let limit: Duration
    var description: String { "no answer from PostgreSQL within \(limit) (the call was abandoned and is tried again)" }
}

/// Runs `operation` in a task of its own and returns its result, or throws
/// `ReplicaCallTimeout` after `limit` and leaves the task cancelled behind
/// it. Only for idempotent calls: an abandoned append that commits late is
/// skipped when it is sent again (same sequence, same checksum).
func bounded<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let settled = Mutex(false)
    let claim: @Sendable () -> Bool = { settled.withLock { done in defer { done = true }; return !done } }
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let work = Task {
            do {
                let value = try await operation()
                if claim() { continuation.resume(returning: value) }
            } catch {
                if claim() { continuation.resume(throwing: error) }
            }
        }
        Task {
            // The bound itself, not a synchronisation.
            try? await Task.sleep(for: limit)
            if claim() {
                work.cancel()
                continuation.resume(throwing: ReplicaCallTimeout(limit: limit))
            }
        }
    }
}

import CorridorWire
import Synchronization

/// The serving status of each service, with grpc.health.v1's meaning: ""
/// is the server as a whole. Watchers see the current status, then changes.
public final class HealthStatusBoard: Sendable {
    /// The generated health.proto enum: what Check and Watch answer.
    public typealias ServingStatus = Corridor_V1_HealthCheckResponse.ServingStatus

    private struct State {
        var statuses: [String: ServingStatus] = [:]
        var watchers: [UInt64: (service: String, continuation: AsyncStream<ServingStatus>.Continuation)] = [:]
        var nextWatcher: UInt64 = 0
        var closed = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Nil when the service is not known (NOT_FOUND for Check).
    public func status(of service: String) -> ServingStatus? {
        state.withLock { $0.statuses[service] }
    }

    public func set(_ status: ServingStatus, for service: String) {
        // Continuations are resumed outside the lock: finishing one runs its
        // onTermination, which takes the lock again.
        let watchers = state.withLock { state -> [AsyncStream<ServingStatus>.Continuation] in
            guard state.statuses[service] != status else { return [] }
            state.statuses[service] = status
            return state.watchers.values.filter { $0.service == service }.map(\.continuation)
        }
        for watcher in watchers { watcher.yield(status) }
    }

    /// Marks every service NOT_SERVING, tells the watchers, and ends their streams.
    public func shutDown() {
        let watchers = state.withLock { state in
            state.closed = true
            for service in state.statuses.keys { state.statuses[service] = .notServing }
            let watchers = state.watchers.values.map(\.continuation)
            state.watchers.removeAll()
            return watchers
        }
        for watcher in watchers {
            watcher.yield(.notServing)
            watcher.finish()
        }
    }

    /// The status now (SERVICE_UNKNOWN for an unknown service), then each change.
    /// The stream ends when the board shuts down.
    public func watch(_ service: String) -> AsyncStream<ServingStatus> {
        let (stream, continuation) = AsyncStream<ServingStatus>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let id: UInt64? = state.withLock { state in
            continuation.yield(state.statuses[service] ?? .serviceUnknown)
            guard !state.closed else { return nil }
            state.nextWatcher += 1
            state.watchers[state.nextWatcher] = (service, continuation)
            return state.nextWatcher
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.watchers.removeValue(forKey: id) }
        }
        return stream
    }
}

import Synchronization

/// Counters the System service reports; updated from every event loop.
public final class ServerStatistics: Sendable {
    private let connections = Atomic<Int>(0)
    private let calls = Atomic<UInt64>(0)
    public let startedAt: ContinuousClock.Instant
    public let startedAtUnixMilliseconds: UInt64

    public init(startedAtUnixMilliseconds: UInt64) {
        self.startedAt = .now
        self.startedAtUnixMilliseconds = startedAtUnixMilliseconds
    }

    public var openConnections: Int { connections.load(ordering: .relaxed) }
    public var callsServed: UInt64 { calls.load(ordering: .relaxed) }

    func connectionOpened() { connections.add(1, ordering: .relaxed) }
    func connectionClosed() { connections.subtract(1, ordering: .relaxed) }
    func callEnded() { calls.add(1, ordering: .relaxed) }
}

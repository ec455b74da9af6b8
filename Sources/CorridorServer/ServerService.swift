import ServiceLifecycle

/// Runs a CorridorServer inside a ServiceGroup: listens, reports that it
/// listens, and on graceful shutdown drains before returning.
public struct ServerService: Service {
    private let server: CorridorServer
    private let source: ListenSource
    private let onListening: @Sendable () async -> Void

    public init(server: CorridorServer, source: ListenSource, onListening: @escaping @Sendable () async -> Void) {
        self.server = server
        self.source = source
        self.onListening = onListening
    }

    public func run() async throws {
        try await server.start(source)
        await onListening()
        // Throws only when the group is cancelled outright; drain either way.
        try? await gracefulShutdown()
        await server.shutdownGracefully()
    }
}

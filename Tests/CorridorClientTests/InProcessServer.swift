import CorridorServer
import CorridorTestSupport
import CorridorWire
import Foundation
import Logging

/// A real CorridorServer on a short temporary socket path, for one test.
struct InProcessServer {
    let server: CorridorServer
    let directory: String
    var socketPath: String { directory + "/s.sock" }

    static func start(
        directory given: String? = nil, limits: ServerLimits = ServerLimits(), methods: MethodRouter = MethodRouter(),
        storeStatus: (@Sendable () async -> StoreStatus)? = nil
    ) async throws -> InProcessServer {
        let directory = try given ?? TemporaryDirectory().path
        var configuration = ServerConfiguration(socketPath: directory + "/s.sock", dataDirectory: directory + "/data")
        configuration.limits = limits
        var logger = Logger(label: "test-server")
        logger.logLevel = .critical
        let server = CorridorServer(configuration: configuration, methods: methods, storeStatus: storeStatus, logger: logger)
        try await server.start()
        return InProcessServer(server: server, directory: directory)
    }

    func stop() async {
        await server.shutdownGracefully()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

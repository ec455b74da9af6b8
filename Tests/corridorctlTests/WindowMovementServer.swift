import CorridorRegistry
import CorridorServer
import Foundation
import Logging

/// A real server with a registry behind it, on a temporary directory, for
/// the window and movement commands (the shared InProcessServer has no registry).
struct WindowMovementServer {
    let server: CorridorServer
    let registry: Registry
    let directory: String
    var socketPath: String { directory + "/s.sock" }

    static func start() async throws -> WindowMovementServer {
        var template = Array("/tmp/cwm-XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template)!)
        var logger = Logger(label: "test-registry")
        logger.logLevel = .critical
        let (registry, _) = try Registry.open(dataDirectory: directory + "/data", options: RegistryOptions(), logger: logger)
        let server = CorridorServer(
            configuration: ServerConfiguration(socketPath: directory + "/s.sock", dataDirectory: directory + "/data"),
            methods: RegistryService.methods(registry: registry), storeStatus: { await registry.storeStatus }, logger: logger
        )
        try await server.start()
        return WindowMovementServer(server: server, registry: registry, directory: directory)
    }

    func stop() async {
        await server.shutdownGracefully()
        await registry.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

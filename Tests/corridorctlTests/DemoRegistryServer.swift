import CorridorRegistry
import CorridorServer
import Foundation
import Logging

/// A real CorridorServer serving a real Registry (as corridord does) on a
/// short temporary socket path, for the commands that need the registry.
/// InProcessServer serves only the System and Health services.
struct DemoRegistryServer {
    let server: CorridorServer
    let registry: Registry
    let directory: String
    var socketPath: String { directory + "/s.sock" }

    static func start() async throws -> DemoRegistryServer {
        var template = Array("/tmp/ctl-XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template)!)
        var logger = Logger(label: "test-registry-server")
        logger.logLevel = .critical
        let (registry, _) = try Registry.open(dataDirectory: directory + "/data", logger: logger)
        let server = CorridorServer(
            configuration: ServerConfiguration(socketPath: directory + "/s.sock", dataDirectory: directory + "/data"),
            methods: RegistryService.methods(registry: registry),
            storeStatus: { await registry.storeStatus },
            logger: logger
        )
        try await server.start()
        return DemoRegistryServer(server: server, registry: registry, directory: directory)
    }

    func stop() async {
        await server.shutdownGracefully()
        await registry.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

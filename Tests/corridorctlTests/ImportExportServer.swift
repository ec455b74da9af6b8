import CorridorRegistry
import CorridorServer
import Foundation
import Logging

/// A real CorridorServer serving a registry on a temporary data directory,
/// for the import and export commands' tests.
struct ImportExportServer {
    let server: CorridorServer
    let registry: Registry
    let directory: String
    var socketPath: String { directory + "/s.sock" }

    static func start() async throws -> ImportExportServer {
        var template = Array("/tmp/ctl-XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template)!)
        var logger = Logger(label: "test-server")
        logger.logLevel = .critical
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        let registry = try Registry.open(dataDirectory: directory + "/data", logger: logger).0
        let server = CorridorServer(
            configuration: ServerConfiguration(socketPath: directory + "/s.sock", dataDirectory: directory + "/data"),
            methods: RegistryService.methods(registry: registry),
            logger: logger
        )
        try await server.start()
        return ImportExportServer(server: server, registry: registry, directory: directory)
    }

    func stop() async {
        await server.shutdownGracefully()
        await registry.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

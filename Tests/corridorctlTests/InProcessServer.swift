import CorridorRegistry
import CorridorServer
import CorridorWire
import Foundation
import Logging

/// A real CorridorServer on a short temporary socket path, for one test:
/// with only the System and Health services (`start()`), or serving a real
/// Registry as corridord does (`startWithRegistry()`).
struct InProcessServer {
    let server: CorridorServer
    let registry: Registry?
    let directory: String
    var socketPath: String { directory + "/s.sock" }

    static func start() async throws -> InProcessServer {
        let directory = makeDirectory()
        let server = CorridorServer(
            configuration: ServerConfiguration(socketPath: directory + "/s.sock", dataDirectory: directory + "/data"),
            logger: quietLogger()
        )
        try await server.start()
        return InProcessServer(server: server, registry: nil, directory: directory)
    }

    /// `prepare` gets the data directory before the registry opens it, to
    /// write a log the test needs (e.g. records with set registration times).
    static func startWithRegistry(prepare: (String) async throws -> Void = { _ in }) async throws -> InProcessServer {
        let directory = makeDirectory()
        let data = directory + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try await prepare(data)
        let logger = quietLogger()
        let (registry, _) = try Registry.open(dataDirectory: data, recordCoding: ProtobufRecordCoding(), logger: logger)
        let server = CorridorServer(
            configuration: ServerConfiguration(socketPath: directory + "/s.sock", dataDirectory: data),
            methods: RegistryService.methods(registry: registry),
            storeStatus: { await registry.storeStatus },
            logger: logger
        )
        try await server.start()
        return InProcessServer(server: server, registry: registry, directory: directory)
    }

    /// Stops the server, then closes the registry it served.
    func stop() async {
        await server.shutdownGracefully()
        await registry?.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func makeDirectory() -> String {
        var template = Array("/tmp/ctl-XXXXXX".utf8CString)
        return String(cString: mkdtemp(&template)!)
    }

    private static func quietLogger() -> Logger {
        var logger = Logger(label: "test-server")
        logger.logLevel = .critical
        return logger
    }
}

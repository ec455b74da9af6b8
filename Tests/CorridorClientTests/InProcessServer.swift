import CorridorServer
import Foundation
import Logging

/// A real CorridorServer on a short temporary socket path, for one test.
struct InProcessServer {
    let server: CorridorServer
    let directory: String
    var socketPath: String { directory + "/s.sock" }

    static func start(limits: ServerLimits = ServerLimits(), methods: MethodRouter = MethodRouter()) async throws -> InProcessServer {
        var template = Array("/tmp/cct-XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template)!)
        var configuration = ServerConfiguration(socketPath: directory + "/s.sock", dataDirectory: directory + "/data")
        configuration.limits = limits
        var logger = Logger(label: "test-server")
        logger.logLevel = .critical
        let server = CorridorServer(configuration: configuration, methods: methods, logger: logger)
        try await server.start()
        return InProcessServer(server: server, directory: directory)
    }

    func stop() async {
        await server.shutdownGracefully()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

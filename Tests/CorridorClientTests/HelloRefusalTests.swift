import CorridorClient
import CorridorTestSupport
import CorridorWire
import Foundation
import NIOCore
import Testing

/// A server that answers hello with a refusal must surface as that status,
/// not as a hang or a vague error. The "server" here is a bare socket that
/// plays the refusing side of PROTOCOL.md by hand.
@Suite struct HelloRefusalTests {
    /// Repeated because the server closes at once: the client once looked its
    /// handler up in a pipeline the close had already emptied, and answered
    /// "notFound" instead of the refusal (seen once in CI, on a loaded machine).
    @Test(arguments: 0..<40) func aRefusedHelloIsThrownWithTheServersStatus(round: Int) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("s.sock")
        let listener = try Self.listeningSocket(at: path)
        let refusal = RPCStatus(.failedPrecondition, "protocol version 1.0 is not supported; this server speaks 2.0")
        let peer = Thread {
            let connection = accept(listener, nil, nil)
            var buffer = ByteBuffer()
            buffer.writeFrame(Frame(streamID: 0, .status(refusal)))
            let bytes = Array(buffer.readableBytesView)
            _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, 0) }
            close(connection)
            close(listener)
        }
        peer.start()
        do {
            _ = try await CorridorClient.connect(to: path, configuration: .forTests)
            Issue.record("a refused hello connected")
        } catch {
            #expect(error.code == .failedPrecondition)
            #expect(error.message == refusal.message)
        }
    }

    /// A socket listening at `path` that nothing accepts on: connects succeed
    /// (the backlog takes them) and nothing is ever answered.
    static func listeningSocket(at path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0 && listen(descriptor, 1) == 0)
        return descriptor
    }
}

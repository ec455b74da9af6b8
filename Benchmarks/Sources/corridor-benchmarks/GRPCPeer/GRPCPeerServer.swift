import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix

/// The grpc-swift-2 peer's server: this same binary, started with
/// `--grpc-peer PATH`, serving the unary Ping (an echo of the request's
/// bytes) over HTTP/2 on the Unix socket PATH with the transport's defaults.
/// It is its own process, as corridord is, so its memory can be read alone.
/// It writes "READY" on standard output once it listens, and runs until
/// SIGTERM.
enum GRPCPeerServer {
    static let flag = "--grpc-peer"
    static let readyLine = "READY"

    static func main(arguments: [String]) async -> Never {
        let path = arguments[1]
        let transport = HTTP2ServerTransport.Posix(
            address: .unixDomainSocket(path: path),
            transportSecurity: .plaintext
        )
        var router = RPCRouter<HTTP2ServerTransport.Posix>()
        router.registerHandler(
            forMethod: GRPCPeerMethod.ping,
            deserializer: RawBytesDeserializer(),
            serializer: RawBytesSerializer()
        ) { request, _ in
            var payload: [UInt8] = []
            for try await message in request.messages { payload = message }
            return StreamingServerResponse(single: ServerResponse(message: payload))
        }
        let server = GRPCServer(transport: transport, router: router)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.serve() }
                _ = try await transport.listeningAddress
                FileHandle.standardOutput.write(Data("\(readyLine)\n".utf8))
                try await group.next()
            }
        } catch {
            FileHandle.standardError.write(Data("corridor-benchmarks grpc peer: \(error)\n".utf8))
            exit(1)
        }
        exit(0)
    }
}

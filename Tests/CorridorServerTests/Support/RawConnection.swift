import CorridorTestSupport
import CorridorWire
import Glibc
import NIOCore
import NIOPosix
import Testing

/// What the next read on a raw connection produced.
enum RawRead: Sendable {
    case frame(Frame)
    /// The server closed the connection. `reset` is true when the kernel said
    /// ECONNRESET instead of a clean end of file: on AF_UNIX that happens when
    /// the server closes with bytes of ours still unread, which a server that
    /// gives up on a connection is entitled to do.
    case closed(reset: Bool)
}

struct RawConnectionError: Error, CustomStringConvertible {
    let description: String
}

/// A blocking AF_UNIX client over plain syscalls, for sending the server
/// exactly the bytes a test wants (broken ones included) and reading exactly
/// what comes back, frame by frame.
///
/// Reads block (with SO_RCVTIMEO as a safety net, so that a missing answer
/// fails the test instead of hanging it); the async methods run them on
/// NIO's blocking thread pool so that they never hold a thread of the
/// cooperative pool the server's method handlers need. One operation at a
/// time per connection.
final class RawConnection: @unchecked Sendable {
    let descriptor: Int32
    private var received = ByteBuffer()
    private var decoder = FrameDecoder(maxFrameBytes: 64 * 1024 * 1024)
    private var isClosed = false

    init(connectingTo path: String, receiveTimeout: Duration = .seconds(30)) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw RawConnectionError(description: "socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in raw.copyBytes(from: path.utf8) }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let error = errno
            Glibc.close(descriptor)
            throw RawConnectionError(description: "connect to \(path): errno \(error)")
        }
        self.descriptor = descriptor
        // A safety net, stretched under a sanitizer like every other.
        setTimeout(SO_RCVTIMEO, TestDeadline.scaled(receiveTimeout))
    }

    deinit {
        if !isClosed { Glibc.close(descriptor) }
    }

    // MARK: Blocking primitives

    /// Sets SO_RCVTIMEO or SO_SNDTIMEO.
    func setTimeout(_ option: Int32, _ duration: Duration) {
        var value = timeval(
            tv_sec: Int(duration.components.seconds),
            tv_usec: Int(duration.components.attoseconds / 1_000_000_000_000)
        )
        setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes all of `bytes`, blocking as needed. EPIPE and ECONNRESET mean the
    /// server has closed the connection.
    func sendAllBlocking(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if written < 0 {
                if errno == EINTR { continue }
                throw RawConnectionError(description: "send: errno \(errno)")
            }
            offset += written
        }
    }

    /// Writes as much of `bytes` as the socket takes before SO_SNDTIMEO (set by
    /// the caller) runs out; returns how much that was and whether it ran out.
    func sendUntilBlocked(_ bytes: UnsafeRawBufferPointer) throws -> (written: Int, blocked: Bool) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if written < 0 {
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: return (offset, true)
                default: throw RawConnectionError(description: "send: errno \(errno)")
                }
            }
            offset += written
        }
        return (offset, false)
    }

    /// The next frame from the server, or the end of the connection.
    func readBlocking() throws -> RawRead {
        while true {
            if let inbound = decoder.decodeOne(&received) {
                guard case .frame(let frame) = inbound else {
                    throw RawConnectionError(description: "the server sent bytes that are not a frame: \(inbound)")
                }
                return .frame(frame)
            }
            received.discardReadBytes()
            var count = 0
            received.writeWithUnsafeMutableBytes(minimumWritableBytes: 64 * 1024) { space in
                count = recv(descriptor, space.baseAddress!, space.count, 0)
                return max(count, 0)
            }
            if count > 0 { continue }
            if count == 0 {
                guard received.readableBytes == 0 else {
                    throw RawConnectionError(description: "the server closed the connection in the middle of a frame")
                }
                return .closed(reset: false)
            }
            switch errno {
            case EINTR: continue
            case ECONNRESET:
                guard received.readableBytes == 0 else {
                    throw RawConnectionError(description: "connection reset in the middle of a frame")
                }
                return .closed(reset: true)
            case EAGAIN, EWOULDBLOCK:
                throw RawConnectionError(description: "nothing from the server within the receive timeout (safety net)")
            default:
                throw RawConnectionError(description: "recv: errno \(errno)")
            }
        }
    }

    // MARK: Async, off the cooperative pool

    /// Runs blocking work on this connection on NIO's blocking thread pool.
    func blocking<T: Sendable>(_ body: @escaping @Sendable (RawConnection) throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive { try body(self) }
    }

    func send(bytes: [UInt8]) async throws {
        try await blocking { connection in
            try bytes.withUnsafeBytes { try connection.sendAllBlocking($0) }
        }
    }

    func send(_ buffer: ByteBuffer) async throws {
        try await send(bytes: Array(buffer.readableBytesView))
    }

    /// Sends the frames in one write, each with its length prefix.
    func send(_ frames: Frame...) async throws {
        var buffer = ByteBuffer()
        for frame in frames { buffer.writeFrame(frame) }
        try await send(buffer)
    }

    func read() async throws -> RawRead {
        try await blocking { try $0.readBlocking() }
    }

    /// The next frame; the end of the connection here is a failure, and so is
    /// nothing arriving before the receive timeout.
    func readFrame(sourceLocation: SourceLocation = #_sourceLocation) async throws -> Frame {
        let next: RawRead
        do {
            next = try await read()
        } catch {
            Issue.record("reading the next frame: \(error)", sourceLocation: sourceLocation)
            throw error
        }
        switch next {
        case .frame(let frame):
            return frame
        case .closed(let reset):
            Issue.record("expected a frame, but the server closed the connection (reset: \(reset))", sourceLocation: sourceLocation)
            throw RawConnectionError(description: "connection closed")
        }
    }

    /// Expects the server to close the connection without sending anything more.
    func expectClosed(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        switch try await read() {
        case .frame(let frame):
            Issue.record("expected the server to close the connection, got \(frame)", sourceLocation: sourceLocation)
        case .closed:
            break
        }
    }

    /// Reads frames until the server closes the connection; returns them.
    func readUntilClosed() async throws -> [Frame] {
        try await blocking { connection in
            var frames: [Frame] = []
            while case .frame(let frame) = try connection.readBlocking() { frames.append(frame) }
            return frames
        }
    }

    /// Ends our side of the stream: the server reads end of file.
    func shutdownWriting() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(descriptor)
    }
}

// MARK: Protocol steps

extension RawConnection {
    /// Says hello and expects the server's HelloReply on stream 0.
    @discardableResult
    func hello(version: ProtocolVersion = .current, sourceLocation: SourceLocation = #_sourceLocation) async throws -> HelloReply {
        try await send(Frame(streamID: Frame.connectionStream, .hello(Hello(version: version, clientName: "raw-test"))))
        let frame = try await readFrame(sourceLocation: sourceLocation)
        guard frame.streamID == Frame.connectionStream, case .helloReply(let reply) = frame.kind else {
            Issue.record("expected HelloReply on stream 0, got \(frame)", sourceLocation: sourceLocation)
            throw RawConnectionError(description: "no hello reply")
        }
        return reply
    }

    /// Starts a call on `streamID`.
    func startCall(
        _ method: String, on streamID: UInt32, payload: ByteBuffer = ByteBuffer(),
        timeoutMilliseconds: UInt32 = 0, requestID: String = ""
    ) async throws {
        try await send(Frame(streamID: streamID, .call(CallStart(
            method: method, timeoutMilliseconds: timeoutMilliseconds, payload: payload, requestID: requestID
        ))))
    }

    /// Expects the next frame to be a Status with `code` on `streamID`; returns it.
    @discardableResult
    func expectStatus(
        _ code: StatusCode, on streamID: UInt32, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> RPCStatus {
        let frame = try await readFrame(sourceLocation: sourceLocation)
        guard case .status(let status) = frame.kind else {
            Issue.record("expected a Status \(code) on stream \(streamID), got \(frame)", sourceLocation: sourceLocation)
            throw RawConnectionError(description: "unexpected frame")
        }
        #expect(frame.streamID == streamID, "status \(status) came on stream \(frame.streamID)", sourceLocation: sourceLocation)
        #expect(status.code == code, "got \(status)", sourceLocation: sourceLocation)
        return status
    }

    /// Expects the next frame to be a Message on `streamID`; returns its payload.
    @discardableResult
    func expectMessage(on streamID: UInt32, sourceLocation: SourceLocation = #_sourceLocation) async throws -> ByteBuffer {
        let frame = try await readFrame(sourceLocation: sourceLocation)
        guard case .message(let payload) = frame.kind else {
            Issue.record("expected a Message on stream \(streamID), got \(frame)", sourceLocation: sourceLocation)
            throw RawConnectionError(description: "unexpected frame")
        }
        #expect(frame.streamID == streamID, "message came on stream \(frame.streamID)", sourceLocation: sourceLocation)
        return payload
    }

    /// Calls System.Ping on `streamID` and expects exactly its answer next: the
    /// echoed payload, then OK. Proves the connection (and its framing) is intact.
    func expectPingRoundTrip(on streamID: UInt32, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let sent: [UInt8] = Array("ping on stream \(streamID)".utf8)
        try await startCall(Corridor_V1_System.ping.path, on: streamID, payload: ByteBuffer(bytes: Corridor_V1_PingRequest(payload: sent).serializedBytes()))
        let payload = try await expectMessage(on: streamID, sourceLocation: sourceLocation)
        let echoed = try Corridor_V1_PingResponse(serializedBytes: payload)
        #expect(echoed.payload == sent, sourceLocation: sourceLocation)
        try await expectStatus(.ok, on: streamID, sourceLocation: sourceLocation)
    }
}

extension Frame {
    /// A CallStart frame for System.Ping with `payload`.
    static func ping(on streamID: UInt32, payload: [UInt8]) -> Frame {
        Frame(streamID: streamID, .call(CallStart(
            method: Corridor_V1_System.ping.path, payload: ByteBuffer(bytes: Corridor_V1_PingRequest(payload: payload).serializedBytes())
        )))
    }
}

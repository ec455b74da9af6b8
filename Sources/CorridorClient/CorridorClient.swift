import CorridorWire
import Glibc
import NIOCore
import NIOPosix
import Synchronization

@_exported import struct CorridorWire.RPCError
@_exported import struct CorridorWire.RPCStatus
@_exported import enum CorridorWire.StatusCode
@_exported import enum CorridorWire.DefaultLocations
@_exported import enum CorridorWire.CorridorVersion
@_exported import struct CorridorModel.FieldViolation
@_exported import enum CorridorWire.SocketDirectoryPolicy

/// How a client connects and behaves.
public struct ClientConfiguration: Sendable {
    /// The name the client gives in its hello (shown in the daemon's log).
    public var clientName = "CorridorClient"
    /// The largest frame the client accepts from the server.
    public var maxFrameBytes: UInt32 = 64 * 1024 * 1024
    /// Ping the server after this much silence; nil: never.
    public var keepaliveInterval: Duration? = .seconds(30)
    /// How long connecting and the hello exchange may take.
    public var connectTimeout: Duration = .seconds(10)
    /// Every call's timeout, the typed calls' defaults included, is multiplied
    /// by this (1 to 100). For a client on a machine known to be many times
    /// slower than the defaults assume: the test suites under a sanitizer
    /// (docs/TESTING.md, "Sanitizers").
    public var callTimeoutScale = 1

    public init() {}
}

/// A connection to corridord, with calls multiplexed over it. Safe to share
/// between tasks: each call has its own stream.
public final class CorridorClient: Sendable {
    /// What the server said in its hello reply: versions and limits.
    public let server: HelloReply
    public let socketPath: String
    private let channel: any Channel
    private let handler: NIOLoopBound<ClientConnectionHandler>
    private let nextStreamID = Atomic<UInt32>(1)
    private let callTimeoutScale: Int

    private init(server: HelloReply, socketPath: String, channel: any Channel, handler: NIOLoopBound<ClientConnectionHandler>, callTimeoutScale: Int) {
        self.server = server
        self.socketPath = socketPath
        self.channel = channel
        self.handler = handler
        // Bounded, so that a scaled timeout of at most a day stays far from Duration's and TimeAmount's range.
        self.callTimeoutScale = min(max(callTimeoutScale, 1), 100)
    }

    /// Connects and exchanges hellos. Errors are RPCErrors: UNAVAILABLE when
    /// nothing listens at `socketPath`, PERMISSION_DENIED when the process
    /// listening there is not one a client may trust (ServerIdentity),
    /// FAILED_PRECONDITION when the server refuses the protocol version.
    public static func connect(
        to socketPath: String,
        configuration: ClientConfiguration = ClientConfiguration(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(RPCError) -> CorridorClient {
        let loop = group.next()
        // NIO's own conversion, to the nanosecond: a timeout of 250 ms is 250 ms, not 0 s.
        let connectTimeout = TimeAmount(configuration.connectTimeout)
        let helloPromise = loop.makePromise(of: HelloReply.self)
        let peerPromise = loop.makePromise(of: UInt32.self)
        let keepalive = configuration.keepaliveInterval.map(TimeAmount.init)
        let hello = Hello(clientName: configuration.clientName)
        let channel: any Channel
        let handler: NIOLoopBound<ClientConnectionHandler>
        do {
            // The handler is handed out by the initializer itself, not looked up in
            // the pipeline afterwards: a server that answers the hello with a
            // refusal and closes at once has emptied the pipeline by then.
            let handlerPromise = loop.makePromise(of: NIOLoopBound<ClientConnectionHandler>.self)
            let connected = ClientBootstrap(group: loop)
                .connectTimeout(connectTimeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let connection = ClientConnectionHandler(hello: hello, helloPromise: helloPromise, keepaliveInterval: keepalive)
                        try channel.pipeline.syncOperations.addHandlers(
                            PeerUIDReader(peer: peerPromise),
                            ByteToMessageHandler(FrameDecoder(maxFrameBytes: configuration.maxFrameBytes)),
                            connection
                        )
                        handlerPromise.succeed(NIOLoopBound(connection, eventLoop: channel.eventLoop))
                    }
                }
                .connect(unixDomainSocketPath: socketPath)
            connected.whenFailure { handlerPromise.fail($0) }
            (channel, handler) = try await connected.and(handlerPromise.futureResult).get()
        } catch {
            helloPromise.fail(error)
            peerPromise.fail(error)
            throw RPCError(.unavailable, "cannot connect to corridord at \(socketPath): \(Self.describe(error))")
        }
        // Before the first call can carry anyone's data: is this corridord's socket at all?
        do {
            let peerUID = try await peerPromise.futureResult.get()
            let ownUID = geteuid()
            // The user database is asked only when the answer matters: it may be a network service.
            let systemUserUID = peerUID == 0 || peerUID == ownUID ? nil : ServerIdentity.systemUserUID()
            guard ServerIdentity.isTrusted(peerUID: peerUID, ownUID: ownUID, systemUserUID: systemUserUID) else {
                throw ServerIdentity.refusal(socketPath: socketPath, peerUID: peerUID, ownUID: ownUID, systemUserUID: systemUserUID)
            }
        } catch {
            helloPromise.fail(error)
            channel.close(promise: nil)
            throw (error as? RPCError) ?? RPCError(.unavailable, "cannot learn who listens at \(socketPath): \(Self.describe(error))")
        }
        let timeout = loop.scheduleTask(in: connectTimeout) {
            helloPromise.fail(RPCError(.deadlineExceeded, "corridord at \(socketPath) did not answer the hello within \(connectTimeout)"))
        }
        do {
            let reply = try await helloPromise.futureResult.get()
            timeout.cancel()
            return CorridorClient(server: reply, socketPath: socketPath, channel: channel, handler: handler, callTimeoutScale: configuration.callTimeoutScale)
        } catch {
            timeout.cancel()
            channel.close(promise: nil)
            throw (error as? RPCError) ?? RPCError(.unavailable, "hello with corridord failed: \(error)")
        }
    }

    /// Closes the connection; calls in flight fail with CANCELLED.
    public func close() async {
        let handler = self.handler
        handler.eventLoop.execute { handler.value.close() }
        try? await channel.closeFuture.get()
    }

    // MARK: Calls

    /// One request, one response. A timeout is sent to the server, which
    /// enforces it; the client also stops waiting shortly after it passes.
    /// The request is encoded by its generated code, so every string goes as
    /// it is (one with a NUL reaches the server, which refuses it naming the
    /// field); a response that does not decode is INTERNAL.
    public func unary<Request, Response>(
        _ method: RPCMethod<Request, Response>,
        _ request: Request,
        timeout: Duration? = nil,
        requestID: String = ""
    ) async throws(RPCError) -> Response {
        let payload = try await unary(path: method.path, payload: Self.payload(request), timeout: timeout, requestID: requestID)
        return try Self.decode(payload, as: Response.self)
    }

    /// One request, a stream of responses. Ending the iteration early (or
    /// cancelling the task that iterates) cancels the call on the server.
    /// A response that does not decode ends the stream with INTERNAL.
    public func serverStreaming<Request, Response>(
        _ method: RPCMethod<Request, Response>,
        _ request: Request,
        timeout: Duration? = nil,
        requestID: String = ""
    ) -> AsyncThrowingStream<Response, any Error> {
        mapped(serverStreaming(path: method.path, payload: Self.payload(request), timeout: timeout, requestID: requestID)) { payload in
            try Self.decode(payload, as: Response.self)
        }
    }

    /// A unary call with the request's bytes as they are and the answer's
    /// bytes undecoded: for tests and tools that probe the server with
    /// payloads no generated message would write. `method` is one of the
    /// generated tables (`Corridor_V1_Registry.all`, …).
    public func unary(_ method: AnyRPCMethod, payload: [UInt8], timeout: Duration? = nil, requestID: String = "") async throws(RPCError) -> [UInt8] {
        let answer = try await unary(path: method.path, payload: ByteBuffer(bytes: payload), timeout: timeout, requestID: requestID)
        return Array(answer.readableBytesView)
    }

    /// A server-streaming call with raw bytes both ways (see `unary(_:payload:)`).
    public func serverStreaming(_ method: AnyRPCMethod, payload: [UInt8], timeout: Duration? = nil, requestID: String = "") -> AsyncThrowingStream<[UInt8], any Error> {
        mapped(serverStreaming(path: method.path, payload: ByteBuffer(bytes: payload), timeout: timeout, requestID: requestID)) { Array($0.readableBytesView) }
    }

    private func unary(path: String, payload: ByteBuffer, timeout: Duration?, requestID: String) async throws(RPCError) -> ByteBuffer {
        let timeout = scaled(timeout)
        let streamID = allocateStreamID()
        let handler = self.handler
        let promise = handler.eventLoop.makePromise(of: ByteBuffer.self)
        let call = CallStart(method: path, timeoutMilliseconds: Self.milliseconds(timeout), payload: payload, requestID: requestID)
        handler.eventLoop.execute {
            handler.value.start(streamID: streamID, call: call, pending: .unary(promise, response: nil))
        }
        let guardTimer = timeout.map { timeout in
            handler.eventLoop.scheduleTask(in: TimeAmount(timeout) + .milliseconds(500)) {
                handler.value.abandon(streamID: streamID, status: RPCStatus(.deadlineExceeded, "no answer from corridord within \(timeout)"))
            }
        }
        defer { guardTimer?.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                handler.eventLoop.execute {
                    handler.value.abandon(streamID: streamID, status: RPCStatus(.cancelled, "the caller cancelled the call"))
                }
            }
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(.unknown, "\(error)")
        }
    }

    private func serverStreaming(path: String, payload: ByteBuffer, timeout: Duration?, requestID: String) -> AsyncThrowingStream<ByteBuffer, any Error> {
        let timeout = scaled(timeout)
        let streamID = allocateStreamID()
        let handler = self.handler
        let call = CallStart(method: path, timeoutMilliseconds: Self.milliseconds(timeout), payload: payload, requestID: requestID)
        let (raw, rawContinuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        rawContinuation.onTermination = { termination in
            guard case .cancelled = termination else { return }
            handler.eventLoop.execute {
                handler.value.abandon(streamID: streamID, status: RPCStatus(.cancelled, "the caller stopped reading"))
            }
        }
        handler.eventLoop.execute {
            handler.value.start(streamID: streamID, call: call, pending: .streaming(rawContinuation))
        }
        return raw
    }

    /// A stream of responses, each transformed on a task that stops when the
    /// consumer does (and the consumer stopping cancels the call).
    func mapped<Response: Sendable, T: Sendable>(
        _ responses: AsyncThrowingStream<Response, any Error>, _ transform: @escaping @Sendable (Response) throws -> T
    ) -> AsyncThrowingStream<T, any Error> {
        let (stream, continuation) = AsyncThrowingStream<T, any Error>.makeStream()
        let pump = Task {
            do {
                for try await response in responses { continuation.yield(try transform(response)) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in pump.cancel() }
        return stream
    }

    private static func payload(_ request: some ProtoMessage) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(request.serializedSize)
        request.serialize(into: &buffer)
        return buffer
    }

    private static func decode<Response: ProtoMessage>(_ payload: ByteBuffer, as: Response.Type) throws(RPCError) -> Response {
        do {
            return try Response(serializedBytes: payload)
        } catch {
            throw RPCError(.internal, "corridord sent a response that is not a valid \(Response.protoMessageName): \(error)")
        }
    }

    private func allocateStreamID() -> UInt32 {
        while true {
            let id = nextStreamID.add(1, ordering: .relaxed).oldValue
            if id != Frame.connectionStream { return id }
        }
    }

    private func scaled(_ timeout: Duration?) -> Duration? {
        guard callTimeoutScale != 1 else { return timeout }
        return timeout.map { $0 * callTimeoutScale }
    }

    private static func milliseconds(_ duration: Duration?) -> UInt32 {
        guard let duration else { return 0 }
        let total = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return UInt32(clamping: max(1, total))
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? IOError { return error.description }
        return "\(error)"
    }
}

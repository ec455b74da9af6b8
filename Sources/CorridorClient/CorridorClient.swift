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

    private init(server: HelloReply, socketPath: String, channel: any Channel, handler: NIOLoopBound<ClientConnectionHandler>) {
        self.server = server
        self.socketPath = socketPath
        self.channel = channel
        self.handler = handler
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
            return CorridorClient(server: reply, socketPath: socketPath, channel: channel, handler: handler)
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
    public func unary<Response: WireMessage>(
        _ method: String,
        _ request: some WireMessage,
        as responseType: Response.Type = Response.self,
        timeout: Duration? = nil,
        requestID: String = ""
    ) async throws(RPCError) -> Response {
        let streamID = allocateStreamID()
        let handler = self.handler
        let promise = handler.eventLoop.makePromise(of: ByteBuffer.self)
        let call = CallStart(method: method, timeoutMilliseconds: Self.milliseconds(timeout), payload: request.wireBytes(), requestID: requestID)
        handler.eventLoop.execute {
            handler.value.start(streamID: streamID, call: call, pending: .unary(promise, response: nil))
        }
        let guardTimer = timeout.map { timeout in
            handler.eventLoop.scheduleTask(in: TimeAmount(timeout) + .milliseconds(500)) {
                handler.value.abandon(streamID: streamID, status: RPCStatus(.deadlineExceeded, "no answer from corridord within \(timeout)"))
            }
        }
        defer { guardTimer?.cancel() }
        let payload: ByteBuffer
        do {
            payload = try await withTaskCancellationHandler {
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
        return try Response(wireBytes: payload)
    }

    /// One request, a stream of responses. Ending the iteration early (or
    /// cancelling the task that iterates) cancels the call on the server.
    public func serverStreaming<Response: WireMessage>(
        _ method: String,
        _ request: some WireMessage,
        as responseType: Response.Type = Response.self,
        timeout: Duration? = nil,
        requestID: String = ""
    ) -> AsyncThrowingStream<Response, any Error> {
        let streamID = allocateStreamID()
        let handler = self.handler
        let call = CallStart(method: method, timeoutMilliseconds: Self.milliseconds(timeout), payload: request.wireBytes(), requestID: requestID)
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
        let (typed, typedContinuation) = AsyncThrowingStream<Response, any Error>.makeStream()
        let pump = Task {
            do {
                for try await payload in raw {
                    typedContinuation.yield(try Response(wireBytes: payload))
                }
                typedContinuation.finish()
            } catch {
                typedContinuation.finish(throwing: error)
            }
        }
        typedContinuation.onTermination = { _ in pump.cancel() }
        return typed
    }

    private func allocateStreamID() -> UInt32 {
        while true {
            let id = nextStreamID.add(1, ordering: .relaxed).oldValue
            if id != Frame.connectionStream { return id }
        }
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

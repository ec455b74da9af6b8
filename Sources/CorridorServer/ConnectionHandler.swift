import CorridorModel
import CorridorRegistry
import CorridorStore
import CorridorWire
import Glibc
import Logging
import NIOCore

/// One client connection: hello, then calls multiplexed by stream id, each
/// with its own deadline, cancellation and status. Everything here runs on
/// the connection's event loop; handlers that are tasks come back to it.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = InboundFrame
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        case awaitingHello
        case open
        case draining
    }

    private struct ActiveCall {
        /// Distinguishes this call from a later one that reuses its stream id.
        let token: UInt64
        let method: String
        var task: Task<Void, Never>?
        var deadline: Scheduled<Void>?
    }

    private let router: MethodRouter
    private let access: AccessControl
    private let limits: ServerLimits
    private let statistics: ServerStatistics
    private let serverName: String
    private var logger: Logger

    private var phase = Phase.awaitingHello
    private var calls: [UInt32: ActiveCall] = [:]
    private var nextToken: UInt64 = 0
    private var peer: PeerCredentials?
    private var identity: PeerIdentity?
    /// A refused caller is logged at its first refusal only: a client
    /// looping on a denied call must not flood the journal.
    private var loggedRefusal = false
    /// Where a refused call is recorded (the audit trail), and the methods
    /// already recorded on this connection: each is recorded once, before
    /// its first refusal is answered, so a client looping on a denied call
    /// cannot fill the disk with records of it.
    private let recordDenied: DeniedCallRecorder?
    private var recordedDenials: Set<String> = []
    private var context: ChannelHandlerContext?
    private var inReadBatch = false
    private var needsFlush = false
    private var lastInbound = NIODeadline.now()
    /// When the server pinged a silent client, until anything arrives from it.
    private var unansweredPingSince: NIODeadline?
    private var keepalive: RepeatedTask?

    init(
        router: MethodRouter, access: AccessControl, limits: ServerLimits, statistics: ServerStatistics, serverName: String,
        recordDenied: DeniedCallRecorder? = nil, logger: Logger
    ) {
        self.router = router
        self.access = access
        self.recordDenied = recordDenied
        self.limits = limits
        self.statistics = statistics
        self.serverName = serverName
        self.logger = logger
    }

    // MARK: Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func channelActive(context: ChannelHandlerContext) {
        statistics.connectionOpened()
        readPeerCredentials(context: context)
        startKeepalive(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        statistics.connectionClosed()
        keepalive?.cancel()
        for call in calls.values {
            call.task?.cancel()
            call.deadline?.cancel()
        }
        if !calls.isEmpty {
            logger.info("connection closed with calls in flight; cancelled them", metadata: ["calls": "\(calls.count)"])
        }
        calls.removeAll()
        self.context = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        inReadBatch = true
        lastInbound = .now()
        unansweredPingSince = nil
        switch unwrapInboundIn(data) {
        case .frame(let frame):
            handle(frame, context: context)
        case .oversized(let streamID, let length):
            logger.warning("frame over the size limit skipped", metadata: [
                "stream": "\(streamID.map(String.init) ?? "unknown")", "bytes": "\(length)", "limit": "\(limits.maxFrameBytes)",
            ])
            send(streamID ?? Frame.connectionStream, .status(RPCStatus(
                .resourceExhausted, "frame of \(length) bytes exceeds the limit of \(limits.maxFrameBytes) bytes; its body was skipped"
            )))
        case .malformed(let length):
            logger.warning("frame is not a valid corridor.v1.Frame; closing the connection", metadata: ["bytes": "\(length)"])
            closeWithError(RPCStatus(.invalidArgument, "a frame of \(length) bytes is not a valid corridor.v1.Frame; closing the connection"), context: context)
        case .truncated(let received, let expected):
            logger.notice("connection closed in the middle of a frame", metadata: ["received": "\(received)", "expected": "\(expected)"])
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        inReadBatch = false
        flushIfNeeded()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IOError, error.errnoCode == ECONNRESET || error.errnoCode == EPIPE {
            logger.debug("connection reset by peer")
        } else {
            logger.notice("connection error; closing", metadata: ["error": "\(error)"])
        }
        context.close(promise: nil)
    }

    // MARK: Frames from the client

    private func handle(_ frame: Frame, context: ChannelHandlerContext) {
        switch frame.kind {
        case .hello(let hello):
            handleHello(hello, context: context)
        case .call(let call):
            handleCall(call, streamID: frame.streamID, context: context)
        case .cancel:
            guard let call = calls[frame.streamID] else { return }
            finish(streamID: frame.streamID, token: call.token, status: RPCStatus(.cancelled, "cancelled by the client"))
        case .ping(let opaque):
            send(Frame.connectionStream, .pong(opaque: opaque))
        case .pong:
            break  // lastInbound is already updated: the peer is alive.
        case .empty:
            logger.notice("empty frame from the client", metadata: ["stream": "\(frame.streamID)"])
            send(Frame.connectionStream, .status(RPCStatus(.invalidArgument, "empty frame: a Frame needs one of its kinds set")))
        case .helloReply, .message, .status, .goAway:
            logger.notice("a frame kind clients do not send", metadata: ["kind": "\(frame.kind.name)", "stream": "\(frame.streamID)"])
            send(frame.streamID, .status(RPCStatus(.invalidArgument, "a client does not send \(frame.kind.name) frames")))
        }
    }

    private func handleHello(_ hello: Hello, context: ChannelHandlerContext) {
        guard phase == .awaitingHello else {
            logger.notice("a second hello on one connection")
            send(Frame.connectionStream, .status(RPCStatus(.failedPrecondition, "hello was already received on this connection")))
            return
        }
        guard hello.version.major == ProtocolVersion.current.major else {
            logger.notice("client speaks another protocol major version; closing", metadata: [
                "client": "\(hello.clientName)", "version": "\(hello.version)",
            ])
            closeWithError(RPCStatus(
                .failedPrecondition,
                "protocol version \(hello.version) is not supported; \(serverName) speaks \(ProtocolVersion.current)"
            ), context: context)
            return
        }
        phase = .open
        logger[metadataKey: "client"] = "\(hello.clientName)"
        send(Frame.connectionStream, .helloReply(HelloReply(
            version: .current, serverName: serverName, serverVersion: CorridorVersion.string, limits: limits.announced
        )))
    }

    private func handleCall(_ call: CallStart, streamID: UInt32, context: ChannelHandlerContext) {
        switch phase {
        case .awaitingHello:
            logger.notice("a call before hello", metadata: ["method": "\(call.method)"])
            send(streamID, .status(RPCStatus(.failedPrecondition, "send Hello on stream 0 before any call")))
            return
        case .draining:
            send(streamID, .status(RPCStatus(.unavailable, "\(serverName) is shutting down")))
            return
        case .open:
            break
        }
        guard streamID != Frame.connectionStream else {
            logger.notice("a call on stream 0", metadata: ["method": "\(call.method)"])
            send(Frame.connectionStream, .status(RPCStatus(.invalidArgument, "calls need a stream id other than 0")))
            return
        }
        guard calls[streamID] == nil else {
            logger.warning("client reused the stream id of a call in flight; closing", metadata: ["stream": "\(streamID)"])
            closeWithError(RPCStatus(.invalidArgument, "stream \(streamID) already carries a call in flight; closing the connection"), context: context)
            return
        }
        guard calls.count < Int(limits.maxConcurrentCalls) else {
            send(streamID, .status(RPCStatus(
                .resourceExhausted, "\(calls.count) calls are in flight on this connection, the limit is \(limits.maxConcurrentCalls)"
            )))
            return
        }
        guard let handler = router.handler(for: call.method) else {
            logger.notice("a call of an unknown method", metadata: ["method": "\(call.method)"])
            send(streamID, .status(RPCStatus(.unimplemented, "unknown method \(call.method)")))
            statistics.callEnded()
            return
        }

        // Authorisation, before the handler runs: the one place that decides
        // who may call what (MethodAccess).
        let role = access.enforced ? identity.flatMap { access.role(of: $0) } : .admin
        guard let role, MethodAccess.allows(role, toCall: call.method) else {
            refuse(call.method, requestID: call.requestID, role: role, streamID: streamID)
            return
        }

        // The cap bounds unary calls, even those that ask for no deadline;
        // server-streaming calls (watches) are long-lived by nature and keep
        // what they asked for.
        var timeout = call.timeoutMilliseconds
        if case .serverStreaming = handler {
        } else if limits.maxTimeoutMilliseconds > 0 && (timeout == 0 || timeout > limits.maxTimeoutMilliseconds) {
            timeout = limits.maxTimeoutMilliseconds
        }
        let callContext = CallContext(
            method: call.method,
            requestID: call.requestID,
            peer: peer,
            identity: identity,
            role: role,
            deadline: timeout > 0 ? .now + .milliseconds(Int64(timeout)) : nil,
            connectionLogger: logger,
            breakGlass: access.breakGlass
        )

        if case .inline(let body) = handler {
            // Answered before any other frame of this read is looked at: no state to keep.
            do {
                sendAnswer(streamID, try body(call.payload, callContext))
            } catch {
                send(streamID, .status(status(for: error, context: callContext)))
            }
            statistics.callEnded()
            return
        }

        nextToken += 1
        let token = nextToken
        var active = ActiveCall(token: token, method: call.method)
        let loop = context.eventLoop
        let connection = NIOLoopBound(self, eventLoop: loop)
        if timeout > 0 {
            let timeout = timeout
            active.deadline = loop.scheduleTask(in: .milliseconds(Int64(timeout))) {
                connection.value.finish(streamID: streamID, token: token, status: RPCStatus(
                    .deadlineExceeded, "\(call.method) did not finish within \(timeout) ms"
                ))
            }
        }
        calls[streamID] = active

        let payload = call.payload
        switch handler {
        case .inline:
            preconditionFailure("handled above")
        case .unary(let body):
            calls[streamID]?.task = Task {
                let outcome: Result<ByteBuffer, any Error>
                do { outcome = .success(try await body(payload, callContext)) } catch { outcome = .failure(error) }
                loop.execute {
                    connection.value.complete(streamID: streamID, token: token, outcome: outcome, context: callContext)
                }
            }
        case .serverStreaming(let body):
            let writer = ResponseStreamWriter(connection: connection, streamID: streamID, token: token)
            calls[streamID]?.task = Task {
                let outcome: Result<ByteBuffer?, any Error>
                do {
                    try await body(payload, callContext, writer)
                    outcome = .success(nil)
                } catch { outcome = .failure(error) }
                loop.execute {
                    connection.value.complete(streamID: streamID, token: token, outcome: outcome, context: callContext)
                }
            }
        }
    }

    // MARK: Ending calls

    private func complete(streamID: UInt32, token: UInt64, outcome: Result<ByteBuffer?, any Error>, context: CallContext) {
        guard calls[streamID]?.token == token else { return }  // ended already (deadline, cancel)
        switch outcome {
        case .success(let response):
            finish(streamID: streamID, token: token, status: .ok, answer: response)
        case .failure(let error):
            finish(streamID: streamID, token: token, status: status(for: error, context: context))
        }
    }

    private func complete(streamID: UInt32, token: UInt64, outcome: Result<ByteBuffer, any Error>, context: CallContext) {
        complete(streamID: streamID, token: token, outcome: outcome.map { Optional($0) }, context: context)
    }

    /// Ends the call with `status` (after `answer`, if any) if it is still the one with `token`.
    private func finish(streamID: UInt32, token: UInt64, status: RPCStatus, answer: ByteBuffer? = nil) {
        guard let call = calls[streamID], call.token == token else { return }
        calls[streamID] = nil
        call.deadline?.cancel()
        if status.code != .ok { call.task?.cancel() }
        statistics.callEnded()
        if let answer, status.code == .ok {
            sendAnswer(streamID, answer)
        } else {
            send(streamID, .status(status))
        }
        flushIfNeeded()
        if phase == .draining && calls.isEmpty {
            context?.close(promise: nil)
        }
    }

    /// PERMISSION_DENIED, saying who the server thinks the caller is and why.
    private func refuse(_ method: String, requestID: String, role: Role?, streamID: UInt32) {
        let who = identity.map { "user \($0.userName) (uid \($0.uid))" } ?? "a peer whose credentials are unknown"
        let message: String
        if let role {
            let methodClass = MethodAccess.methodClass(of: method)
            let allowed = Role.allCases.filter { methodClass.roles.contains($0) }.map(\.rawValue)
            message = "\(who) has role \(role.rawValue), which may not call \(method); it needs one of: \(allowed.joined(separator: ", "))"
        } else {
            message = "\(who) has no role in the access policy (\(access.policy.source)); an administrator can give the user or one of its groups a role (docs/ACCESS.md)"
        }
        if !loggedRefusal {
            loggedRefusal = true
            logger.notice("call refused by the access policy; further refusals on this connection are not logged", metadata: [
                "uid": "\(identity?.uid ?? peer?.uid ?? UInt32.max)", "user": "\(identity?.userName ?? "unknown")",
                "role": "\(role?.rawValue ?? "none")", "method": "\(method)",
            ])
        }
        let refusal = RPCStatus(.permissionDenied, message)
        if let recordDenied, let context, recordedDenials.insert(method).inserted {
            let actor = Actor(
                uid: identity?.uid ?? peer?.uid ?? UInt32.max, userName: identity?.userName ?? "unknown", pid: peer?.pid ?? 0,
                role: role?.rawValue ?? "", requestID: requestID
            )
            let loop = context.eventLoop
            let connection = NIOLoopBound(self, eventLoop: loop)
            let logger = self.logger
            Task {
                do {
                    try await recordDenied(actor, method, message)
                } catch {
                    logger.error("a refused call could not be recorded on the audit trail", metadata: ["method": "\(method)", "error": "\(error)"])
                }
                loop.execute { connection.value.answerRefusal(streamID, refusal) }
            }
            return
        }
        answerRefusal(streamID, refusal)
    }

    private func answerRefusal(_ streamID: UInt32, _ refusal: RPCStatus) {
        send(streamID, .status(refusal))
        statistics.callEnded()
        flushIfNeeded()
    }

    /// The status of a failed call, with what the caller may not see cut
    /// from its words (a refusal can name a case's condition).
    private func status(for error: any Error, context: CallContext) -> RPCStatus {
        context.withholding.status(unfilteredStatus(for: error, context: context))
    }

    private func unfilteredStatus(for error: any Error, context: CallContext) -> RPCStatus {
        switch error {
        case let error as MalformedRequest:
            logger.notice("a request payload that is not the method's message", metadata: ["status": "\(error.rpcStatus)"])
            return error.rpcStatus
        case let error as any RPCStatusConvertible:
            return error.rpcStatus
        case let error as RegistryError:
            return RPCStatus(error)
        case let error as StoreError:
            return RPCStatus(error)
        case let error as MappingError:
            return RPCStatus(error)
        case is CancellationError:
            return RPCStatus(.cancelled, "the call was cancelled")
        default:
            context.logger.error("method failed with an unexpected error", metadata: ["error": "\(error)"])
            return RPCStatus(.internal, "internal error; the daemon's log has the details")
        }
    }

    /// One message of a streaming call; fails once the call has ended.
    func writeStreamMessage(streamID: UInt32, token: UInt64, payload: ByteBuffer) -> EventLoopFuture<Void>? {
        guard let context, calls[streamID]?.token == token else { return nil }
        var buffer = context.channel.allocator.buffer(capacity: payload.readableBytes + 16)
        buffer.writeFrame(Frame(streamID: streamID, .message(payload)))
        return context.writeAndFlush(wrapOutboundOut(buffer))
    }

    // MARK: Shutdown

    /// Sends GoAway, refuses new calls, and closes once the calls in flight end.
    func beginDrain(reason: String) {
        guard let context, phase != .draining else { return }
        phase = .draining
        send(Frame.connectionStream, .goAway(reason: reason))
        flushIfNeeded()
        if calls.isEmpty { context.close(promise: nil) }
    }

    /// Ends every call still in flight with UNAVAILABLE and closes.
    func abortCalls(reason: String) {
        for (streamID, call) in calls {
            finish(streamID: streamID, token: call.token, status: RPCStatus(.unavailable, reason))
        }
        context?.close(promise: nil)
    }

    // MARK: Writing

    /// A unary call's Message and its OK Status, in one buffer and one write.
    private func sendAnswer(_ streamID: UInt32, _ response: ByteBuffer) {
        guard let context else { return }
        var buffer = context.channel.allocator.buffer(capacity: response.readableBytes + 32)
        buffer.writeFrame(Frame(streamID: streamID, .message(response)))
        buffer.writeFrame(Frame(streamID: streamID, .status(.ok)))
        context.write(wrapOutboundOut(buffer), promise: nil)
        needsFlush = true
        if !inReadBatch { flushIfNeeded() }
    }

    private func send(_ streamID: UInt32, _ kind: Frame.Kind) {
        guard let context else { return }
        var buffer = context.channel.allocator.buffer(capacity: 64)
        buffer.writeFrame(Frame(streamID: streamID, kind))
        context.write(wrapOutboundOut(buffer), promise: nil)
        needsFlush = true
        if !inReadBatch { flushIfNeeded() }
    }

    private func flushIfNeeded() {
        guard needsFlush, let context else { return }
        needsFlush = false
        context.flush()
    }

    private func closeWithError(_ status: RPCStatus, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: 64)
        buffer.writeFrame(Frame(streamID: Frame.connectionStream, .status(status)))
        needsFlush = false
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in channel.close(promise: nil) }
    }

    // MARK: Keepalive and peer

    private func startKeepalive(context: ChannelHandlerContext) {
        let interval = Int64(limits.keepaliveIntervalMilliseconds)
        guard interval > 0 else { return }
        let connection = NIOLoopBound(self, eventLoop: context.eventLoop)
        // Checked four times per interval, so a ping goes out within a quarter
        // interval of the silence reaching one interval, whatever the timer drift.
        let tick = TimeAmount.milliseconds(max(1, interval / 4))
        keepalive = context.eventLoop.scheduleRepeatedTask(initialDelay: tick, delay: tick) { _ in
            connection.value.checkKeepalive(interval: .milliseconds(interval))
        }
    }

    /// Pings a connection silent for an interval; closes it when a whole
    /// interval passes after that ping with nothing at all from the client.
    private func checkKeepalive(interval: TimeAmount) {
        let now = NIODeadline.now()
        if let pingedAt = unansweredPingSince {
            guard now - pingedAt >= interval else { return }
            logger.notice("no answer to a keepalive ping within an interval; closing", metadata: [
                "silentMilliseconds": "\((now - lastInbound).nanoseconds / 1_000_000)",
            ])
            context?.close(promise: nil)
        } else if now - lastInbound >= interval {
            unansweredPingSince = now
            send(Frame.connectionStream, .ping(opaque: UInt64(now.uptimeNanoseconds)))
        }
    }

    private func readPeerCredentials(context: ChannelHandlerContext) {
        guard let provider = context.channel as? any SocketOptionProvider else { return }
        let connection = NIOLoopBound(self, eventLoop: context.eventLoop)
        provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
        ).whenSuccess { (credentials: KernelPeerCredentials) in
            let handler = connection.value
            let peer = PeerCredentials(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid)
            handler.peer = peer
            // Once per connection: the names do not change while it is open,
            // and a lookup per frame would cost a passwd and group read each.
            handler.identity = PeerIdentity.resolve(peer)
            handler.logger[metadataKey: "peer"] = "\(credentials.pid)/\(credentials.uid)"
        }
    }
}

/// `struct ucred` of socket(7), which Glibc's module map leaves out (it needs _GNU_SOURCE).
struct KernelPeerCredentials {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}

extension Frame.Kind {
    var name: String {
        switch self {
        case .empty: "empty"
        case .hello: "Hello"
        case .helloReply: "HelloReply"
        case .call: "CallStart"
        case .message: "Message"
        case .status: "Status"
        case .cancel: "Cancel"
        case .ping: "Ping"
        case .pong: "Pong"
        case .goAway: "GoAway"
        }
    }
}

/// Sends the messages of one server-streaming call from its task.
public struct ResponseStreamWriter: Sendable {
    let connection: NIOLoopBound<ConnectionHandler>
    let streamID: UInt32
    let token: UInt64

    public func send(_ payload: ByteBuffer) async throws {
        let connection = self.connection
        let streamID = self.streamID
        let token = self.token
        let written = connection.eventLoop.flatSubmit { () -> EventLoopFuture<Void> in
            connection.value.writeStreamMessage(streamID: streamID, token: token, payload: payload)
                ?? connection.eventLoop.makeFailedFuture(CancellationError())
        }
        try await written.get()
    }
}

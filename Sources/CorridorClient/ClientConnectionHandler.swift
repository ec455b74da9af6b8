import CorridorWire
import NIOCore

/// The client end of a connection: matches frames to the calls waiting for
/// them, answers the server's pings, fails every call when the connection ends.
final class ClientConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = InboundFrame
    typealias OutboundOut = ByteBuffer

    enum PendingCall {
        case unary(EventLoopPromise<ByteBuffer>, response: ByteBuffer?)
        case streaming(AsyncThrowingStream<ByteBuffer, any Error>.Continuation)
    }

    private let hello: Hello
    private let helloPromise: EventLoopPromise<HelloReply>
    private var calls: [UInt32: PendingCall] = [:]
    private var context: ChannelHandlerContext?
    private var closedReason: RPCError?
    private var lastInbound = NIODeadline.now()
    private var unansweredPingSince: NIODeadline?
    private var keepalive: RepeatedTask?
    private let keepaliveInterval: TimeAmount?

    init(hello: Hello, helloPromise: EventLoopPromise<HelloReply>, keepaliveInterval: TimeAmount?) {
        self.hello = hello
        self.helloPromise = helloPromise
        self.keepaliveInterval = keepaliveInterval
    }

    func channelActive(context: ChannelHandlerContext) {
        self.context = context
        write(Frame(streamID: Frame.connectionStream, .hello(hello)), flush: true)
        if let interval = keepaliveInterval {
            let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
            // Four checks per interval: see the server's keepalive for why.
            let tick = TimeAmount.nanoseconds(max(1_000_000, interval.nanoseconds / 4))
            keepalive = context.eventLoop.scheduleRepeatedTask(initialDelay: tick, delay: tick) { _ in
                handler.value.checkKeepalive(interval: interval)
            }
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        keepalive?.cancel()
        failEverything(closedReason ?? RPCError(.unavailable, "the connection to corridord closed"))
        self.context = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        closedReason = closedReason ?? RPCError(.unavailable, "connection to corridord failed: \(error)")
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastInbound = .now()
        unansweredPingSince = nil
        switch unwrapInboundIn(data) {
        case .frame(let frame):
            handle(frame)
        case .oversized(_, let length):
            closedReason = RPCError(.resourceExhausted, "corridord sent a frame of \(length) bytes, over this client's limit")
            context.close(promise: nil)
        case .malformed:
            closedReason = RPCError(.internal, "corridord sent a frame that is not a valid corridor.v1.Frame")
            context.close(promise: nil)
        case .truncated:
            closedReason = RPCError(.unavailable, "corridord closed the connection in the middle of a frame")
        }
    }

    private func handle(_ frame: Frame) {
        switch frame.kind {
        case .helloReply(let reply):
            helloPromise.succeed(reply)
        case .message(let payload):
            switch calls[frame.streamID] {
            case .unary(let promise, _):
                calls[frame.streamID] = .unary(promise, response: payload)
            case .streaming(let continuation):
                continuation.yield(payload)
            case nil:
                break  // a call the client gave up on
            }
        case .status(let status):
            if frame.streamID == Frame.connectionStream {
                // A connection-level error: hello refused, or a protocol fault.
                let error = RPCError(status: status)
                closedReason = error
                helloPromise.fail(error)
                return
            }
            guard let call = calls.removeValue(forKey: frame.streamID) else { return }
            finish(call, status: status)
        case .ping(let opaque):
            write(Frame(streamID: Frame.connectionStream, .pong(opaque: opaque)), flush: true)
        case .goAway(let reason):
            closedReason = RPCError(.unavailable, reason)
        case .pong, .empty, .hello, .call, .cancel:
            break  // nothing a server sends that this client needs; later kinds are ignored too
        }
    }

    private func finish(_ call: PendingCall, status: RPCStatus) {
        switch call {
        case .unary(let promise, let response):
            if status.code == .ok {
                if let response {
                    promise.succeed(response)
                } else {
                    promise.fail(RPCError(.internal, "corridord ended a unary call with OK but sent no response"))
                }
            } else {
                promise.fail(RPCError(status: status))
            }
        case .streaming(let continuation):
            if status.code == .ok {
                continuation.finish()
            } else {
                continuation.finish(throwing: RPCError(status: status))
            }
        }
    }

    // MARK: Calls, always on the event loop

    func start(streamID: UInt32, call: CallStart, pending: PendingCall) {
        if let closedReason, context == nil || closedReason.code == .unavailable {
            finish(pending, status: closedReason.rpcStatus)
            return
        }
        guard context != nil else {
            finish(pending, status: RPCStatus(.unavailable, "the connection to corridord is closed"))
            return
        }
        guard calls[streamID] == nil else {
            finish(pending, status: RPCStatus(.resourceExhausted, "stream id \(streamID) is still in use"))
            return
        }
        calls[streamID] = pending
        write(Frame(streamID: streamID, .call(call)), flush: true)
    }

    /// Gives up on a call: tells the server, and ends it here with `status`.
    func abandon(streamID: UInt32, status: RPCStatus) {
        guard let call = calls.removeValue(forKey: streamID) else { return }
        write(Frame(streamID: streamID, .cancel), flush: true)
        finish(call, status: status)
    }

    func close() {
        closedReason = closedReason ?? RPCError(.cancelled, "the client closed the connection")
        context?.close(promise: nil)
    }

    private func failEverything(_ error: RPCError) {
        helloPromise.fail(error)
        let pending = calls
        calls.removeAll()
        for call in pending.values { finish(call, status: error.rpcStatus) }
    }

    private func checkKeepalive(interval: TimeAmount) {
        let now = NIODeadline.now()
        if let pingedAt = unansweredPingSince {
            guard now - pingedAt >= interval else { return }
            closedReason = RPCError(.unavailable, "corridord did not answer a keepalive ping")
            context?.close(promise: nil)
        } else if now - lastInbound >= interval {
            unansweredPingSince = now
            write(Frame(streamID: Frame.connectionStream, .ping(opaque: UInt64(now.uptimeNanoseconds))), flush: true)
        }
    }

    private func write(_ frame: Frame, flush: Bool) {
        guard let context else { return }
        var buffer = context.channel.allocator.buffer(capacity: 64)
        buffer.writeFrame(frame)
        if flush {
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        } else {
            context.write(wrapOutboundOut(buffer), promise: nil)
        }
    }
}

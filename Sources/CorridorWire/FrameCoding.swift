internal import CCorridorProto
import CorridorModel
import NIOCore

// Frame ⇄ the generated corridor.v1.Frame (frame.proto): the mapping of the
// envelope, read in one place against frame.proto. The generated message does
// the bytes (its decoder refuses a string that is not text, so a NUL cannot
// cut "/corridor.v1.System/Ping\0junk" down to a method that routes).

extension Frame {
    /// Decodes one frame body (the bytes after the length prefix); nil when
    /// they are not a valid corridor.v1.Frame.
    public init?(decoding body: ByteBuffer) {
        guard let frame = try? Corridor_V1_Frame(serializedBytes: body) else { return nil }
        self.init(frame)
    }

    /// Encodes the frame body, without the length prefix.
    public func encodedBody() -> ByteBuffer {
        let message = Corridor_V1_Frame(self)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(message.serializedSize)
        message.serialize(into: &buffer)
        return buffer
    }

    public init(_ frame: Corridor_V1_Frame) {
        self.init(streamID: frame.streamID, Kind(frame.kind))
    }
}

extension Frame.Kind {
    init(_ kind: Corridor_V1_Frame.Kind?) {
        switch kind {
        case nil:
            self = .empty
        case .hello(let hello):
            self = .hello(Hello(
                version: ProtocolVersion(hello.version), clientName: hello.clientName, clientVersion: hello.clientVersion
            ))
        case .helloReply(let reply):
            let limits = reply.limits ?? Corridor_V1_Limits()
            self = .helloReply(HelloReply(
                version: ProtocolVersion(reply.version),
                serverName: reply.serverName,
                serverVersion: reply.serverVersion,
                limits: ConnectionLimits(
                    maxFrameBytes: limits.maxFrameBytes,
                    maxConcurrentCalls: limits.maxConcurrentCalls,
                    keepaliveIntervalMilliseconds: limits.keepaliveIntervalMs,
                    maxTimeoutMilliseconds: limits.maxTimeoutMs
                )
            ))
        case .call(let call):
            self = .call(CallStart(
                method: call.method, timeoutMilliseconds: call.timeoutMs, payload: ByteBuffer(bytes: call.payload), requestID: call.requestID
            ))
        case .message(let message):
            self = .message(ByteBuffer(bytes: message.payload))
        case .status(let status):
            self = .status(RPCStatus(status))
        case .cancel:
            self = .cancel
        case .ping(let ping):
            self = .ping(opaque: ping.opaque)
        case .pong(let pong):
            self = .pong(opaque: pong.opaque)
        case .goAway(let goAway):
            self = .goAway(reason: goAway.reason)
        }
    }
}

extension Corridor_V1_Frame {
    public init(_ frame: Frame) {
        let kind: Kind?
        switch frame.kind {
        case .empty:
            kind = nil
        case .hello(let hello):
            kind = .hello(Corridor_V1_Hello(
                version: Corridor_V1_ProtocolVersion(hello.version), clientName: hello.clientName, clientVersion: hello.clientVersion
            ))
        case .helloReply(let reply):
            kind = .helloReply(Corridor_V1_HelloReply(
                version: Corridor_V1_ProtocolVersion(reply.version),
                serverName: reply.serverName,
                serverVersion: reply.serverVersion,
                limits: Corridor_V1_Limits(
                    maxFrameBytes: reply.limits.maxFrameBytes,
                    maxConcurrentCalls: reply.limits.maxConcurrentCalls,
                    keepaliveIntervalMs: reply.limits.keepaliveIntervalMilliseconds,
                    maxTimeoutMs: reply.limits.maxTimeoutMilliseconds
                )
            ))
        case .call(let call):
            kind = .call(Corridor_V1_CallStart(
                method: call.method, timeoutMs: call.timeoutMilliseconds, payload: Array(call.payload.readableBytesView), requestID: call.requestID
            ))
        case .message(let payload):
            kind = .message(Corridor_V1_Message(payload: Array(payload.readableBytesView)))
        case .status(let status):
            kind = .status(Corridor_V1_Status(status))
        case .cancel:
            kind = .cancel(Corridor_V1_Cancel())
        case .ping(let opaque):
            kind = .ping(Corridor_V1_Ping(opaque: opaque))
        case .pong(let opaque):
            kind = .pong(Corridor_V1_Pong(opaque: opaque))
        case .goAway(let reason):
            kind = .goAway(Corridor_V1_GoAway(reason: reason))
        }
        self.init(streamID: frame.streamID, kind: kind)
    }
}

extension RPCStatus {
    /// A code this version does not know is UNKNOWN, as gRPC prescribes.
    public init(_ status: Corridor_V1_Status) {
        self.init(
            StatusCode(wireValue: UInt32(bitPattern: status.code.rawValue)),
            status.message,
            fieldViolations: status.fieldViolations.map { FieldViolation(field: $0.field, reason: $0.description) }
        )
    }
}

extension Corridor_V1_Status {
    public init(_ status: RPCStatus) {
        self.init(
            code: Corridor_V1_StatusCode(rawValue: Int32(status.code.rawValue)),
            message: status.message,
            fieldViolations: status.fieldViolations.map { Corridor_V1_FieldViolation(field: $0.field, description: $0.reason) }
        )
    }
}

extension ProtocolVersion {
    /// An absent version is 0.0.
    public init(_ version: Corridor_V1_ProtocolVersion?) {
        self.init(major: version?.major ?? 0, minor: version?.minor ?? 0)
    }
}

extension Corridor_V1_ProtocolVersion {
    public init(_ version: ProtocolVersion) {
        self.init(major: version.major, minor: version.minor)
    }
}

extension ByteBuffer {
    /// Writes `frame` with its 4-byte big-endian length prefix, through the
    /// generated corridor.v1.Frame.
    ///
    /// There is no hand-written encoder for the two frames of every call's
    /// answer any more. Measured (release build, thread CPU time per frame,
    /// median of 15 batches of 200,000, on this shared 2-core machine): a
    /// Message of 18 bytes (a ping's answer) 154 ns hand-written, 151-154 ns
    /// generated; a Message of 1 KiB 187 ns against 171 ns; an OK Status 95 ns
    /// against 114 ns. About 19 ns more per unary call, well under 0.1 % of a
    /// ping's round trip, for one mapping of the envelope instead of two.
    public mutating func writeFrame(_ frame: Frame) {
        let message = Corridor_V1_Frame(frame)
        writeInteger(UInt32(message.serializedSize), endianness: .big)
        message.serialize(into: &self)
    }
}

internal import CCorridorProto
import CorridorModel
import NIOCore

// Frame ⇄ protoc-c's Corridor__V1__Frame. Kept beside nothing else so that the
// mapping of the envelope can be read in one place against frame.proto.

extension Frame {
    /// Decodes one frame body (the bytes after the length prefix); nil when
    /// they are not a valid corridor.v1.Frame.
    public init?(decoding body: ByteBuffer) {
        // The method name and the hello's strings become C strings: a NUL would
        // cut "/corridor.v1.System/Ping\0junk" down to a method that routes.
        let isText = withUnsafePointer(to: corridor__v1__frame__descriptor) { descriptor in
            body.withUnsafeReadableBytes { ProtobufStringCheck.check($0, descriptor) == .valid }
        }
        guard isText else { return nil }
        let decoded: Frame?
        do {
            decoded = try withUnpackedProtobufC(corridor__v1__frame__unpack, body) { (frame) throws(RPCError) -> Frame in
                Frame(streamID: frame.pointee.stream_id, Frame.Kind(frame.pointee))
            }
        } catch {
            decoded = nil
        }
        guard let decoded else { return nil }
        self = decoded
    }

    /// Encodes the frame body, without the length prefix.
    public func encodedBody() -> ByteBuffer {
        var buffer = ByteBuffer()
        withCFrame { frame in packProtobufC(frame, into: &buffer) }
        return buffer
    }

    func withCFrame<Result>(_ body: (UnsafePointer<Corridor__V1__Frame>) -> Result) -> Result {
        let scratch = CScratch()
        var frame = Corridor__V1__Frame()
        corridor__v1__frame__init(&frame)
        frame.stream_id = streamID
        switch kind {
        case .empty:
            break
        case .hello(let hello):
            frame.kind_case = CORRIDOR__V1__FRAME__KIND_HELLO
            frame.hello = scratch.allocate { (message: UnsafeMutablePointer<Corridor__V1__Hello>) in
                corridor__v1__hello__init(message)
                message.pointee.version = scratch.protocolVersion(hello.version)
                message.pointee.client_name = scratch.string(hello.clientName)
                message.pointee.client_version = scratch.string(hello.clientVersion)
            }
        case .helloReply(let reply):
            frame.kind_case = CORRIDOR__V1__FRAME__KIND_HELLO_REPLY
            frame.hello_reply = scratch.allocate { (message: UnsafeMutablePointer<Corridor__V1__HelloReply>) in
                corridor__v1__hello_reply__init(message)
                message.pointee.version = scratch.protocolVersion(reply.version)
                message.pointee.server_name = scratch.string(reply.serverName)
                message.pointee.server_version = scratch.string(reply.serverVersion)
                message.pointee.limits = scratch.allocate { (limits: UnsafeMutablePointer<Corridor__V1__Limits>) in
                    corridor__v1__limits__init(limits)
                    limits.pointee.max_frame_bytes = reply.limits.maxFrameBytes
                    limits.pointee.max_concurrent_calls = reply.limits.maxConcurrentCalls
                    limits.pointee.keepalive_interval_ms = reply.limits.keepaliveIntervalMilliseconds
                    limits.pointee.max_timeout_ms = reply.limits.maxTimeoutMilliseconds
                }
            }
        case .call(let call):
            frame.kind_case = CORRIDOR__V1__FRAME__KIND_CALL
            frame.call = scratch.allocate { (message: UnsafeMutablePointer<Corridor__V1__CallStart>) in
                corridor__v1__call_start__init(message)
                message.pointee.method = scratch.string(call.method)
                message.pointee.timeout_ms = call.timeoutMilliseconds
                message.pointee.payload = scratch.bytes(call.payload)
                message.pointee.request_id = scratch.string(call.requestID)
            }
        case .message(let payload):
            frame.kind_case = CORRIDOR__V1__FRAME__KIND_MESSAGE
            frame.message = scratch.allocate { (message: UnsafeMutablePointer<Corridor__V1__Message>) in
                corridor__v1__message__init(message)
                message.pointee.payload = scratch.bytes(payload)
            }
        case .status(let status):
            frame.kind_case = CORRIDOR__V1__FRAME__KIND_STATUS
            frame.status = scratch.allocate { (message: UnsafeMutablePointer<Corridor__V1__Status>) in
                corridor__v1__status__init(message)
                message.pointee.code = Corridor__V1__StatusCode(rawValue: status.code.rawValue)
                message.pointee.message = scratch.string(status.message)
                let violations = status.fieldViolations.map { violation in
                    scratch.allocate { (field: UnsafeMutablePointer<Corridor__V1__FieldViolation>) in
                        corridor__v1__field_violation__init(field)
                        field.pointee.field = scratch.string(violation.field)
                        field.pointee.description = scratch.string(violation.reason)
                    }
                }
                message.pointee.n_field_violations = violations.count
                message.pointee.field_violations = scratch.pointerArray(violations)
            }
        case .cancel:
            frame.kind_case = CORRIDOR__V1__FRAME__KIND_CANCEL
            frame.cancel = scratch.allocate { (message: UnsafeMutablePointer<Corridor__V1__Cancel>) in
                corridor__v1__cancel__init(message)
            }
        case .ping(let opaque):
            frame.kind_case = CORRIDOR__V1__FRAME__KIND_PING
            frame.ping = scratch.allocate { (message: UnsafeMutablePointer<Corridor__V1__Ping>) in
                corridor__v1__ping__init(message)
                message.pointee.opaque = opaque
            }
        case .pong(let opaque):
            frame.kind_case = CORRIDOR__V1__FRAME__KIND_PONG
            frame.pong = scratch.allocate { (message: UnsafeMutablePointer<Corridor__V1__Pong>) in
                corridor__v1__pong__init(message)
                message.pointee.opaque = opaque
            }
        case .goAway(let reason):
            frame.kind_case = CORRIDOR__V1__FRAME__KIND_GO_AWAY
            frame.go_away = scratch.allocate { (message: UnsafeMutablePointer<Corridor__V1__GoAway>) in
                corridor__v1__go_away__init(message)
                message.pointee.reason = scratch.string(reason)
            }
        }
        return withUnsafePointer(to: &frame) { body($0) }
    }
}

extension Frame.Kind {
    init(_ frame: Corridor__V1__Frame) {
        switch frame.kind_case {
        case CORRIDOR__V1__FRAME__KIND_HELLO:
            let hello = frame.hello.pointee
            self = .hello(Hello(
                version: ProtocolVersion(hello.version),
                clientName: String(protobufC: hello.client_name),
                clientVersion: String(protobufC: hello.client_version)
            ))
        case CORRIDOR__V1__FRAME__KIND_HELLO_REPLY:
            let reply = frame.hello_reply.pointee
            let limits = reply.limits?.pointee
            self = .helloReply(HelloReply(
                version: ProtocolVersion(reply.version),
                serverName: String(protobufC: reply.server_name),
                serverVersion: String(protobufC: reply.server_version),
                limits: ConnectionLimits(
                    maxFrameBytes: limits?.max_frame_bytes ?? 0,
                    maxConcurrentCalls: limits?.max_concurrent_calls ?? 0,
                    keepaliveIntervalMilliseconds: limits?.keepalive_interval_ms ?? 0,
                    maxTimeoutMilliseconds: limits?.max_timeout_ms ?? 0
                )
            ))
        case CORRIDOR__V1__FRAME__KIND_CALL:
            let call = frame.call.pointee
            self = .call(CallStart(
                method: String(protobufC: call.method),
                timeoutMilliseconds: call.timeout_ms,
                payload: ByteBuffer(protobufC: call.payload),
                requestID: String(protobufC: call.request_id)
            ))
        case CORRIDOR__V1__FRAME__KIND_MESSAGE:
            self = .message(ByteBuffer(protobufC: frame.message.pointee.payload))
        case CORRIDOR__V1__FRAME__KIND_STATUS:
            let status = frame.status.pointee
            var violations: [FieldViolation] = []
            for index in 0..<status.n_field_violations {
                guard let violation = status.field_violations[index]?.pointee else { continue }
                violations.append(FieldViolation(
                    field: String(protobufC: violation.field),
                    reason: String(protobufC: violation.description)
                ))
            }
            self = .status(RPCStatus(
                StatusCode(wireValue: status.code.rawValue),
                String(protobufC: status.message),
                fieldViolations: violations
            ))
        case CORRIDOR__V1__FRAME__KIND_CANCEL:
            self = .cancel
        case CORRIDOR__V1__FRAME__KIND_PING:
            self = .ping(opaque: frame.ping.pointee.opaque)
        case CORRIDOR__V1__FRAME__KIND_PONG:
            self = .pong(opaque: frame.pong.pointee.opaque)
        case CORRIDOR__V1__FRAME__KIND_GO_AWAY:
            self = .goAway(reason: String(protobufC: frame.go_away.pointee.reason))
        default:
            self = .empty
        }
    }
}

extension ProtocolVersion {
    init(_ version: UnsafeMutablePointer<Corridor__V1__ProtocolVersion>?) {
        self.init(major: version?.pointee.major ?? 0, minor: version?.pointee.minor ?? 0)
    }
}

extension CScratch {
    func protocolVersion(_ version: ProtocolVersion) -> UnsafeMutablePointer<Corridor__V1__ProtocolVersion> {
        allocate { (message: UnsafeMutablePointer<Corridor__V1__ProtocolVersion>) in
            corridor__v1__protocol_version__init(message)
            message.pointee.major = version.major
            message.pointee.minor = version.minor
        }
    }
}

extension ByteBuffer {
    /// Writes `frame` with its 4-byte big-endian length prefix.
    public mutating func writeFrame(_ frame: Frame) {
        if writeFrameFastPath(frame) { return }
        frame.withCFrame { cFrame in
            let size = packedSize(cFrame)
            writeInteger(UInt32(size), endianness: .big)
            packProtobufC(cFrame, into: &self)
        }
    }
}

// The two frames of every call's answer — a Message and a Status with no
// message — are written directly: building protoc-c structs in scratch
// memory for them cost a third of the daemon's time per call. The bytes are
// exactly protobuf-c's (FrameCodingTests compares them); everything else
// goes through protobuf-c.
extension ByteBuffer {
    mutating func writeFrameFastPath(_ frame: Frame) -> Bool {
        switch frame.kind {
        case .message(let payload):
            let payloadBytes = payload.readableBytes
            // Message { bytes payload = 1 } omits an empty payload.
            let inner = payloadBytes == 0 ? 0 : 1 + Self.varintSize(UInt64(payloadBytes)) + payloadBytes
            let body = Self.streamFieldSize(frame.streamID) + 1 + Self.varintSize(UInt64(inner)) + inner
            writeInteger(UInt32(body), endianness: .big)
            writeStreamField(frame.streamID)
            writeInteger(UInt8(0x2A))  // field 5, length-delimited
            writeVarint(UInt64(inner))
            if payloadBytes > 0 {
                writeInteger(UInt8(0x0A))  // field 1, length-delimited
                writeVarint(UInt64(payloadBytes))
                var copy = payload
                writeBuffer(&copy)
            }
            return true
        case .status(let status) where status.message.isEmpty && status.fieldViolations.isEmpty:
            // Status { code = 1 } omits code 0.
            let inner = status.code == .ok ? 0 : 1 + Self.varintSize(UInt64(status.code.rawValue))
            let body = Self.streamFieldSize(frame.streamID) + 2 + inner
            writeInteger(UInt32(body), endianness: .big)
            writeStreamField(frame.streamID)
            writeInteger(UInt8(0x32))  // field 6, length-delimited
            writeInteger(UInt8(inner))
            if inner > 0 {
                writeInteger(UInt8(0x08))
                writeVarint(UInt64(status.code.rawValue))
            }
            return true
        default:
            return false
        }
    }

    private static func varintSize(_ value: UInt64) -> Int {
        var size = 1
        var rest = value >> 7
        while rest != 0 {
            size += 1
            rest >>= 7
        }
        return size
    }

    /// stream_id = 1 is omitted when 0, as protobuf omits default values.
    private static func streamFieldSize(_ streamID: UInt32) -> Int {
        streamID == 0 ? 0 : 1 + varintSize(UInt64(streamID))
    }

    private mutating func writeStreamField(_ streamID: UInt32) {
        guard streamID != 0 else { return }
        writeInteger(UInt8(0x08))
        writeVarint(UInt64(streamID))
    }

    private mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            writeInteger(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        writeInteger(UInt8(rest))
    }
}

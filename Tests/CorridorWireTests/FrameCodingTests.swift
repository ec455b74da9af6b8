import CorridorModel
import CorridorWire
import NIOCore
import Testing

@Suite struct FrameCodingTests {
    static let everyKind: [Frame] = [
        Frame(streamID: 0, .empty),
        Frame(streamID: 0, .hello(Hello(version: ProtocolVersion(major: 1, minor: 7), clientName: "test", clientVersion: "9.9"))),
        Frame(streamID: 0, .helloReply(HelloReply(
            version: .current, serverName: "corridord", serverVersion: "0.1.0",
            limits: ConnectionLimits(maxFrameBytes: 4096, maxConcurrentCalls: 8, keepaliveIntervalMilliseconds: 100, maxTimeoutMilliseconds: 5)
        ))),
        Frame(streamID: 7, .call(CallStart(method: "/corridor.v1.System/Ping", timeoutMilliseconds: 250, payload: ByteBuffer(bytes: [1, 2, 3]), requestID: "req-1"))),
        Frame(streamID: 7, .message(ByteBuffer(bytes: Array(0...255)))),
        Frame(streamID: 7, .message(ByteBuffer())),
        Frame(streamID: 7, .status(.ok)),
        Frame(streamID: 9, .status(RPCStatus(.invalidArgument, "bad", fieldViolations: [
            FieldViolation(field: "case.age_months", reason: "must be 0 to 1800"),
            FieldViolation(field: "case.site", reason: "unknown site"),
        ]))),
        Frame(streamID: 9, .cancel),
        Frame(streamID: 0, .ping(opaque: .max)),
        Frame(streamID: 0, .pong(opaque: 42)),
        Frame(streamID: 0, .goAway(reason: "shutting down")),
        Frame(streamID: .max, .status(RPCStatus(.unauthenticated, "ünïcödé ✓"))),
    ]

    @Test(arguments: everyKind)
    func everyKindSurvivesARoundTrip(frame: Frame) throws {
        let body = frame.encodedBody()
        let decoded = try #require(Frame(decoding: body))
        #expect(decoded == frame)
    }

    /// A call's answer (Message, then Status) is written as its length and the
    /// generated encoding, which GeneratedCodingTests holds to protobuf-c's pack.
    @Test(arguments: [
        Frame(streamID: 1, .message(ByteBuffer(bytes: Array(repeating: 7, count: 64)))),
        Frame(streamID: 300, .message(ByteBuffer(bytes: Array(repeating: 1, count: 200)))),
        Frame(streamID: .max, .message(ByteBuffer())),
        Frame(streamID: 0, .message(ByteBuffer(bytes: [1]))),
        Frame(streamID: 5, .status(.ok)),
        Frame(streamID: 0, .status(.ok)),
        Frame(streamID: 9, .status(RPCStatus(.deadlineExceeded))),
        Frame(streamID: 70_000, .status(RPCStatus(.unauthenticated))),
    ])
    func theAnswerFastPathMatchesProtobufC(frame: Frame) {
        var fast = ByteBuffer()
        fast.writeFrame(frame)
        let body = frame.encodedBody()
        var expected = ByteBuffer()
        expected.writeInteger(UInt32(body.readableBytes), endianness: .big)
        expected.writeImmutableBuffer(body)
        #expect(Array(fast.readableBytesView) == Array(expected.readableBytesView))
    }

    @Test func theLengthPrefixIsBigEndianAndCountsTheBody() throws {
        var buffer = ByteBuffer()
        let frame = Frame(streamID: 1, .ping(opaque: 5))
        buffer.writeFrame(frame)
        let prefix = buffer.readInteger(endianness: .big, as: UInt32.self)
        let length = try #require(prefix)
        #expect(Int(length) == buffer.readableBytes)
        #expect(buffer.readableBytesView.elementsEqual(frame.encodedBody().readableBytesView))
    }

    /// The decoder reads an oversized frame's stream from its first bytes;
    /// that works only because field 1 is encoded first.
    @Test(arguments: [UInt32(1), 300, .max])
    func theStreamIdIsTheFirstFieldEncoded(streamID: UInt32) {
        let body = Array(Frame(streamID: streamID, .message(ByteBuffer(bytes: [9, 9]))).encodedBody().readableBytesView)
        #expect(body.first == 0x08)
    }

    @Test func bytesThatAreNotAFrameDoNotDecode() {
        #expect(Frame(decoding: ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF])) == nil)
        // Field 4 (call) claims 100 bytes but only 2 follow.
        #expect(Frame(decoding: ByteBuffer(bytes: [0x22, 100, 1, 2])) == nil)
    }

    @Test func anEmptyBodyIsAFrameWithNoKind() throws {
        let frame = try #require(Frame(decoding: ByteBuffer()))
        #expect(frame == Frame(streamID: 0, .empty))
    }

    /// Forward compatibility: a field this version does not know is skipped.
    @Test func unknownFieldsAreIgnored() throws {
        var body = Frame(streamID: 3, .cancel).encodedBody()
        body.writeBytes([0xA8, 0x06, 0x01])  // field 101, varint 1
        let frame = try #require(Frame(decoding: body))
        #expect(frame == Frame(streamID: 3, .cancel))
    }
}

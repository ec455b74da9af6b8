import CorridorWire
import NIOCore
import NIOEmbedded
import Testing

@Suite struct FrameDecoderTests {
    private func framed(_ frames: [Frame]) -> ByteBuffer {
        var buffer = ByteBuffer()
        for frame in frames { buffer.writeFrame(frame) }
        return buffer
    }

    @Test func framesArrivingOneByteAtATimeDecodeWhole() {
        let frames = FrameCodingTests.everyKind
        let bytes = Array(framed(frames).readableBytesView)
        var decoder = FrameDecoder(maxFrameBytes: 1 << 20)
        var pending = ByteBuffer()
        var decoded: [InboundFrame] = []
        for byte in bytes {
            pending.writeInteger(byte)
            while let inbound = decoder.decodeOne(&pending) { decoded.append(inbound) }
        }
        #expect(decoded == frames.map { .frame($0) })
        #expect(pending.readableBytes == 0)
    }

    @Test func aZeroLengthFrameIsAnEmptyFrame() {
        var decoder = FrameDecoder(maxFrameBytes: 1024)
        var buffer = ByteBuffer(bytes: [0, 0, 0, 0])
        #expect(decoder.decodeOne(&buffer) == .frame(Frame(streamID: 0, .empty)))
    }

    @Test func anOversizedFrameIsReportedWithItsStreamAndSkipped() {
        var decoder = FrameDecoder(maxFrameBytes: 64)
        let big = Frame(streamID: 5, .message(ByteBuffer(repeating: 7, count: 1000)))
        var buffer = framed([big, Frame(streamID: 6, .cancel)])
        let total = buffer.readableBytes
        #expect(decoder.decodeOne(&buffer) == .oversized(streamID: 5, length: UInt32(total - 4 - framed([Frame(streamID: 6, .cancel)]).readableBytes)))
        #expect(decoder.decodeOne(&buffer) == .frame(Frame(streamID: 6, .cancel)))
    }

    /// The body of an oversized frame is dropped as it arrives, never held.
    @Test func anOversizedBodyIsNeverBuffered() {
        var decoder = FrameDecoder(maxFrameBytes: 64)
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(10_000_000), endianness: .big)
        buffer.writeBytes([0x08, 0x09])  // stream 9
        #expect(decoder.decodeOne(&buffer) == .oversized(streamID: 9, length: 10_000_000))
        #expect(decoder.decodeOne(&buffer) == nil)
        #expect(buffer.readableBytes == 0)
        var skipped = 2
        while skipped < 10_000_000 {
            var chunk = ByteBuffer(repeating: 0, count: min(65_536, 10_000_000 - skipped))
            skipped += chunk.readableBytes
            #expect(decoder.decodeOne(&chunk) == nil)
            #expect(chunk.readableBytes == 0)
        }
        var next = framed([Frame(streamID: 2, .cancel)])
        #expect(decoder.decodeOne(&next) == .frame(Frame(streamID: 2, .cancel)))
    }

    @Test func anOversizedFrameWithoutALeadingStreamIdIsReportedOnNoStream() {
        var decoder = FrameDecoder(maxFrameBytes: 8)
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(100), endianness: .big)
        buffer.writeBytes(Array(repeating: 0x22, count: 100))
        #expect(decoder.decodeOne(&buffer) == .oversized(streamID: nil, length: 100))
    }

    @Test func theStreamIdOfAnOversizedFrameWaitsOnlyForItsVarint() {
        var decoder = FrameDecoder(maxFrameBytes: 8)
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(100), endianness: .big)
        buffer.writeBytes([0x08, 0xAC])  // 300 needs a second varint byte
        #expect(decoder.decodeOne(&buffer) == nil)
        buffer.writeBytes([0x02])
        #expect(decoder.decodeOne(&buffer) == .oversized(streamID: 300, length: 100))
    }

    @Test func aBodyThatIsNotProtobufIsMalformed() {
        var decoder = FrameDecoder(maxFrameBytes: 1024)
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(4), endianness: .big)
        buffer.writeBytes([0xFF, 0xFF, 0xFF, 0xFF])
        #expect(decoder.decodeOne(&buffer) == .malformed(length: 4))
    }

    /// A CallStart whose method name holds a NUL: protoc-c's C string would
    /// end at it and the call would route to Ping. The frame is malformed.
    @Test(arguments: [
        Array("/corridor.v1.System/Ping\0junk".utf8),
        Array("/corridor.v1.System/Ping".utf8) + [0xC0, 0x80],  // an overlong NUL
        Array("/corridor.v1.System/Ping".utf8) + [0xFF],
    ])
    func aMethodNameThatIsNotTextIsMalformed(method: [UInt8]) {
        var call: [UInt8] = [0x0A, UInt8(method.count)] + method
        call += [0x1A, 0x00]  // an empty payload
        let body: [UInt8] = [0x08, 0x01, 0x22, UInt8(call.count)] + call
        var decoder = FrameDecoder(maxFrameBytes: 1024)
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(body.count), endianness: .big)
        buffer.writeBytes(body)
        #expect(decoder.decodeOne(&buffer) == .malformed(length: UInt32(body.count)))
    }

    @Test func aMethodNameThatIsTextDecodes() {
        let method = Array("/corridor.v1.System/Ping".utf8)
        let call: [UInt8] = [0x0A, UInt8(method.count)] + method
        let body: [UInt8] = [0x08, 0x01, 0x22, UInt8(call.count)] + call
        var decoder = FrameDecoder(maxFrameBytes: 1024)
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(body.count), endianness: .big)
        buffer.writeBytes(body)
        guard case .frame(let frame) = decoder.decodeOne(&buffer) else {
            Issue.record("a well-formed CallStart did not decode")
            return
        }
        #expect(frame.streamID == 1)
    }

    @Test func endOfStreamInsideAFrameIsReportedAsTruncated() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameBytes: 1024)))
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(100), endianness: .big)
        buffer.writeBytes([0x08, 0x01, 0x2A])
        try channel.writeInbound(buffer)
        #expect(try channel.readInbound(as: InboundFrame.self) == nil)
        _ = try? channel.finish()
        #expect(try channel.readInbound(as: InboundFrame.self) == .truncated(received: 7, expected: 104))
    }

    // Issue 8, finding 1: the prefix ff ff ff ff and then end of stream made
    // decodeLast compute 2^32-1 + 4 in UInt32 and trap (SIGILL in corridord).
    @Test(arguments: [UInt32.max, UInt32.max - 3, UInt32.max - 4, 1 << 31])
    func endOfStreamAfterAHugeLengthPrefixIsTruncatedNotATrap(length: UInt32) throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameBytes: 4 * 1024 * 1024)))
        var buffer = ByteBuffer()
        buffer.writeInteger(length, endianness: .big)
        try channel.writeInbound(buffer)
        #expect(try channel.readInbound(as: InboundFrame.self) == nil)
        _ = try? channel.finish()
        #expect(try channel.readInbound(as: InboundFrame.self) == .truncated(received: 4, expected: UInt64(length) + 4))
    }

    @Test func endOfStreamAfterAHugePrefixWithAFewBodyBytesIsTruncated() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameBytes: UInt32.max)))
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32.max, endianness: .big)
        buffer.writeBytes([0x08, 0x01])
        try channel.writeInbound(buffer)
        #expect(try channel.readInbound(as: InboundFrame.self) == nil)
        _ = try? channel.finish()
        #expect(try channel.readInbound(as: InboundFrame.self) == .truncated(received: 6, expected: UInt64(UInt32.max) + 4))
    }

    @Test func fewerThanFourBytesAtEndOfStreamAreTruncated() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameBytes: 1024)))
        try channel.writeInbound(ByteBuffer(bytes: [0xFF, 0xFF, 0xFF]))
        _ = try? channel.finish()
        #expect(try channel.readInbound(as: InboundFrame.self) == .truncated(received: 3, expected: 4))
    }
}

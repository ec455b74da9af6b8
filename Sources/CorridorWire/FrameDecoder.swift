import NIOCore

/// What the decoder makes of the bytes of one frame.
public enum InboundFrame: Sendable, Equatable {
    case frame(Frame)
    /// The length prefix exceeds the limit. The body is skipped as it arrives,
    /// never held in memory; the stream id is read from the body's first bytes
    /// when the sender put it there (every protobuf encoder does).
    case oversized(streamID: UInt32?, length: UInt32)
    /// A complete body that is not a valid corridor.v1.Frame.
    case malformed(length: UInt32)
    /// The peer closed the connection in the middle of a frame. `expected`
    /// counts the prefix too, so it is wider than the prefix: a claimed
    /// length of 2^32-1 plus its 4 bytes does not fit in a UInt32.
    case truncated(received: Int, expected: UInt64)
}

/// Splits a byte stream into frames: a 4-byte big-endian length N, then N
/// bytes of protobuf. Oversized frames are skipped without being buffered.
public struct FrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = InboundFrame

    public var maxFrameBytes: UInt32
    /// Bytes of an oversized frame still to be thrown away.
    private var bytesToSkip: UInt32 = 0

    public init(maxFrameBytes: UInt32) {
        self.maxFrameBytes = maxFrameBytes
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let inbound = decodeOne(&buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(inbound))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while let inbound = decodeOne(&buffer) {
            context.fireChannelRead(wrapInboundOut(inbound))
        }
        if bytesToSkip == 0, buffer.readableBytes > 0 {
            let expected = buffer.getInteger(at: buffer.readerIndex, endianness: .big, as: UInt32.self)
            context.fireChannelRead(wrapInboundOut(.truncated(
                received: buffer.readableBytes,
                expected: expected.map { UInt64($0) + 4 } ?? 4
            )))
            buffer.moveReaderIndex(to: buffer.writerIndex)
        }
        return .needMoreData
    }

    /// Decodes at most one frame from the front of `buffer`; nil means more bytes are needed.
    public mutating func decodeOne(_ buffer: inout ByteBuffer) -> InboundFrame? {
        while bytesToSkip > 0 {
            let skipped = min(Int(bytesToSkip), buffer.readableBytes)
            guard skipped > 0 else { return nil }
            buffer.moveReaderIndex(forwardBy: skipped)
            bytesToSkip -= UInt32(skipped)
        }
        guard let length = buffer.getInteger(at: buffer.readerIndex, endianness: .big, as: UInt32.self) else {
            return nil
        }
        if length > maxFrameBytes {
            // Wait for the stream id (a tag byte and up to 5 varint bytes), no longer.
            let available = min(Int(length), buffer.readableBytes - 4, 6)
            let head = buffer.getBytes(at: buffer.readerIndex + 4, length: max(0, available)) ?? []
            let streamID: UInt32?
            switch Self.leadingStreamID(head, bodyLength: length) {
            case .needMoreBytes: return nil
            case .absent: streamID = nil
            case .found(let id): streamID = id
            }
            buffer.moveReaderIndex(forwardBy: 4)
            bytesToSkip = length
            return .oversized(streamID: streamID, length: length)
        }
        // Int is 64 bits wide here, so 4 + any UInt32 length cannot overflow.
        guard buffer.readableBytes >= 4 + Int(length),
              let body = buffer.getSlice(at: buffer.readerIndex + 4, length: Int(length)) else { return nil }
        buffer.moveReaderIndex(forwardBy: 4 + Int(length))
        guard let frame = Frame(decoding: body) else { return .malformed(length: length) }
        return .frame(frame)
    }

    enum LeadingStreamID: Equatable {
        case needMoreBytes
        case absent
        case found(UInt32)
    }

    /// Field 1 (stream_id) as a varint at the start of a Frame body, decided
    /// from as few bytes as possible.
    static func leadingStreamID(_ head: [UInt8], bodyLength: UInt32) -> LeadingStreamID {
        guard let tag = head.first else { return bodyLength == 0 ? .absent : .needMoreBytes }
        guard tag == 0x08 else { return .absent }
        var value: UInt64 = 0
        for (index, byte) in head.dropFirst().enumerated() {
            value |= UInt64(byte & 0x7f) << (7 * UInt64(index))
            if byte & 0x80 == 0 { return UInt32(exactly: value).map { .found($0) } ?? .absent }
        }
        // An unfinished varint: more bytes decide it, unless the body or the varint's longest form has ended.
        return head.count >= 6 || head.count >= Int(bodyLength) ? .absent : .needMoreBytes
    }
}

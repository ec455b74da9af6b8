import CorridorWire
import FuzzSupport
import NIOCore
import NIOEmbedded

// FrameDecoder as a channel handler sees it: the stream arrives, then the
// peer closes, so decodeLast runs over whatever is left (a frame cut short,
// an oversized frame half skipped). Input: one byte choosing the frame
// limit, then the stream.

private let limits: [UInt32] = [0, 16, 1024, 4 * 1024 * 1024]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrameDecoderAtEOF(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var reader = ByteReader(UnsafeRawBufferPointer(start: start, count: count))
    let limit = limits[Int(reader.readByte() & 3)]
    let channel = EmbeddedChannel()
    do {
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameBytes: limit)))
        var buffer = channel.allocator.buffer(capacity: reader.remainingCount)
        buffer.writeBytes(reader.readRest())
        try channel.writeInbound(buffer)
    } catch {
        // A decoder error is an answer, not a crash.
    }
    _ = try? channel.finish()
    while let _ = try? channel.readInbound(as: InboundFrame.self) {}
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzSeeds.writeIfAsked {
        var whole = ByteBuffer()
        whole.writeFrame(Frame(streamID: 0, .hello(Hello(clientName: "fuzz-seed"))))
        let bytes = Array(whole.readableBytesView)
        return [
            ("hello", [3] + bytes),
            ("hello-cut-short", [3] + bytes.dropLast(3)),
            ("oversized-then-eof", [1] + bytes),
            ("length-only", [3, 0, 0, 0, 9]),
        ]
    }
    return 0
}

import CorridorWire
import FuzzSupport
import NIOCore

// FrameDecoder.decodeOne over an arbitrary byte stream that arrives in
// arbitrary pieces, as a connection reads it. Input: one byte choosing the
// frame limit, one byte choosing the piece size, then the stream.
// Every frame it decodes must encode and decode back to itself.

private let limits: [UInt32] = [0, 16, 1024, 4 * 1024 * 1024]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrameDecoder(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var reader = ByteReader(UnsafeRawBufferPointer(start: start, count: count))
    let limit = limits[Int(reader.readByte() & 3)]
    let pieceSize = max(1, Int(reader.readByte()))
    let stream = reader.readRest()
    var decoder = FrameDecoder(maxFrameBytes: limit)
    var buffer = ByteBuffer()
    var offset = 0
    while offset < stream.count {
        let end = min(stream.count, offset + pieceSize)
        buffer.writeBytes(stream[offset..<end])
        offset = end
        while let inbound = decoder.decodeOne(&buffer) {
            if case .frame(let frame) = inbound { checkRoundTrip(frame) }
        }
        buffer.discardReadBytes()
    }
    return 0
}

private func checkRoundTrip(_ frame: Frame) {
    var encoded = ByteBuffer()
    encoded.writeFrame(frame)
    var decoder = FrameDecoder(maxFrameBytes: UInt32.max)
    guard case .frame(let again) = decoder.decodeOne(&encoded), again == frame else {
        fatalError("a decoded frame does not survive encoding: \(frame)")
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzSeeds.writeIfAsked {
        func stream(_ frames: [Frame]) -> [UInt8] {
            var buffer = ByteBuffer()
            for frame in frames { buffer.writeFrame(frame) }
            return Array(buffer.readableBytesView)
        }
        var payload = ByteBuffer()
        payload.writeBytes([0x0A, 0x06] + Array("ghouta".utf8))
        let hello = Frame(streamID: 0, .hello(Hello(clientName: "fuzz-seed")))
        let call = Frame(streamID: 1, .call(CallStart(method: "/corridor.v1.Registry/GetSite", timeoutMilliseconds: 500, payload: payload, requestID: "r-1")))
        let message = Frame(streamID: 3, .message(payload))
        return [
            ("hello", [3, 64] + stream([hello])),
            ("hello-call-bytewise", [3, 1] + stream([hello, call])),
            ("call-message", [2, 7] + stream([call, message])),
            ("oversized-call", [1, 255] + stream([call])),
            ("zero-limit", [0, 3] + stream([message, message])),
        ]
    }
    return 0
}

import NIOCore

/// A request or response of a method: encoded into a CallStart's or a
/// Message frame's payload.
public protocol WireMessage: Sendable {
    /// Decodes the message; INVALID_ARGUMENT when the bytes are not a valid encoding.
    init(wireBytes: ByteBuffer) throws(RPCError)
    func wireBytes() -> ByteBuffer
}

extension WireMessage {
    static func malformed() -> RPCError {
        RPCError(.invalidArgument, "the payload is not a valid \(Self.self)")
    }
}

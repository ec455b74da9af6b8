import GRPCCore

/// The payload as it is, with no message format around it: the peer then
/// spends nothing on protobuf and needs no generated code, so what `rpc`
/// compares is the transport and call machinery, as Corridor's Ping with a
/// bytes payload is.
struct RawBytesSerializer: MessageSerializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes {
        Bytes(message)
    }
}

struct RawBytesDeserializer: MessageDeserializer {
    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> [UInt8] {
        serializedMessageBytes.withUnsafeBytes { Array($0) }
    }
}

/// The one method the peer serves: echo the request's bytes.
enum GRPCPeerMethod {
    static let ping = MethodDescriptor(fullyQualifiedService: "corridor.benchmarks.Peer", method: "Ping")
}

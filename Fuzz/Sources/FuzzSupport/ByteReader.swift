/// Reads an input front to back as the fields of a target's own format
/// (a method number, a mutation list); past the end every read is zero, so
/// any input is a valid instance of the format.
public struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    public private(set) var offset = 0

    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    public var isAtEnd: Bool { offset >= bytes.count }
    public var remainingCount: Int { max(0, bytes.count - offset) }

    public mutating func readByte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Little-endian, `count` bytes (at most 8).
    public mutating func readInteger(bytes count: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<min(count, 8) { value |= UInt64(readByte()) << (8 * UInt64(index)) }
        return value
    }

    /// Everything not read yet.
    public mutating func readRest() -> [UInt8] {
        guard offset < bytes.count else { return [] }
        defer { offset = bytes.count }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
    }
}

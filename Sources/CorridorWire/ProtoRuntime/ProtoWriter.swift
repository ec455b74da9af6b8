/// Writes the protobuf wire format into memory sized by `serializedSize`:
/// the generated `serialize(into:)` is its only user. Every write checks the
/// space left, so a size that came out short (a bug) gives short output,
/// which the tests catch, and never a write past the end.
public struct ProtoWriter {
    private let start: UnsafeMutablePointer<UInt8>?
    private let capacity: Int
    /// Bytes written so far.
    private(set) var count = 0

    init(_ buffer: UnsafeMutableRawBufferPointer) {
        start = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
        capacity = buffer.count
    }

    @inline(__always)
    private mutating func byte(_ value: UInt8) {
        guard count < capacity, let start else { return }
        start[count] = value
        count &+= 1
    }

    /// A field's key, precomputed by the generator (one or two bytes for the field numbers in use).
    @inline(__always)
    mutating func writeTag(_ byte0: UInt8) {
        byte(byte0)
    }

    @inline(__always)
    mutating func writeTag(_ byte0: UInt8, _ byte1: UInt8) {
        byte(byte0)
        byte(byte1)
    }

    mutating func writeTag(_ byte0: UInt8, _ byte1: UInt8, _ byte2: UInt8) {
        byte(byte0)
        byte(byte1)
        byte(byte2)
    }

    mutating func writeTag(_ byte0: UInt8, _ byte1: UInt8, _ byte2: UInt8, _ byte3: UInt8) {
        byte(byte0)
        byte(byte1)
        byte(byte2)
        byte(byte3)
    }

    mutating func writeTag(_ byte0: UInt8, _ byte1: UInt8, _ byte2: UInt8, _ byte3: UInt8, _ byte4: UInt8) {
        byte(byte0)
        byte(byte1)
        byte(byte2)
        byte(byte3)
        byte(byte4)
    }

    @inline(__always)
    mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            byte(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        byte(UInt8(truncatingIfNeeded: rest))
    }

    /// int32 and enums: a negative number is sign-extended to ten bytes, as protobuf does.
    @inline(__always)
    mutating func writeInt32(_ value: Int32) {
        writeVarint(UInt64(bitPattern: Int64(value)))
    }

    @inline(__always)
    mutating func writeBool(_ value: Bool) {
        byte(value ? 1 : 0)
    }

    /// A length prefix. Sizes are never negative; a wrapped sum would be, and is written as its bit pattern.
    @inline(__always)
    mutating func writeLength(_ length: Int) {
        writeVarint(UInt64(truncatingIfNeeded: length))
    }

    private mutating func writeRaw(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, let source = bytes.baseAddress, let start else { return }
        let length = min(bytes.count, capacity &- count)
        guard length > 0 else { return }
        (start + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: length)
        count &+= length
    }

    /// Length, then the UTF-8 bytes: all of them, a NUL included.
    mutating func writeString(_ value: String) {
        let utf8 = value.utf8
        writeLength(utf8.count)
        let written: Void? = utf8.withContiguousStorageIfAvailable { writeRaw(UnsafeRawBufferPointer($0)) }
        if written == nil {
            for unit in utf8 { byte(unit) }
        }
    }

    mutating func writeBytes(_ value: [UInt8]) {
        writeLength(value.count)
        value.withUnsafeBytes { writeRaw($0) }
    }

    /// Length, then the message's fields.
    mutating func writeMessage<Message: ProtoMessage>(_ message: Message) {
        writeLength(message.serializedSize)
        message.serialize(into: &self)
    }
}

/// Encoded sizes, for `serializedSize`. Sums use `&+`: each term is the size
/// of something held in memory, so a sum that wraps would need more than
/// Int.max bytes of distinct data; a wrapped size would only give short output
/// (see ProtoWriter), never a trap.
enum ProtoSize {
    @inline(__always)
    static func varint(_ value: UInt64) -> Int {
        // 1 byte per 7 bits of the highest set bit, at least 1.
        (70 &- (value | 1).leadingZeroBitCount) / 7
    }

    @inline(__always)
    static func int32(_ value: Int32) -> Int {
        value < 0 ? 10 : varint(UInt64(value))
    }

    /// A length prefix and the `length` bytes it announces.
    @inline(__always)
    static func lengthDelimited(_ length: Int) -> Int {
        varint(UInt64(truncatingIfNeeded: length)) &+ length
    }

    /// The payload of a packed repeated field.
    static func packed(_ values: [UInt32]) -> Int {
        var size = 0
        for value in values { size &+= varint(UInt64(value)) }
        return size
    }

    static func packed(_ values: [UInt64]) -> Int {
        var size = 0
        for value in values { size &+= varint(value) }
        return size
    }

    static func packed(_ values: [Int32]) -> Int {
        var size = 0
        for value in values { size &+= int32(value) }
        return size
    }

    static func packed(_ values: [Bool]) -> Int {
        values.count
    }

    static func packed<Enum: ProtoEnum>(_ values: [Enum]) -> Int {
        var size = 0
        for value in values { size &+= int32(value.rawValue) }
        return size
    }
}

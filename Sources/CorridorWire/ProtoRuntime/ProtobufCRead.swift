internal import CCorridorProto

#if canImport(Glibc)
import Glibc
#endif

/// A generated message's protoc-c counterpart, for decoding (and for the tests
/// that compare the Swift encoding with protobuf-c's).
protocol ProtobufCBacked: ProtoMessage {
    static var protobufCDescriptor: ProtobufDescriptor { get }
}

/// Bump allocation for one protobuf_c_message_unpack: a first block on the
/// stack, then blocks from malloc, each at least twice the one before, all
/// freed at once when the decoded Swift value has been read out. protobuf-c
/// never frees during a successful unpack; after a failed one it frees
/// through `unpackArenaFree`, which does nothing, and the blocks go anyway.
struct UnpackArena {
    static let firstBlockSize = 2048
    static let alignment = 16

    private var cursor: UnsafeMutableRawPointer?
    private var remaining: Int
    private var nextBlockSize = 8192
    private var blocks: [UnsafeMutableRawPointer] = []

    init(_ first: UnsafeMutableRawBufferPointer) {
        cursor = first.baseAddress
        remaining = first.baseAddress == nil ? 0 : first.count
    }

    /// nil (which protobuf-c reports as a failed unpack) when malloc fails
    /// or the size is absurd.
    mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        guard size >= 0, size <= Int.max - Self.alignment else { return nil }
        let rounded = (size + Self.alignment - 1) & ~(Self.alignment - 1)
        if rounded > remaining || cursor == nil {
            let blockSize = max(rounded, nextBlockSize)
            // malloc's blocks are aligned for any type (16 bytes here).
            guard let block = malloc(blockSize) else { return nil }
            blocks.append(block)
            nextBlockSize = blockSize <= Int.max / 2 ? blockSize * 2 : blockSize
            cursor = block
            remaining = blockSize
        }
        guard let start = cursor else { return nil }
        cursor = start + rounded
        remaining -= rounded
        return start
    }

    mutating func releaseBlocks() {
        for block in blocks { free(block) }
        blocks = []
    }
}

private let unpackArenaAllocate: @convention(c) (UnsafeMutableRawPointer?, Int) -> UnsafeMutableRawPointer? = { data, size in
    guard let data else { return nil }
    return data.assumingMemoryBound(to: UnpackArena.self).pointee.allocate(size)
}

private let unpackArenaFree: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void = { _, _ in }

/// What the generated `init(serializedBytes:)` and `init(protobufC:)` use to
/// read bytes through protobuf-c. Nothing here traps on any input: counts
/// and pointers from the C struct are checked before they are used.
enum ProtobufCRead {
    /// Checks the strings of `bytes` (protoc-c would hide a NUL and repair bad
    /// UTF-8), unpacks them with protobuf-c, reads the C struct, frees it.
    static func decode<CMessage, Message>(
        _ bytes: UnsafeRawBufferPointer,
        _ descriptor: ProtobufDescriptor,
        as type: CMessage.Type,
        _ read: (UnsafePointer<CMessage>) -> Message
    ) throws(ProtoDecodingError) -> Message {
        switch ProtobufStringCheck.check(bytes, descriptor.pointer) {
        case .valid:
            break
        case .violation(let violation):
            throw ProtoDecodingError(messageName: descriptor.name, fieldPath: violation.field, reason: violation.reason)
        case .malformed(let why):
            throw ProtoDecodingError(messageName: descriptor.name, fieldPath: nil, reason: why)
        }
        // protobuf-c reads nothing of an empty message, so no address is fine.
        let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        // Every allocation of the unpack comes from one arena, released as a
        // whole: no malloc and free per string and nested message, and no
        // protobuf_c_message_free_unpacked walk.
        let decoded: Message? = withUnsafeTemporaryAllocation(byteCount: UnpackArena.firstBlockSize, alignment: UnpackArena.alignment) { first in
            var arena = UnpackArena(first)
            defer { arena.releaseBlocks() }
            return withUnsafeMutablePointer(to: &arena) { arenaPointer -> Message? in
                var allocator = ProtobufCAllocator(alloc: unpackArenaAllocate, free: unpackArenaFree, allocator_data: UnsafeMutableRawPointer(arenaPointer))
                guard let unpacked = protobuf_c_message_unpack(descriptor.pointer, &allocator, bytes.count, data) else { return nil }
                return read(UnsafeRawPointer(unpacked).assumingMemoryBound(to: CMessage.self))
            }
        }
        guard let decoded else {
            throw ProtoDecodingError(messageName: descriptor.name, fieldPath: nil, reason: "")
        }
        return decoded
    }

    /// A C string's bytes up to its NUL (the string check refused any NUL inside).
    @inline(__always)
    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    static func bytes(_ data: ProtobufCBinaryData) -> [UInt8] {
        guard data.len > 0, let start = data.data else { return [] }
        return Array(UnsafeBufferPointer(start: start, count: data.len))
    }

    static func strings(_ count: Int, _ array: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String] {
        guard count > 0, let array else { return [] }
        return UnsafeBufferPointer(start: array, count: count).map { string($0) }
    }

    static func bytesArray(_ count: Int, _ array: UnsafeMutablePointer<ProtobufCBinaryData>?) -> [[UInt8]] {
        guard count > 0, let array else { return [] }
        return UnsafeBufferPointer(start: array, count: count).map { bytes($0) }
    }

    /// Repeated uint32, uint64, int32: the C array as it is.
    static func scalars<Scalar>(_ count: Int, _ array: UnsafeMutablePointer<Scalar>?) -> [Scalar] {
        guard count > 0, let array else { return [] }
        return Array(UnsafeBufferPointer(start: array, count: count))
    }

    /// protobuf_c_boolean is an int.
    static func bools(_ count: Int, _ array: UnsafeMutablePointer<protobuf_c_boolean>?) -> [Bool] {
        guard count > 0, let array else { return [] }
        return UnsafeBufferPointer(start: array, count: count).map { $0 != 0 }
    }

    /// A repeated enum: protoc-c's C enum type holds the number as it came.
    static func enums<CEnum: RawRepresentable, Enum: ProtoEnum>(_ count: Int, _ array: UnsafeMutablePointer<CEnum>?) -> [Enum]
    where CEnum.RawValue: BinaryInteger {
        guard count > 0, let array else { return [] }
        return UnsafeBufferPointer(start: array, count: count).map { Enum(rawValue: Int32(truncatingIfNeeded: $0.rawValue)) }
    }

    /// A repeated message: an array of pointers, none NULL after unpacking
    /// (one would read as the empty message).
    static func messages<CMessage, Message: ProtoMessage>(
        _ count: Int,
        _ array: UnsafeMutablePointer<UnsafeMutablePointer<CMessage>?>?,
        _ read: (UnsafePointer<CMessage>) -> Message
    ) -> [Message] {
        guard count > 0, let array else { return [] }
        var result: [Message] = []
        result.reserveCapacity(count)
        for element in UnsafeBufferPointer(start: array, count: count) {
            result.append(element.map { read($0) } ?? Message())
        }
        return result
    }

    /// For tests: protobuf-c's own encoding of `bytes` after unpacking them as
    /// the message `descriptor` describes (nil if it refuses them).
    static func repack(_ bytes: [UInt8], _ descriptor: ProtobufDescriptor) -> [UInt8]? {
        bytes.withUnsafeBytes { raw -> [UInt8]? in
            let data = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
            guard let unpacked = protobuf_c_message_unpack(descriptor.pointer, nil, raw.count, data) else { return nil }
            defer { protobuf_c_message_free_unpacked(unpacked, nil) }
            let size = protobuf_c_message_get_packed_size(unpacked)
            return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                guard let out = buffer.baseAddress else { return }
                initialized = protobuf_c_message_pack(unpacked, out)
            }
        }
    }
}

extension ProtobufDescriptor {
    /// The message's field numbers, as protoc-c describes it (for tests).
    var fieldNumbers: [Int] {
        (0..<Int(pointer.pointee.n_fields)).map { Int(pointer.pointee.fields[$0].id) }
    }
}

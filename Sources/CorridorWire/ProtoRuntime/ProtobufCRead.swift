internal import CCorridorProto

/// A generated message's protoc-c counterpart, for decoding (and for the tests
/// that compare the Swift encoding with protobuf-c's).
protocol ProtobufCBacked: ProtoMessage {
    static var protobufCDescriptor: ProtobufDescriptor { get }
}

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
        guard let unpacked = protobuf_c_message_unpack(descriptor.pointer, nil, bytes.count, data) else {
            throw ProtoDecodingError(messageName: descriptor.name, fieldPath: nil, reason: "")
        }
        defer { protobuf_c_message_free_unpacked(unpacked, nil) }
        return read(UnsafeRawPointer(unpacked).assumingMemoryBound(to: CMessage.self))
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

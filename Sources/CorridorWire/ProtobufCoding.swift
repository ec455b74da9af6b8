internal import CCorridorProto
import NIOCore

/// A Swift value stored as one protobuf message through protobuf-c. The
/// Swift properties are the message's fields by name (camelCase for
/// snake_case); enums are stored by their raw value, a proto value name
/// (String) or number (Int32).
public protocol ProtobufMessage: WireMessage, Codable {
    /// protoc-c's descriptor of the message, from `protobufDescriptor(of:)`.
    static var protobufDescriptor: ProtobufDescriptor { get }
}

/// A protoc-c message descriptor, opaque outside CorridorWire.
public struct ProtobufDescriptor: @unchecked Sendable {
    let pointer: UnsafePointer<ProtobufCMessageDescriptor>

    /// The descriptor protoc-c's generated `…__init` installs in a message.
    init<Message>(_ initialise: (UnsafeMutablePointer<Message>?) -> Void) {
        let memory = UnsafeMutablePointer<Message>.allocate(capacity: 1)
        defer { memory.deallocate() }
        initialise(memory)
        pointer = UnsafeRawPointer(memory).assumingMemoryBound(to: ProtobufCMessage.self).pointee.descriptor
    }

    /// The message's full name, e.g. `corridor.v1.Party`.
    public var name: String { String(cString: pointer.pointee.name) }
}

extension ProtobufMessage {
    public init(wireBytes: ByteBuffer) throws(RPCError) {
        let decoded: Result<Self, RPCError> = wireBytes.withUnsafeReadableBytes { raw in
            Result { () throws(RPCError) in try Self(protobufBytes: raw) }
        }
        self = try decoded.get()
    }

    public func wireBytes() -> ByteBuffer {
        // Encoding a value built in Swift fails only on a mismatch between the
        // Swift type and its proto, which the round-trip tests rule out.
        do {
            return ByteBuffer(bytes: try protobufBytes())
        } catch {
            preconditionFailure("\(error)")
        }
    }

    /// The protobuf encoding of the value.
    public func protobufBytes() throws(RPCError) -> [UInt8] {
        let context = ProtobufEncodingContext()
        let descriptor = Self.protobufDescriptor.pointer
        let message = context.newMessage(descriptor)
        do {
            try encode(to: ProtobufMessageEncoder(message: message, table: .of(descriptor), context: context, codingPath: []))
            try context.finishRepeatedFields()
        } catch {
            throw RPCError(.internal, "cannot encode \(Self.protobufDescriptor.name): \(error)")
        }
        let size = packedSize(message)
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = ccorridorproto_pack(message, buffer.baseAddress!)
        }
    }

    /// Decodes the value; INVALID_ARGUMENT when the bytes are not a valid
    /// encoding of the message, naming it, or when a string field is not
    /// UTF-8 text without NUL, naming the field.
    public init(protobufBytes bytes: UnsafeRawBufferPointer) throws(RPCError) {
        let descriptor = Self.protobufDescriptor.pointer
        let address = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        guard let message = protobuf_c_message_unpack(descriptor, nil, bytes.count, address.assumingMemoryBound(to: UInt8.self)) else {
            throw RPCError(.invalidArgument, "the payload is not a valid \(Self.protobufDescriptor.name)")
        }
        defer { protobuf_c_message_free_unpacked(message, nil) }
        // The unpacked strings are C strings: a NUL or invalid UTF-8 is only
        // visible in the encoded bytes.
        switch ProtobufStringCheck.check(bytes, descriptor) {
        case .valid: break
        case .violation(let violation): throw RPCError.invalidArgument([violation])
        case .malformed(let why): throw RPCError(.invalidArgument, "the payload is not a valid \(Self.protobufDescriptor.name): \(why)")
        }
        do {
            self = try Self(from: ProtobufMessageDecoder(message: UnsafeRawPointer(message), table: .of(descriptor), codingPath: []))
        } catch {
            throw RPCError(.invalidArgument, "the payload is not a valid \(Self.protobufDescriptor.name): \(error)")
        }
    }

    public init(protobufBytes bytes: [UInt8]) throws(RPCError) {
        let decoded: Result<Self, RPCError> = bytes.withUnsafeBytes { raw in
            Result { () throws(RPCError) in try Self(protobufBytes: raw) }
        }
        self = try decoded.get()
    }
}

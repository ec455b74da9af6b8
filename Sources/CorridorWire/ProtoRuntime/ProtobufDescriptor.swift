internal import CCorridorProto

/// A protoc-c message descriptor, opaque outside CorridorWire: what the
/// generated decoders hand to `protobuf_c_message_unpack`, and what
/// ProtobufStringCheck walks to name the field of a string that is not text.
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

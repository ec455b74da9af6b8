internal import CCorridorProto
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Owns the C memory that a protoc-c struct being packed points into, and
/// frees all of it when the packing is done. protoc-c structs hold raw
/// `char *` and `uint8_t *`; Swift values cannot lend stable pointers for
/// longer than a closure, so each one is copied here for the pack's duration.
final class CScratch {
    private var allocations: [UnsafeMutableRawPointer] = []

    init() {}

    deinit {
        for allocation in allocations { free(allocation) }
    }

    func string(_ value: String) -> UnsafeMutablePointer<CChar> {
        let copy = strdup(value)!
        allocations.append(UnsafeMutableRawPointer(copy))
        return copy
    }

    func bytes(_ buffer: ByteBuffer) -> ProtobufCBinaryData {
        let count = buffer.readableBytes
        guard count > 0 else { return ProtobufCBinaryData(len: 0, data: nil) }
        let memory = malloc(count)!
        allocations.append(memory)
        buffer.withUnsafeReadableBytes { source in
            memory.copyMemory(from: source.baseAddress!, byteCount: count)
        }
        return ProtobufCBinaryData(len: count, data: memory.assumingMemoryBound(to: UInt8.self))
    }

    func bytes(_ bytes: [UInt8]) -> ProtobufCBinaryData {
        guard !bytes.isEmpty else { return ProtobufCBinaryData(len: 0, data: nil) }
        let memory = malloc(bytes.count)!
        allocations.append(memory)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return ProtobufCBinaryData(len: bytes.count, data: memory.assumingMemoryBound(to: UInt8.self))
    }

    func zeroed(byteCount: Int) -> UnsafeMutableRawPointer {
        let memory = calloc(1, max(1, byteCount))!
        allocations.append(memory)
        return memory
    }

    /// A zeroed C struct to fill in, freed with the scratch.
    func allocate<Message>(_ initialise: (UnsafeMutablePointer<Message>) -> Void) -> UnsafeMutablePointer<Message> {
        let memory = calloc(1, MemoryLayout<Message>.stride)!
        allocations.append(memory)
        let message = memory.bindMemory(to: Message.self, capacity: 1)
        initialise(message)
        return message
    }

    /// An array of pointers, as protoc-c represents repeated message fields.
    func pointerArray<Element>(_ elements: [UnsafeMutablePointer<Element>]) -> UnsafeMutablePointer<UnsafeMutablePointer<Element>?>? {
        guard !elements.isEmpty else { return nil }
        let memory = calloc(elements.count, MemoryLayout<UnsafeMutablePointer<Element>?>.stride)!
        allocations.append(memory)
        let array = memory.bindMemory(to: UnsafeMutablePointer<Element>?.self, capacity: elements.count)
        for (index, element) in elements.enumerated() { array[index] = element }
        return array
    }
}

/// Packs a protoc-c message (any generated struct) into a ByteBuffer.
func packProtobufC(_ message: UnsafeRawPointer, into buffer: inout ByteBuffer) {
    let size = protobuf_c_message_get_packed_size(ccorridorproto_message_base(message))
    buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { out in
        ccorridorproto_pack(message, out.baseAddress!)
    }
}

func packedSize(_ message: UnsafeRawPointer) -> Int {
    protobuf_c_message_get_packed_size(ccorridorproto_message_base(message))
}

/// Unpacks `bytes` with protoc-c's generated `…__unpack` function and hands
/// the C struct to `body`; nil when the bytes are not a valid encoding.
func withUnpackedProtobufC<Message, Result>(
    _ unpack: (UnsafeMutablePointer<ProtobufCAllocator>?, Int, UnsafePointer<UInt8>?) -> UnsafeMutablePointer<Message>?,
    _ bytes: ByteBuffer,
    _ body: (UnsafePointer<Message>) throws(RPCError) -> Result
) throws(RPCError) -> Result? {
    let unpacked: UnsafeMutablePointer<Message>? = bytes.withUnsafeReadableBytes { raw in
        // protobuf-c reads nothing for an empty message; any valid pointer will do.
        let address = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        return unpack(nil, raw.count, address.assumingMemoryBound(to: UInt8.self))
    }
    guard let unpacked else { return nil }
    defer { ccorridorproto_free(unpacked) }
    return try body(unpacked)
}

extension String {
    /// protoc-c leaves absent strings pointing at an empty string, but a
    /// hand-built struct may hold NULL.
    init(protobufC pointer: UnsafePointer<CChar>?) {
        self = pointer.map { String(cString: $0) } ?? ""
    }
}

extension ByteBuffer {
    init(protobufC data: ProtobufCBinaryData) {
        self = ByteBuffer()
        if data.len > 0, let bytes = data.data {
            writeBytes(UnsafeRawBufferPointer(start: bytes, count: data.len))
        }
    }
}

/// Builds a protoc-c message in scratch memory and packs it.
func encodeProtobufC<Message>(
    _ initialise: (UnsafeMutablePointer<Message>) -> Void,
    _ fill: (UnsafeMutablePointer<Message>, CScratch) -> Void
) -> ByteBuffer {
    let scratch = CScratch()
    let message: UnsafeMutablePointer<Message> = scratch.allocate(initialise)
    fill(message, scratch)
    var buffer = ByteBuffer()
    packProtobufC(message, into: &buffer)
    return buffer
}

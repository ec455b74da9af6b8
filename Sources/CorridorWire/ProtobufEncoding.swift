internal import CCorridorProto

/// One field value on its way into a protoc-c struct.
enum ProtobufStoredValue {
    case signed(Int64)
    case unsigned(UInt64)
    case floating(Double)
    case bool(Bool)
    case string(String)
    case enumName(String)
    case bytes([UInt8])
    case message(UnsafeMutableRawPointer)
}

struct ProtobufEncodingFailure: Error, CustomStringConvertible {
    let description: String
}

/// Scratch memory for one message being built, and the repeated fields whose
/// arrays are laid out once all their elements are known.
final class ProtobufEncodingContext {
    let scratch = CScratch()
    var pendingRepeated: [ProtobufRepeatedStorage] = []

    func newMessage(_ descriptor: UnsafePointer<ProtobufCMessageDescriptor>) -> UnsafeMutableRawPointer {
        let memory = scratch.zeroed(byteCount: descriptor.pointee.sizeof_message)
        descriptor.pointee.message_init?(memory.assumingMemoryBound(to: ProtobufCMessage.self))
        return memory
    }

    func finishRepeatedFields() throws {
        // Later entries may be nested in earlier ones' elements; order does not matter
        // because each writes only its own field.
        for storage in pendingRepeated { try storage.layOut(self) }
        pendingRepeated.removeAll()
    }

    /// Writes `value` as `field`'s type at `address`.
    func store(_ value: ProtobufStoredValue, as field: ProtobufField, at address: UnsafeMutableRawPointer) throws {
        func fail(_ reason: String) -> ProtobufEncodingFailure {
            ProtobufEncodingFailure(description: "field \(field.name): \(reason)")
        }
        func signed() throws -> Int64 {
            switch value {
            case .signed(let number): return number
            case .unsigned(let number):
                guard let converted = Int64(exactly: number) else { throw fail("\(number) is too large") }
                return converted
            case .bool(let flag): return flag ? 1 : 0
            default: throw fail("expected a number, got \(value)")
            }
        }
        func unsigned() throws -> UInt64 {
            switch value {
            case .unsigned(let number): return number
            case .signed(let number):
                guard let converted = UInt64(exactly: number) else { throw fail("\(number) is negative") }
                return converted
            default: throw fail("expected a number, got \(value)")
            }
        }
        switch field.type {
        case PROTOBUF_C_TYPE_INT32, PROTOBUF_C_TYPE_SINT32, PROTOBUF_C_TYPE_SFIXED32:
            guard let number = Int32(exactly: try signed()) else { throw fail("does not fit int32") }
            address.storeBytes(of: number, as: Int32.self)
        case PROTOBUF_C_TYPE_INT64, PROTOBUF_C_TYPE_SINT64, PROTOBUF_C_TYPE_SFIXED64:
            address.storeBytes(of: try signed(), as: Int64.self)
        case PROTOBUF_C_TYPE_UINT32, PROTOBUF_C_TYPE_FIXED32:
            guard let number = UInt32(exactly: try unsigned()) else { throw fail("does not fit uint32") }
            address.storeBytes(of: number, as: UInt32.self)
        case PROTOBUF_C_TYPE_UINT64, PROTOBUF_C_TYPE_FIXED64:
            address.storeBytes(of: try unsigned(), as: UInt64.self)
        case PROTOBUF_C_TYPE_FLOAT, PROTOBUF_C_TYPE_DOUBLE:
            let number: Double
            switch value {
            case .floating(let double): number = double
            case .signed(let integer): number = Double(integer)
            case .unsigned(let integer): number = Double(integer)
            default: throw fail("expected a number, got \(value)")
            }
            if field.type == PROTOBUF_C_TYPE_FLOAT {
                address.storeBytes(of: Float(number), as: Float.self)
            } else {
                address.storeBytes(of: number, as: Double.self)
            }
        case PROTOBUF_C_TYPE_BOOL:
            guard case .bool(let flag) = value else { throw fail("expected a Bool, got \(value)") }
            address.storeBytes(of: Int32(flag ? 1 : 0), as: Int32.self)
        case PROTOBUF_C_TYPE_ENUM:
            let number: Int32
            switch value {
            case .enumName(let name), .string(let name):
                guard let found = field.enumNumber(name) else { throw fail("\"\(name)\" is not a value of the enum") }
                number = found
            default:
                guard let converted = Int32(exactly: try signed()) else { throw fail("enum number out of range") }
                number = converted
            }
            address.storeBytes(of: number, as: Int32.self)
        case PROTOBUF_C_TYPE_STRING:
            guard case .string(let string) = value else { throw fail("expected a String, got \(value)") }
            address.storeBytes(of: UnsafeMutablePointer<CChar>?.some(scratch.string(string)), as: UnsafeMutablePointer<CChar>?.self)
        case PROTOBUF_C_TYPE_BYTES:
            guard case .bytes(let bytes) = value else { throw fail("expected bytes, got \(value)") }
            address.storeBytes(of: scratch.bytes(bytes), as: ProtobufCBinaryData.self)
        default:
            guard case .message(let pointer) = value else { throw fail("expected a message, got \(value)") }
            address.storeBytes(of: UnsafeMutableRawPointer?.some(pointer), as: UnsafeMutableRawPointer?.self)
        }
    }
}

/// The elements of one repeated field, laid out as a C array at the end.
final class ProtobufRepeatedStorage {
    let field: ProtobufField
    let message: UnsafeMutableRawPointer
    var elements: [ProtobufStoredValue] = []

    init(field: ProtobufField, message: UnsafeMutableRawPointer) {
        self.field = field
        self.message = message
    }

    func layOut(_ context: ProtobufEncodingContext) throws {
        guard !elements.isEmpty else { return }
        let stride = field.elementStride
        let array = context.scratch.zeroed(byteCount: stride * elements.count)
        for (index, element) in elements.enumerated() {
            try context.store(element, as: field, at: array + index * stride)
        }
        (message + field.quantifierOffset).storeBytes(of: elements.count, as: Int.self)
        (message + field.offset).storeBytes(of: UnsafeMutableRawPointer?.some(array), as: UnsafeMutableRawPointer?.self)
    }
}

/// Encodes a Swift value into a protoc-c message being built.
struct ProtobufMessageEncoder: Encoder {
    let message: UnsafeMutableRawPointer
    let table: ProtobufFieldTable
    let context: ProtobufEncodingContext
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(ProtobufKeyedEncoding<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("\(table.messageName) is a message; a list cannot be encoded as it")
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        preconditionFailure("\(table.messageName) is a message; a single value cannot be encoded as it")
    }
}

private struct ProtobufKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ProtobufMessageEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func field(_ key: Key) throws -> ProtobufField {
        guard let descriptor = encoder.table.field(key.stringValue) else {
            throw EncodingError.invalidValue(key.stringValue, .init(codingPath: codingPath + [key], debugDescription: "\(encoder.table.messageName) has no field for \(key.stringValue)"))
        }
        return ProtobufField(descriptor: descriptor)
    }

    private func markPresent(_ field: ProtobufField) {
        let base = encoder.message
        if field.isOneofMember {
            (base + field.quantifierOffset).storeBytes(of: field.descriptor.pointee.id, as: UInt32.self)
        } else if field.hasPresenceFlag {
            (base + field.quantifierOffset).storeBytes(of: Int32(1), as: Int32.self)
        }
    }

    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let field = try field(key)
        if field.isRepeated {
            let storage = ProtobufRepeatedStorage(field: field, message: encoder.message)
            encoder.context.pendingRepeated.append(storage)
            try value.encode(to: ProtobufRepeatedEncoder(storage: storage, context: encoder.context, codingPath: codingPath + [key]))
            return
        }
        let stored = try ProtobufValueEncoder.storedValue(of: value, for: field, context: encoder.context, codingPath: codingPath + [key])
        try encoder.context.store(stored, as: field, at: encoder.message + field.offset)
        markPresent(field)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("nested containers are not used by synthesized Codable")
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("nested containers are not used by synthesized Codable")
    }

    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
}

/// Turns one Swift value into a field value: a scalar, an enum (its Swift
/// raw value is the proto value's name or number), bytes, or a nested message.
final class ProtobufValueEncoder: Encoder, SingleValueEncodingContainer {
    let field: ProtobufField
    let context: ProtobufEncodingContext
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var result: ProtobufStoredValue?

    init(field: ProtobufField, context: ProtobufEncodingContext, codingPath: [any CodingKey]) {
        self.field = field
        self.context = context
        self.codingPath = codingPath
    }

    static func storedValue<T: Encodable>(of value: T, for field: ProtobufField, context: ProtobufEncodingContext, codingPath: [any CodingKey]) throws -> ProtobufStoredValue {
        if let bytes = value as? [UInt8], field.type == PROTOBUF_C_TYPE_BYTES { return .bytes(bytes) }
        let encoder = ProtobufValueEncoder(field: field, context: context, codingPath: codingPath)
        try encoder.encode(value)
        guard let result = encoder.result else {
            throw ProtobufEncodingFailure(description: "field \(field.name): \(T.self) encoded nothing")
        }
        return result
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        precondition(field.type == PROTOBUF_C_TYPE_MESSAGE, "field \(field.name) is not a message")
        let nested = context.newMessage(field.messageDescriptor)
        result = .message(nested)
        return ProtobufMessageEncoder(message: nested, table: .of(field.messageDescriptor), context: context, codingPath: codingPath)
            .container(keyedBy: type)
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("field \(field.name): protobuf has no lists inside a single field")
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws {}
    func encode(_ value: Bool) throws { result = .bool(value) }
    func encode(_ value: String) throws { result = field.type == PROTOBUF_C_TYPE_ENUM ? .enumName(value) : .string(value) }
    func encode(_ value: Double) throws { result = .floating(value) }
    func encode(_ value: Float) throws { result = .floating(Double(value)) }
    func encode(_ value: Int) throws { result = .signed(Int64(value)) }
    func encode(_ value: Int8) throws { result = .signed(Int64(value)) }
    func encode(_ value: Int16) throws { result = .signed(Int64(value)) }
    func encode(_ value: Int32) throws { result = .signed(Int64(value)) }
    func encode(_ value: Int64) throws { result = .signed(value) }
    func encode(_ value: UInt) throws { result = .unsigned(UInt64(value)) }
    func encode(_ value: UInt8) throws { result = .unsigned(UInt64(value)) }
    func encode(_ value: UInt16) throws { result = .unsigned(UInt64(value)) }
    func encode(_ value: UInt32) throws { result = .unsigned(UInt64(value)) }
    func encode(_ value: UInt64) throws { result = .unsigned(value) }

    func encode<T: Encodable>(_ value: T) throws {
        switch value {
        case let value as String: try encode(value)
        case let value as Bool: try encode(value)
        case let value as Int: try encode(value)
        case let value as Int32: try encode(value)
        case let value as Int64: try encode(value)
        case let value as UInt32: try encode(value)
        case let value as UInt64: try encode(value)
        case let value as Double: try encode(value)
        case let value as [UInt8] where field.type == PROTOBUF_C_TYPE_BYTES: result = .bytes(value)
        default: try value.encode(to: self)
        }
    }
}

/// Collects the elements of a repeated field.
struct ProtobufRepeatedEncoder: Encoder {
    let storage: ProtobufRepeatedStorage
    let context: ProtobufEncodingContext
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        preconditionFailure("field \(storage.field.name) is repeated: it takes a list")
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        ProtobufUnkeyedEncoding(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        preconditionFailure("field \(storage.field.name) is repeated: it takes a list")
    }
}

private struct ProtobufUnkeyedEncoding: UnkeyedEncodingContainer {
    let encoder: ProtobufRepeatedEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.storage.elements.count }

    mutating func encodeNil() throws {
        throw ProtobufEncodingFailure(description: "field \(encoder.storage.field.name): a repeated field cannot hold nil")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let stored = try ProtobufValueEncoder.storedValue(of: value, for: encoder.storage.field, context: encoder.context, codingPath: codingPath)
        encoder.storage.elements.append(stored)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let field = encoder.storage.field
        let nested = encoder.context.newMessage(field.messageDescriptor)
        encoder.storage.elements.append(.message(nested))
        return ProtobufMessageEncoder(message: nested, table: .of(field.messageDescriptor), context: encoder.context, codingPath: codingPath)
            .container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("protobuf has no lists of lists")
    }

    mutating func superEncoder() -> any Encoder { encoder }
}

internal import CCorridorProto

/// One field's value as read from a protoc-c struct.
enum ProtobufValue {
    case signed(Int64)
    case unsigned(UInt64)
    case floating(Double)
    case bool(Bool)
    case string(String)
    case bytes([UInt8])
    case enumeration(Int32, ProtobufField)
    case message(UnsafeRawPointer, UnsafePointer<ProtobufCMessageDescriptor>)
    case absentMessage

    /// Reads an element of `field`'s type stored at `address`.
    static func read(_ field: ProtobufField, at address: UnsafeRawPointer) -> ProtobufValue {
        switch field.type {
        case PROTOBUF_C_TYPE_INT32, PROTOBUF_C_TYPE_SINT32, PROTOBUF_C_TYPE_SFIXED32:
            .signed(Int64(address.loadUnaligned(as: Int32.self)))
        case PROTOBUF_C_TYPE_INT64, PROTOBUF_C_TYPE_SINT64, PROTOBUF_C_TYPE_SFIXED64:
            .signed(address.loadUnaligned(as: Int64.self))
        case PROTOBUF_C_TYPE_UINT32, PROTOBUF_C_TYPE_FIXED32:
            .unsigned(UInt64(address.loadUnaligned(as: UInt32.self)))
        case PROTOBUF_C_TYPE_UINT64, PROTOBUF_C_TYPE_FIXED64:
            .unsigned(address.loadUnaligned(as: UInt64.self))
        case PROTOBUF_C_TYPE_FLOAT:
            .floating(Double(address.loadUnaligned(as: Float.self)))
        case PROTOBUF_C_TYPE_DOUBLE:
            .floating(address.loadUnaligned(as: Double.self))
        case PROTOBUF_C_TYPE_BOOL:
            .bool(address.loadUnaligned(as: Int32.self) != 0)
        case PROTOBUF_C_TYPE_ENUM:
            .enumeration(address.loadUnaligned(as: Int32.self), field)
        case PROTOBUF_C_TYPE_STRING:
            .string(address.loadUnaligned(as: UnsafePointer<CChar>?.self).map { String(cString: $0) } ?? "")
        case PROTOBUF_C_TYPE_BYTES:
            .bytes({
                let data = address.loadUnaligned(as: ProtobufCBinaryData.self)
                guard data.len > 0, let bytes = data.data else { return [] }
                return Array(UnsafeBufferPointer(start: bytes, count: data.len))
            }())
        default:
            address.loadUnaligned(as: UnsafeRawPointer?.self).map { .message($0, field.messageDescriptor) } ?? .absentMessage
        }
    }

    /// proto3 has no presence for plain scalars: the zero value is "not set".
    var isDefault: Bool {
        switch self {
        case .signed(let value): value == 0
        case .unsigned(let value): value == 0
        case .floating(let value): value == 0
        case .bool(let value): !value
        case .string(let value): value.isEmpty
        case .bytes(let value): value.isEmpty
        case .enumeration(let value, _): value == 0
        case .message: false
        case .absentMessage: true
        }
    }
}

/// Decodes a Swift value from an unpacked protoc-c message.
struct ProtobufMessageDecoder: Decoder {
    let message: UnsafeRawPointer
    let table: ProtobufFieldTable
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(ProtobufKeyedDecoding<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "\(table.messageName) is a message, not a list"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "\(table.messageName) is a message, not a single value"))
    }
}

private struct ProtobufKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ProtobufMessageDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { [] }

    private func field(_ key: Key) throws -> ProtobufField {
        guard let descriptor = decoder.table.field(key.stringValue) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "\(decoder.table.messageName) has no field for \(key.stringValue)"))
        }
        return ProtobufField(descriptor: descriptor)
    }

    private func isPresent(_ field: ProtobufField) -> Bool {
        let base = decoder.message
        if field.isRepeated { return (base + field.quantifierOffset).loadUnaligned(as: Int.self) > 0 }
        if field.isOneofMember { return (base + field.quantifierOffset).loadUnaligned(as: UInt32.self) == field.descriptor.pointee.id }
        if field.hasPresenceFlag { return (base + field.quantifierOffset).loadUnaligned(as: Int32.self) != 0 }
        return !ProtobufValue.read(field, at: base + field.offset).isDefault
    }

    func contains(_ key: Key) -> Bool {
        guard let descriptor = decoder.table.field(key.stringValue) else { return false }
        return isPresent(ProtobufField(descriptor: descriptor))
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        !isPresent(try field(key))
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let field = try field(key)
        let path = codingPath + [key]
        if field.isRepeated {
            let count = (decoder.message + field.quantifierOffset).loadUnaligned(as: Int.self)
            let array = (decoder.message + field.offset).loadUnaligned(as: UnsafeRawPointer?.self)
            return try T(from: ProtobufRepeatedDecoder(field: field, array: array, count: count, codingPath: path))
        }
        let value = ProtobufValue.read(field, at: decoder.message + field.offset)
        return try ProtobufValueDecoder(value: value, codingPath: path).decode(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        let field = try field(key)
        guard case .message(let pointer, let descriptor) = ProtobufValue.read(field, at: decoder.message + field.offset) else {
            throw DecodingError.valueNotFound(NestedKey.self, .init(codingPath: codingPath + [key], debugDescription: "no message"))
        }
        return try ProtobufMessageDecoder(message: pointer, table: .of(descriptor), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let field = try field(key)
        let count = (decoder.message + field.quantifierOffset).loadUnaligned(as: Int.self)
        let array = (decoder.message + field.offset).loadUnaligned(as: UnsafeRawPointer?.self)
        return try ProtobufRepeatedDecoder(field: field, array: array, count: count, codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
}

/// Decodes one field value: a scalar, an enum (by number or by name), bytes,
/// or a nested message.
struct ProtobufValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: ProtobufValue
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .message(let pointer, let descriptor) = value else { throw mismatch(Key.self) }
        return try ProtobufMessageDecoder(message: pointer, table: .of(descriptor), codingPath: codingPath).container(keyedBy: type)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw mismatch([Any].self) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool {
        if case .absentMessage = value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch value {
        case .bytes(let bytes) where T.self == [UInt8].self:
            return bytes as! T
        case .absentMessage:
            throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath, debugDescription: "message not set"))
        default:
            break
        }
        if T.self == String.self { return try decode(String.self) as! T }
        if T.self == Bool.self { return try decode(Bool.self) as! T }
        if T.self == Int.self { return try decode(Int.self) as! T }
        if T.self == Int32.self { return try decode(Int32.self) as! T }
        if T.self == Int64.self { return try decode(Int64.self) as! T }
        if T.self == UInt32.self { return try decode(UInt32.self) as! T }
        if T.self == UInt64.self { return try decode(UInt64.self) as! T }
        if T.self == UInt.self { return try decode(UInt.self) as! T }
        if T.self == Double.self { return try decode(Double.self) as! T }
        if T.self == Float.self { return try decode(Float.self) as! T }
        return try T(from: self)
    }

    func decode(_ type: String.Type) throws -> String {
        switch value {
        case .string(let string): return string
        case .enumeration(let number, let field):
            guard let name = field.enumName(number) else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\(number) is not a value of this enum"))
            }
            return name
        default: throw mismatch(String.self)
        }
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let bool) = value else { throw mismatch(Bool.self) }
        return bool
    }

    private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let converted: I?
        switch value {
        case .signed(let number): converted = I(exactly: number)
        case .unsigned(let number): converted = I(exactly: number)
        case .enumeration(let number, _): converted = I(exactly: number)
        default: throw mismatch(I.self)
        }
        guard let converted else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "the number does not fit \(I.self)"))
        }
        return converted
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(UInt64.self) }

    func decode(_ type: Double.Type) throws -> Double {
        switch value {
        case .floating(let number): return number
        case .signed(let number): return Double(number)
        case .unsigned(let number): return Double(number)
        default: throw mismatch(Double.self)
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    private func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "the protobuf field holds \(value)"))
    }
}

/// Decodes a repeated field as a Swift array.
struct ProtobufRepeatedDecoder: Decoder {
    let field: ProtobufField
    let array: UnsafeRawPointer?
    let count: Int
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath, debugDescription: "a repeated field is a list"))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        ProtobufUnkeyedDecoding(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a repeated field is a list"))
    }
}

private struct ProtobufUnkeyedDecoding: UnkeyedDecodingContainer {
    let decoder: ProtobufRepeatedDecoder
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { decoder.count }
    var isAtEnd: Bool { currentIndex >= decoder.count }

    init(decoder: ProtobufRepeatedDecoder) {
        self.decoder = decoder
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd, let array = decoder.array else {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath, debugDescription: "past the end of the list"))
        }
        let value = ProtobufValue.read(decoder.field, at: array + currentIndex * decoder.field.elementStride)
        currentIndex += 1
        return try ProtobufValueDecoder(value: value, codingPath: codingPath).decode(T.self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        guard !isAtEnd, let array = decoder.array else { throw DecodingError.valueNotFound(NestedKey.self, .init(codingPath: codingPath, debugDescription: "past the end")) }
        let value = ProtobufValue.read(decoder.field, at: array + currentIndex * decoder.field.elementStride)
        currentIndex += 1
        return try ProtobufValueDecoder(value: value, codingPath: codingPath).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "protobuf has no lists of lists"))
    }

    mutating func superDecoder() throws -> any Decoder { decoder }
}

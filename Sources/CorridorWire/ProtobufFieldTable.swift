internal import CCorridorProto
import Synchronization

/// The fields of one protoc-c message type, looked up by Swift property name.
/// Swift names are camelCase and proto names snake_case; the mapping is
/// mechanical (`ageMonths` ⇄ `age_months`, `siteID` ⇄ `site_id`).
final class ProtobufFieldTable: @unchecked Sendable {
    let descriptor: UnsafePointer<ProtobufCMessageDescriptor>
    private let fieldsBySwiftName: [String: UnsafePointer<ProtobufCFieldDescriptor>]

    private init(_ descriptor: UnsafePointer<ProtobufCMessageDescriptor>) {
        self.descriptor = descriptor
        var fields: [String: UnsafePointer<ProtobufCFieldDescriptor>] = [:]
        var exact: [String: UnsafePointer<ProtobufCFieldDescriptor>] = [:]
        for index in 0..<Int(descriptor.pointee.n_fields) {
            let field = descriptor.pointee.fields + index
            let protoName = String(cString: field.pointee.name)
            fields[Self.normalized(protoName)] = field
            // The spellings Swift properties use, found without normalising:
            // siteId and siteID, companionIds and companionIDs.
            let camel = Self.swiftName(protoName)
            for spelling in [protoName, camel, Self.acronymSpelling(camel)] { exact[spelling] = field }
        }
        self.fieldsBySwiftName = fields
        self.fieldsByExactName = exact
    }

    /// The exact names tried first; normalising every key of every message
    /// was a quarter of the time spent replaying the log.
    private let fieldsByExactName: [String: UnsafePointer<ProtobufCFieldDescriptor>]

    /// `siteId` → `siteID`, `companionIds` → `companionIDs`.
    static func acronymSpelling(_ camel: String) -> String {
        for (word, acronym) in [("Ids", "IDs"), ("Id", "ID")] where camel.hasSuffix(word) {
            return String(camel.dropLast(word.count)) + acronym
        }
        return camel
    }

    var messageName: String { String(cString: descriptor.pointee.name) }

    func field(_ swiftName: String) -> UnsafePointer<ProtobufCFieldDescriptor>? {
        fieldsByExactName[swiftName] ?? fieldsBySwiftName[Self.normalized(swiftName)]
    }

    /// Lower case without underscores: `companionIDs` and `companion_ids` meet
    /// as `companionids`. Two fields of one message never differ only so.
    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "_" })
    }

    /// `age_months` → `ageMonths`.
    static func swiftName(_ protoName: String) -> String {
        var result = ""
        var upperNext = false
        for character in protoName {
            if character == "_" {
                upperNext = true
            } else {
                result.append(upperNext ? Character(character.uppercased()) : character)
                upperNext = false
            }
        }
        return result
    }

    /// `siteID` → `site_id`, `ageMonths` → `age_months`, `companionIDs` → `companion_ids`.
    static func snakeCase(_ swiftName: String) -> String {
        let characters = Array(swiftName)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase && index > 0 {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                // The plural "s" of an acronym (IDs) stays with it.
                let nextStartsWord = next.map { $0.isLowercase && !($0 == "s" && (index + 2 == characters.count || characters[index + 2].isUppercase)) } ?? false
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextStartsWord) {
                    result.append("_")
                }
            }
            result.append(Character(character.lowercased()))
        }
        return result
    }

    private static let cache = Mutex<[Int: ProtobufFieldTable]>([:])

    static func of(_ descriptor: UnsafePointer<ProtobufCMessageDescriptor>) -> ProtobufFieldTable {
        let key = Int(bitPattern: descriptor)
        if let table = cache.withLock({ $0[key] }) { return table }
        let table = ProtobufFieldTable(descriptor)
        cache.withLock { $0[key] = table }
        return table
    }
}

/// What the coders need to know of a field, read once from its descriptor.
struct ProtobufField {
    let descriptor: UnsafePointer<ProtobufCFieldDescriptor>

    var name: String { String(cString: descriptor.pointee.name) }
    var type: ProtobufCType { descriptor.pointee.type }
    var isRepeated: Bool { descriptor.pointee.label == PROTOBUF_C_LABEL_REPEATED }
    var isOneofMember: Bool { descriptor.pointee.flags & UInt32(PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue) != 0 }
    /// proto3 `optional` scalars carry a has_ flag.
    var hasPresenceFlag: Bool {
        descriptor.pointee.label == PROTOBUF_C_LABEL_OPTIONAL && !isOneofMember
            && type != PROTOBUF_C_TYPE_MESSAGE && type != PROTOBUF_C_TYPE_STRING
    }
    var offset: Int { Int(descriptor.pointee.offset) }
    var quantifierOffset: Int { Int(descriptor.pointee.quantifier_offset) }
    var messageDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        descriptor.pointee.descriptor.assumingMemoryBound(to: ProtobufCMessageDescriptor.self)
    }
    var enumDescriptor: UnsafePointer<ProtobufCEnumDescriptor> {
        descriptor.pointee.descriptor.assumingMemoryBound(to: ProtobufCEnumDescriptor.self)
    }

    /// Bytes one element takes in a C array of this field.
    var elementStride: Int {
        switch type {
        case PROTOBUF_C_TYPE_INT32, PROTOBUF_C_TYPE_SINT32, PROTOBUF_C_TYPE_SFIXED32,
             PROTOBUF_C_TYPE_UINT32, PROTOBUF_C_TYPE_FIXED32, PROTOBUF_C_TYPE_FLOAT,
             PROTOBUF_C_TYPE_BOOL, PROTOBUF_C_TYPE_ENUM:
            4
        case PROTOBUF_C_TYPE_INT64, PROTOBUF_C_TYPE_SINT64, PROTOBUF_C_TYPE_SFIXED64,
             PROTOBUF_C_TYPE_UINT64, PROTOBUF_C_TYPE_FIXED64, PROTOBUF_C_TYPE_DOUBLE:
            8
        case PROTOBUF_C_TYPE_BYTES:
            MemoryLayout<ProtobufCBinaryData>.stride
        default:
            MemoryLayout<UnsafeRawPointer>.stride
        }
    }

    func enumName(_ number: Int32) -> String? {
        let enumeration = enumDescriptor.pointee
        for index in 0..<Int(enumeration.n_values) where enumeration.values[index].value == number {
            return String(cString: enumeration.values[index].name)
        }
        return nil
    }

    func enumNumber(_ name: String) -> Int32? {
        let enumeration = enumDescriptor.pointee
        for index in 0..<Int(enumeration.n_values) where String(cString: enumeration.values[index].name) == name {
            return enumeration.values[index].value
        }
        return nil
    }
}

/// The name mapping between Swift properties and proto fields, for tests and tools.
public enum ProtobufNames {
    public static func snakeCase(_ swiftName: String) -> String { ProtobufFieldTable.snakeCase(swiftName) }
}

/// What the generated `init(json:path:)` uses to read proto3 JSON values.
/// `null` reads as the field's default everywhere except inside arrays.
enum ProtoJSONRead {
    static func members(_ value: ProtoJSON, path: String, message: String) throws(ProtoJSONError) -> [ProtoJSON.Member] {
        guard case .object(let members) = value else {
            throw ProtoJSONError(path: path, reason: "expected an object (\(message)), found \(value.kindName)")
        }
        return members
    }

    /// Refuses a field given twice (under its JSON name and its proto name, say).
    static func once(_ seen: inout UInt64, _ index: Int, field: String, path: String) throws(ProtoJSONError) {
        let bit: UInt64 = 1 << UInt64(index & 63)
        guard seen & bit == 0 else {
            throw ProtoJSONError(path: ProtoJSONError.join(path, field), reason: "the field is given twice")
        }
        seen |= bit
    }

    /// Refuses a second member of one oneof.
    static func oneOf(_ set: inout String?, _ key: String, oneof: String, path: String) throws(ProtoJSONError) {
        if let earlier = set {
            throw ProtoJSONError(path: ProtoJSONError.join(path, key), reason: "\"\(earlier)\" is set already: only one field of the oneof \(oneof) may be")
        }
        set = key
    }

    static func array(_ value: ProtoJSON, path: String) throws(ProtoJSONError) -> [ProtoJSON] {
        switch value {
        case .null: return []
        case .array(let elements):
            for (index, element) in elements.enumerated() where element.isNull {
                throw ProtoJSONError(path: path + "[\(index)]", reason: "null is not a value of a repeated field")
            }
            return elements
        default: throw mismatch(value, "an array", path)
        }
    }

    static func repeated<Element>(
        _ value: ProtoJSON, path: String, _ read: (ProtoJSON, String) throws(ProtoJSONError) -> Element
    ) throws(ProtoJSONError) -> [Element] {
        var result: [Element] = []
        for (index, element) in try array(value, path: path).enumerated() {
            result.append(try read(element, path + "[\(index)]"))
        }
        return result
    }

    static func string(_ value: ProtoJSON, path: String) throws(ProtoJSONError) -> String {
        switch value {
        case .null: return ""
        case .string(let string): return string
        default: throw mismatch(value, "a string", path)
        }
    }

    static func bool(_ value: ProtoJSON, path: String) throws(ProtoJSONError) -> Bool {
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        default: throw mismatch(value, "true or false", path)
        }
    }

    static func bytes(_ value: ProtoJSON, path: String) throws(ProtoJSONError) -> [UInt8] {
        switch value {
        case .null: return []
        case .string(let text):
            guard let bytes = ProtoBase64.decode(text) else {
                throw ProtoJSONError(path: path, reason: "expected base64, found \"\(text)\"")
            }
            return bytes
        default: throw mismatch(value, "a base64 string", path)
        }
    }

    /// An integer field: a JSON number that is an integer (`3`, `3.0`), or a
    /// string of decimal digits; 64-bit ones are written as strings.
    private static func integer<Integer: FixedWidthInteger>(_ value: ProtoJSON, _ typeName: String, path: String) throws(ProtoJSONError) -> Integer {
        switch value {
        case .null:
            return 0
        case .number(let number):
            if let integer = number.exactly(Integer.self) { return integer }
            throw ProtoJSONError(path: path, reason: "\(number.text) is not a \(typeName) (an integer from \(Integer.min) to \(Integer.max))")
        case .string(let text):
            let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
            if !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }), let integer = Integer(text) {
                return integer
            }
            throw ProtoJSONError(path: path, reason: "\"\(text)\" is not a \(typeName) (an integer from \(Integer.min) to \(Integer.max))")
        default:
            throw mismatch(value, "a number", path)
        }
    }

    static func uint32(_ value: ProtoJSON, path: String) throws(ProtoJSONError) -> UInt32 {
        try integer(value, "uint32", path: path)
    }

    static func int32(_ value: ProtoJSON, path: String) throws(ProtoJSONError) -> Int32 {
        try integer(value, "int32", path: path)
    }

    static func uint64(_ value: ProtoJSON, path: String) throws(ProtoJSONError) -> UInt64 {
        try integer(value, "uint64", path: path)
    }

    /// An enum: its value's name as in proto/, or a number (one proto/ does not
    /// name stays `unrecognized`).
    static func enumeration<Enum: ProtoEnum>(_ value: ProtoJSON, path: String) throws(ProtoJSONError) -> Enum {
        switch value {
        case .null:
            return Enum(rawValue: 0)
        case .string(let name):
            if let known = Enum(protoName: name) { return known }
            if let number = Int32(name) { return Enum(rawValue: number) }
            let names = Enum.allCases.map(\.protoName).joined(separator: ", ")
            throw ProtoJSONError(path: path, reason: "\"\(name)\" is not a value of \(Enum.protoEnumName) (\(names))")
        case .number(let number):
            guard let raw = number.exactly(Int32.self) else {
                throw ProtoJSONError(path: path, reason: "\(number.text) is not a value of \(Enum.protoEnumName)")
            }
            return Enum(rawValue: raw)
        default:
            throw mismatch(value, "a value name of \(Enum.protoEnumName)", path)
        }
    }

    private static func mismatch(_ value: ProtoJSON, _ expected: String, _ path: String) -> ProtoJSONError {
        ProtoJSONError(path: path, reason: "expected \(expected), found \(value.kindName)")
    }
}

extension ProtoJSON {
    /// How deep arrays and objects may nest; deeper input is refused, not followed.
    public static let maximumDepth = 100

    /// Parses JSON text (RFC 8259): one value, surrounded by whitespace only.
    /// Refuses invalid UTF-8, lone surrogates, control characters in strings,
    /// and nesting deeper than `maximumDepth`, saying at which byte.
    public init(parsing text: String) throws(ProtoJSONError) {
        var copy = text
        let parsed: Result<ProtoJSON, ProtoJSONError> = copy.withUTF8 { bytes in
            Result { () throws(ProtoJSONError) in
                var parser = ProtoJSONParser(UnsafeRawBufferPointer(bytes))
                return try parser.parseDocument()
            }
        }
        self = try parsed.get()
    }

    public init(parsing bytes: [UInt8]) throws(ProtoJSONError) {
        let parsed: Result<ProtoJSON, ProtoJSONError> = bytes.withUnsafeBytes { raw in
            Result { () throws(ProtoJSONError) in
                var parser = ProtoJSONParser(raw)
                return try parser.parseDocument()
            }
        }
        self = try parsed.get()
    }
}

/// A recursive-descent JSON parser over bytes; every read is bounds-checked.
private struct ProtoJSONParser {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    private func fail(_ why: String) -> ProtoJSONError {
        ProtoJSONError(path: "", reason: "invalid JSON at byte \(index): \(why)")
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func parseDocument() throws(ProtoJSONError) -> ProtoJSON {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw fail("more after the value") }
        return value
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func parseValue(depth: Int) throws(ProtoJSONError) -> ProtoJSON {
        guard let byte = current else { throw fail("a value is missing") }
        switch byte {
        case UInt8(ascii: "{"):
            guard depth < ProtoJSON.maximumDepth else { throw fail("nested more than \(ProtoJSON.maximumDepth) deep") }
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            guard depth < ProtoJSON.maximumDepth else { throw fail("nested more than \(ProtoJSON.maximumDepth) deep") }
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw fail("unexpected character")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(ProtoJSONError) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw fail("unexpected end") }
        let start = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw fail("unexpected character")
        }
        index += count
    }

    private mutating func parseObject(depth: Int) throws(ProtoJSONError) -> ProtoJSON {
        index += 1
        var members: [ProtoJSON.Member] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append(ProtoJSON.Member(key, value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default:
                throw fail("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(ProtoJSONError) -> ProtoJSON {
        index += 1
        var elements: [ProtoJSON] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default:
                throw fail("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func parseNumber() throws(ProtoJSONError) -> ProtoJSON.Number {
        let start = index
        while let byte = current,
              byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
              || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || (0x30...0x39).contains(byte) {
            index += 1
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard ProtoJSON.Number.isNumber(text.utf8) else {
            index = start
            throw fail("\(text) is not a JSON number")
        }
        return ProtoJSON.Number(validated: text)
    }

    private mutating func parseString() throws(ProtoJSONError) -> String {
        index += 1
        var utf8: [UInt8] = []
        while true {
            guard let byte = current else { throw fail("a string is not closed") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard let escaped = current else { throw fail("a string is not closed") }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""): utf8.append(0x22)
                case UInt8(ascii: "\\"): utf8.append(0x5C)
                case UInt8(ascii: "/"): utf8.append(0x2F)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try parseUnicodeEscape()
                    utf8.append(contentsOf: String(Character(scalar)).utf8)
                default:
                    index -= 1
                    throw fail("unknown escape '\\\(Character(Unicode.Scalar(escaped)))'")
                }
            case 0x00..<0x20:
                throw fail("a control character in a string must be escaped")
            case 0x80...0xFF:
                // One whole UTF-8 character, checked by the string check's rules.
                var length = 0
                let end = characterEnd(from: index, limit: bytes.count, length: &length)
                guard length > 0, ProtobufStringCheck.textProblem(bytes, start: index, end: end) == nil else {
                    throw fail("a string is not valid UTF-8")
                }
                utf8.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<end]))
                index = end
            default:
                utf8.append(byte)
                index += 1
            }
        }
    }

    /// The end of the UTF-8 character starting at `start`, by its lead byte; `length` 0 for a byte that leads none.
    private func characterEnd(from start: Int, limit: Int, length: inout Int) -> Int {
        let lead = bytes[start]
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: length = 0
        }
        if length == 0 { return start + 1 }
        if start + length > limit { length = 0; return limit }
        return start + length
    }

    private mutating func hex4() throws(ProtoJSONError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw fail("\\u needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("\\u needs four hex digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func parseUnicodeEscape() throws(ProtoJSONError) -> Unicode.Scalar {
        let first = try hex4()
        if (0xD800...0xDBFF).contains(first) {
            guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw fail("a high surrogate without its low surrogate")
            }
            index += 2
            let second = try hex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw fail("a high surrogate without its low surrogate") }
            let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            guard let scalar = Unicode.Scalar(combined) else { throw fail("not a character") }
            return scalar
        }
        guard let scalar = Unicode.Scalar(first) else { throw fail("a lone low surrogate") }
        return scalar
    }
}

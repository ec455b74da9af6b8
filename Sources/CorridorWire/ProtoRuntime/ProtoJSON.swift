/// A JSON value, as proto3's JSON mapping needs it: numbers keep their text
/// (a 64-bit integer survives exactly), objects keep their keys' order.
/// `ProtoJSON(parsing:)` reads JSON text; `text(pretty:)` writes it.
public enum ProtoJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Number)
    case string(String)
    case array([ProtoJSON])
    /// Members in order; a key may repeat (the message decoders refuse that for fields).
    case object([Member])

    /// A JSON number by its text (`42`, `-7`, `1.5e3`).
    public struct Number: Sendable, Hashable, CustomStringConvertible {
        /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
        public let text: String

        public init<Integer: BinaryInteger>(_ value: Integer) {
            text = String(value)
        }

        /// nil for infinities and NaN, which JSON has no number for.
        public init?(_ value: Double) {
            guard value.isFinite else { return nil }
            text = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        }

        /// nil unless `text` is a JSON number.
        public init?(text: String) {
            guard Self.isNumber(text.utf8) else { return nil }
            self.text = text
        }

        init(validated text: String) {
            self.text = text
        }

        public var description: String { text }

        /// The number as an integer of type `Integer` if it is one exactly
        /// (`3`, `3.0`, `3e0`), nil if it has a fraction or does not fit.
        public func exactly<Integer: FixedWidthInteger>(_ type: Integer.Type) -> Integer? {
            if let integer = Integer(text) { return integer }
            // A fraction or exponent: exact through a Double up to 2^53.
            guard let double = Double(text), double.rounded() == double, abs(double) <= 9_007_199_254_740_992 else { return nil }
            return Integer(exactly: double)
        }

        public var doubleValue: Double? { Double(text) }

        static func isNumber(_ utf8: String.UTF8View) -> Bool {
            var bytes = utf8.makeIterator()
            var current = bytes.next()
            func digits() -> Int {
                var count = 0
                while let byte = current, (0x30...0x39).contains(byte) {
                    count += 1
                    current = bytes.next()
                }
                return count
            }
            if current == UInt8(ascii: "-") { current = bytes.next() }
            if current == UInt8(ascii: "0") {
                current = bytes.next()
            } else {
                guard let first = current, (0x31...0x39).contains(first) else { return false }
                _ = digits()
            }
            if current == UInt8(ascii: ".") {
                current = bytes.next()
                guard digits() > 0 else { return false }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                current = bytes.next()
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { current = bytes.next() }
                guard digits() > 0 else { return false }
            }
            return current == nil
        }
    }

    /// One key and value of an object.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: ProtoJSON

        public init(_ key: String, _ value: ProtoJSON) {
            self.key = key
            self.value = value
        }
    }

    /// The value of the first member named `key`, for objects.
    public subscript(key: String) -> ProtoJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The element at `index`, for arrays.
    public subscript(index: Int) -> ProtoJSON? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A name for the kind of value, for error messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

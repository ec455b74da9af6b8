internal import TOMLKit

/// What is wrong with an access policy file: where (line, and the key when
/// one is at fault) and why. Line 0 means the file as a whole.
public struct AccessPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int?
    public let key: String?
    public let reason: String
    public private(set) var file: String?

    public init(line: Int, column: Int? = nil, key: String? = nil, _ reason: String) {
        self.line = line
        self.column = column
        self.key = key
        self.reason = reason
    }

    public func inFile(_ path: String) -> AccessPolicyError {
        var copy = self
        copy.file = path
        return copy
    }

    public var description: String {
        var place = file.map { "\($0): " } ?? ""
        if line > 0 { place += "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": " }
        return place + (key.map { "`\($0)`: " } ?? "") + reason
    }
}

extension AccessPolicy {
    /// The largest policy file read: far more than thousands of users need,
    /// small enough that a wrong path (a log, a device) is refused at once.
    public static let maxFileBytes = 1 << 20

    /// Parses a policy file's bytes (TOML, docs/ACCESS.md). Every table and
    /// key is checked: an unknown table, a role that does not exist, a name
    /// that is not a valid user or group name is refused with its line.
    /// Never traps, whatever the bytes.
    public static func parse(_ bytes: [UInt8], source: String) throws(AccessPolicyError) -> AccessPolicy {
        guard bytes.count <= maxFileBytes else {
            throw AccessPolicyError(line: 0, "the file has \(bytes.count) bytes; a policy file has at most \(maxFileBytes)")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw AccessPolicyError(line: lineNumber(ofOffset: nul, in: bytes), "the file contains a NUL byte; a policy file is text")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw AccessPolicyError(line: firstInvalidUTF8Line(bytes), "the file is not UTF-8 text")
        }
        // Only the small part of TOML a policy needs reaches toml++: fuzzing
        // found inputs ("[~ser") that end in an assert() inside it, which
        // would stop the daemon at start or on SIGHUP.
        try PolicyScreen.check(text)
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw AccessPolicyError(line: error.source.begin.line, column: error.source.begin.column, error.description)
        } catch {
            throw AccessPolicyError(line: 0, "not TOML: \(error)")
        }
        let lines = KeyLines(text)
        var policy = AccessPolicy(source: source)
        for key in document.keys.sorted() {
            guard let value = document[key] else { continue }
            switch key {
            case "users", "groups":
                guard let table = value.table else {
                    throw AccessPolicyError(line: lines.line(of: key, in: nil), key: key, "must be a table ([\(key)]) of names to roles")
                }
                var roles: [String: Role] = [:]
                for name in table.keys.sorted() {
                    let line = lines.line(of: name, in: key)
                    guard Self.isAccountName(name) else {
                        throw AccessPolicyError(line: line, key: "\(key).\(name)", "is not a \(key == "users" ? "user" : "group") name (letters, digits, '.', '_', '-', at most 64 bytes, not starting with '-')")
                    }
                    guard let roleName = table[name]?.string else {
                        throw AccessPolicyError(line: line, key: "\(key).\(name)", "must be a role in quotes, one of \(Self.roleList)")
                    }
                    guard let role = Role(rawValue: roleName) else {
                        throw AccessPolicyError(line: line, key: "\(key).\(name)", "\"\(roleName)\" is not a role; the roles are \(Self.roleList)")
                    }
                    roles[name] = role
                }
                if key == "users" { policy.users = roles } else { policy.groups = roles }
            case "profiles":
                policy.profiles = try parseProfiles(value, lines: lines)
            default:
                throw AccessPolicyError(line: lines.line(of: key, in: nil), key: key, "unknown key; a policy has the tables [users] and [groups], and profiles [profiles.NAME]")
            }
        }
        return policy
    }

    /// `[profiles.NAME]` tables, each `fields = ["name", …]` naming only
    /// disclosable fields (DisclosureProfile): a diagnosis is refused here,
    /// so no policy can make a disclosure carry one.
    private static func parseProfiles(_ value: any TOMLValueConvertible, lines: KeyLines) throws(AccessPolicyError) -> [String: DisclosureProfile] {
        guard let table = value.table else {
            throw AccessPolicyError(line: lines.line(of: "profiles", in: nil), key: "profiles", "must be tables [profiles.NAME] with `fields = [\"name\", …]`")
        }
        var profiles: [String: DisclosureProfile] = [:]
        for name in table.keys.sorted() {
            let place = "profiles.\(name)"
            guard Self.isAccountName(name) else {
                throw AccessPolicyError(line: lines.line(of: name, in: "profiles"), key: place, "is not a profile name (letters, digits, '.', '_', '-', at most 64 bytes, not starting with '-')")
            }
            guard let profile = table[name]?.table else {
                throw AccessPolicyError(line: lines.line(of: name, in: "profiles"), key: place, "must be a table [\(place)] with `fields = [\"name\", …]`")
            }
            for key in profile.keys.sorted() where key != "fields" {
                throw AccessPolicyError(line: lines.line(of: key, in: place), key: "\(place).\(key)", "unknown key; a profile has only `fields`")
            }
            let line = lines.line(of: "fields", in: place)
            guard let list = profile["fields"]?.array else {
                throw AccessPolicyError(line: line, key: "\(place).fields", "must be a list of fields in quotes, of \(DisclosureProfile.fieldList)")
            }
            var fields: Set<DisclosureProfile.Field> = []
            for element in list {
                guard let fieldName = element.string else {
                    throw AccessPolicyError(line: line, key: "\(place).fields", "must be a list of fields in quotes, of \(DisclosureProfile.fieldList)")
                }
                guard let field = DisclosureProfile.Field(rawValue: fieldName) else {
                    throw AccessPolicyError(line: line, key: "\(place).fields", DisclosureProfile.refusal(of: fieldName))
                }
                fields.insert(field)
            }
            profiles[name] = DisclosureProfile(name: name, fields: fields)
        }
        return profiles
    }

    static var roleList: String { Role.allCases.map(\.rawValue).joined(separator: ", ") }

    /// What useradd and groupadd accept on Debian, and nothing that could
    /// be mistaken in a log line.
    static func isAccountName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 64, bytes[0] != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    private static func lineNumber(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") || index == bytes.count - 1 {
            if String(validating: bytes[start...index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}

/// Where each key of a policy file is, for errors about its value: TOMLKit
/// gives positions for syntax errors only. Finds `name =` (bare or quoted)
/// under the right `[table]` header, or a `table.name =` dotted key; 0 when
/// not found.
struct KeyLines {
    private var positions: [String: Int] = [:]

    init(_ text: String) {
        var table: String? = nil
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                let name = line.dropFirst().prefix { $0 != "]" }.trimmingSpaces
                table = Self.unquoted(name)
                if positions[Self.path(table, nil)] == nil { positions[Self.path(table, nil)] = index + 1 }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = Self.unquoted(line[..<equals].trimmingSpaces)
            let full = Self.path(table, key)
            if positions[full] == nil { positions[full] = index + 1 }
        }
    }

    func line(of key: String, in table: String?) -> Int {
        positions[Self.path(table, key)] ?? positions[Self.path(table, nil)] ?? 0
    }

    private static func path(_ table: String?, _ key: String?) -> String {
        [table, key].compactMap { $0 }.joined(separator: ".")
    }

    private static func unquoted(_ text: Substring) -> String {
        var text = text
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            text = text.dropFirst().dropLast()
        }
        return String(text)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = drop { $0 == " " || $0 == "\t" }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return text
    }
}

/// The lines a policy file may have, checked before toml++ sees the text:
/// blank lines and comments, table headers (`[users]`), and `key = "value"`
/// with a bare, quoted or dotted key and a one-line string value (or, for
/// a profile's `fields`, a one-line list of strings), each optionally
/// followed by a comment. Anything else is refused with its line
/// (docs/ACCESS.md). toml++ then parses what passed, for duplicates and the
/// table structure.
enum PolicyScreen {
    static func check(_ text: String) throws(AccessPolicyError) {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if line.last == "\r" { line = line.dropLast() }
            try checkLine(Array(line.utf8), number: index + 1)
        }
    }

    private static func checkLine(_ bytes: [UInt8], number: Int) throws(AccessPolicyError) {
        var cursor = Cursor(bytes: bytes, line: number)
        cursor.skipSpaces()
        guard let first = cursor.peek, first != UInt8(ascii: "#") else { return }
        if first == UInt8(ascii: "[") {
            cursor.index += 1
            if cursor.peek == UInt8(ascii: "[") {
                throw AccessPolicyError(line: number, "arrays of tables ([[…]]) are not part of a policy; use [users] and [groups]")
            }
            cursor.skipSpaces()
            _ = try cursor.key()
            cursor.skipSpaces()
            guard cursor.peek == UInt8(ascii: "]") else {
                throw AccessPolicyError(line: number, column: cursor.index + 1, "a table header is [users] or [groups]: a name, then ]")
            }
            cursor.index += 1
        } else {
            let key = try cursor.key()
            cursor.skipSpaces()
            guard cursor.peek == UInt8(ascii: "=") else {
                throw AccessPolicyError(line: number, column: cursor.index + 1, "expected `name = \"role\"`, a [table] header or a # comment")
            }
            cursor.index += 1
            cursor.skipSpaces()
            if cursor.peek == UInt8(ascii: "[") {
                try cursor.stringList(key: key)
            } else {
                guard let quote = cursor.peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                    throw AccessPolicyError(line: number, key: key, "must be a role in quotes, one of \(AccessPolicy.roleList)")
                }
                _ = try cursor.quoted()
            }
        }
        cursor.skipSpaces()
        if let rest = cursor.peek, rest != UInt8(ascii: "#") {
            throw AccessPolicyError(line: number, column: cursor.index + 1, "unexpected text after the value; a line holds one `name = \"role\"`")
        }
    }

    private struct Cursor {
        let bytes: [UInt8]
        let line: Int
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpaces() {
            while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
        }

        /// A bare, quoted or dotted key, as written (for messages).
        mutating func key() throws(AccessPolicyError) -> String {
            let start = index
            while true {
                guard let byte = peek else { throw AccessPolicyError(line: line, column: index + 1, "a name is missing") }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    _ = try quoted()
                } else {
                    let segment = index
                    while let next = peek, Self.isBareKeyByte(next) { index += 1 }
                    guard index > segment else {
                        throw AccessPolicyError(line: line, column: index + 1, "a name is letters, digits, '_', '-', or in quotes")
                    }
                }
                skipSpaces()
                guard peek == UInt8(ascii: ".") else { break }
                index += 1
                skipSpaces()
            }
            return String(decoding: bytes[start..<index], as: UTF8.self).trimmingCharacters(in: " \t")
        }

        /// A profile's `["name", "sex"]`: strings in quotes, separated by
        /// commas (a trailing one allowed), on one line.
        mutating func stringList(key: String) throws(AccessPolicyError) {
            index += 1
            skipSpaces()
            while peek != UInt8(ascii: "]") {
                guard let quote = peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                    throw AccessPolicyError(line: line, column: index + 1, key: key, "a list of fields in quotes, on one line: [\"name\", \"sex\"]")
                }
                _ = try quoted()
                skipSpaces()
                guard peek == UInt8(ascii: ",") else { break }
                index += 1
                skipSpaces()
            }
            guard peek == UInt8(ascii: "]") else {
                throw AccessPolicyError(line: line, column: index + 1, key: key, "a list of fields in quotes, on one line: [\"name\", \"sex\"]")
            }
            index += 1
        }

        /// A one-line string in double quotes (no escapes: no policy needs one)
        /// or single quotes.
        mutating func quoted() throws(AccessPolicyError) -> String {
            let quote = bytes[index]
            let start = index
            index += 1
            while let byte = peek, byte != quote {
                if quote == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") {
                    throw AccessPolicyError(line: line, column: index + 1, "escapes (\\) are not used in a policy; write the name as it is")
                }
                if byte < 0x20 && byte != UInt8(ascii: "\t") || byte == 0x7F {
                    throw AccessPolicyError(line: line, column: index + 1, "a control character inside quotes")
                }
                index += 1
            }
            guard peek == quote else {
                throw AccessPolicyError(line: line, column: start + 1, "the string is not closed on its line")
            }
            index += 1
            if peek == quote {
                throw AccessPolicyError(line: line, column: start + 1, "multi-line strings are not part of a policy")
            }
            return String(decoding: bytes[(start + 1)..<(index - 1)], as: UTF8.self)
        }

        static func isBareKeyByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}

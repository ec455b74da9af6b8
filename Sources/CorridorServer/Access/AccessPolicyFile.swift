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
            default:
                throw AccessPolicyError(line: lines.line(of: key, in: nil), key: key, "unknown key; a policy has the tables [users] and [groups]")
            }
        }
        return policy
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

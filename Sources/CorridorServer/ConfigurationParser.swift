import CorridorRegistry
import Glibc
import Logging

/// A strict JSON reader that knows the configuration's shape. Knowing it is
/// what lets every error name its key: an unknown key, a value of the wrong
/// type, a string with NUL or broken UTF-8 are all reported where they
/// are, with line and column. It never needs to skip an unknown value (an
/// unknown key is already an error), so it never recurses deeper than the
/// schema and cannot be driven into deep recursion by nesting.
struct ConfigurationParser {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    static let topLevelKeys = ["socket", "socketMode", "dataDirectory", "logLevel", "limits", "store", "keyFile", "retention", "accessPolicy", "replication"]
    static let limitKeys = [
        "maxFrameBytes", "maxConcurrentCalls", "keepaliveIntervalMilliseconds", "maxTimeoutMilliseconds",
        "outputHighWaterBytes", "outputLowWaterBytes", "drainTimeoutMilliseconds",
    ]
    static let storeKeys = ["segmentBytes", "snapshotEveryEvents", "snapshotIntervalSeconds"]
    static let retentionKeys = ["personalAfterClosedDays"]
    static let replicationKeys = ["replicateTo", "follow", "mode", "node"]

    mutating func parseFile() throws(ConfigurationError) -> ConfigurationFile {
        // A UTF-8 byte order mark is not JSON, but editors write it; it is harmless.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipWhitespace()
        guard index < bytes.count else { throw syntaxError("the file is empty; write {} for all defaults") }
        guard bytes[index] == UInt8(ascii: "{") else {
            throw syntaxError("the configuration must be one JSON object, {…}; found \(describeValueAhead())")
        }
        var file = ConfigurationFile()
        try parseObject(scope: nil, keys: Self.topLevelKeys) { (key, parser) throws(ConfigurationError) in
            switch key {
            case "socket":
                file.socket = try parser.parsePath(key: key)
            case "dataDirectory":
                file.dataDirectory = try parser.parsePath(key: key)
            case "accessPolicy":
                file.accessPolicy = try parser.parsePath(key: key)
            case "socketMode":
                let start = parser.index
                guard let text = try parser.parseOptionalString(key: key) else { file.socketMode = nil; return }
                switch ConfigurationFile.socketMode(text) {
                case .success(let mode): file.socketMode = mode
                case .failure(let error): throw parser.located(error, at: start)
                }
            case "logLevel":
                let start = parser.index
                guard let text = try parser.parseOptionalString(key: key) else { file.logLevel = nil; return }
                guard let level = Logger.Level(rawValue: text) else {
                    throw parser.error(key: key, at: start, "\"\(Self.printable(text))\" is not one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                file.logLevel = level
            case "limits":
                file.limits = try parser.parseLimits()
            case "keyFile":
                file.keyFile = try parser.parsePath(key: key)
            case "retention":
                file.retention = try parser.parseRetention()
            case "replication":
                file.replication = try parser.parseReplication()
            default:  // "store"; the key list admits nothing else
                file.store = try parser.parseStore()
            }
        }
        skipWhitespace()
        guard index == bytes.count else {
            throw syntaxError("more after the configuration object: \(describeValueAhead())")
        }
        return file
    }

    private mutating func parseLimits() throws(ConfigurationError) -> ServerLimits? {
        if try parseNull() { return nil }
        guard peek() == UInt8(ascii: "{") else { throw error(key: "limits", at: index, "must be an object, found \(describeValueAhead())") }
        var limits = ServerLimits()
        try parseObject(scope: "limits", keys: Self.limitKeys) { (key, parser) throws(ConfigurationError) in
            let dotted = "limits." + key
            guard let value = try parser.parseOptionalUnsigned(key: dotted, max: UInt64(UInt32.max)) else { return }
            let narrow = UInt32(truncatingIfNeeded: value)  // parseOptionalUnsigned checked the range
            switch key {
            case "maxFrameBytes": limits.maxFrameBytes = narrow
            case "maxConcurrentCalls": limits.maxConcurrentCalls = narrow
            case "keepaliveIntervalMilliseconds": limits.keepaliveIntervalMilliseconds = narrow
            case "maxTimeoutMilliseconds": limits.maxTimeoutMilliseconds = narrow
            case "outputHighWaterBytes": limits.outputHighWaterBytes = narrow
            case "outputLowWaterBytes": limits.outputLowWaterBytes = narrow
            default: limits.drainTimeoutMilliseconds = narrow
            }
        }
        if let violation = limits.violations().first {
            throw ConfigurationError(key: violation.field, violation.reason)
        }
        return limits
    }

    private mutating func parseStore() throws(ConfigurationError) -> StoreSettings? {
        if try parseNull() { return nil }
        guard peek() == UInt8(ascii: "{") else { throw error(key: "store", at: index, "must be an object, found \(describeValueAhead())") }
        var store = StoreSettings()
        try parseObject(scope: "store", keys: Self.storeKeys) { (key, parser) throws(ConfigurationError) in
            let dotted = "store." + key
            switch key {
            case "segmentBytes":
                guard let value = try parser.parseOptionalUnsigned(key: dotted, max: UInt64(Int.max)) else { return }
                store.segmentBytes = Int(truncatingIfNeeded: value)
            case "snapshotEveryEvents":
                guard let value = try parser.parseOptionalUnsigned(key: dotted, max: UInt64.max) else { return }
                store.snapshotEveryEvents = value
            default:
                guard let value = try parser.parseOptionalUnsigned(key: dotted, max: UInt64.max) else { return }
                store.snapshotIntervalSeconds = value
            }
        }
        if let violation = store.violations().first {
            throw ConfigurationError(key: violation.field, violation.reason)
        }
        return store
    }

    private mutating func parseRetention() throws(ConfigurationError) -> RetentionSettings? {
        if try parseNull() { return nil }
        guard peek() == UInt8(ascii: "{") else { throw error(key: "retention", at: index, "must be an object, found \(describeValueAhead())") }
        var retention = RetentionSettings()
        try parseObject(scope: "retention", keys: Self.retentionKeys) { (key, parser) throws(ConfigurationError) in
            let start = parser.index
            guard let value = try parser.parseOptionalUnsigned(key: "retention." + key, max: RetentionSettings.maxDays) else { return }
            guard value >= 1 else {
                throw parser.error(key: "retention." + key, at: start, "must be at least 1 day; leave the key out to keep personal parts until erased")
            }
            retention.personalAfterClosedDays = UInt32(truncatingIfNeeded: value)
        }
        return retention
    }

    private mutating func parseReplication() throws(ConfigurationError) -> ReplicationSettings? {
        if try parseNull() { return nil }
        guard peek() == UInt8(ascii: "{") else { throw error(key: "replication", at: index, "must be an object, found \(describeValueAhead())") }
        let objectStart = index
        var replication = ReplicationSettings()
        try parseObject(scope: "replication", keys: Self.replicationKeys) { (key, parser) throws(ConfigurationError) in
            let start = parser.index
            guard let text = try parser.parseOptionalString(key: "replication." + key) else { return }
            guard !text.isEmpty else {
                throw parser.error(key: "replication." + key, at: start, "is empty; leave the key out instead")
            }
            switch key {
            case "replicateTo": replication.replicateTo = text
            case "follow": replication.follow = text
            case "node": replication.node = text
            default:  // "mode"
                guard let mode = ReplicationReport.Mode(rawValue: text) else {
                    throw parser.error(key: "replication.mode", at: start, "\"\(Self.printable(text))\" is not one of async, sync")
                }
                replication.mode = mode
            }
        }
        if replication.replicateTo != nil && replication.follow != nil {
            throw error(key: "replication", at: objectStart, "has both replicateTo and follow: a server is either the primary or a follower")
        }
        return replication
    }

    // MARK: Objects

    /// `{ "key": value, … }`, calling `member` with the parser positioned at
    /// each value; `member` must consume it. Unknown and repeated keys are errors.
    private mutating func parseObject(
        scope: String?,
        keys: [String],
        member: (String, inout ConfigurationParser) throws(ConfigurationError) -> Void
    ) throws(ConfigurationError) {
        index += 1  // the "{" the caller saw
        var seen: Set<String> = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            let keyStart = index
            guard peek() == UInt8(ascii: "\"") else {
                throw syntaxError("expected a key in quotes\(scope.map { " inside `\($0)`" } ?? ""), found \(describeValueAhead())")
            }
            let key = try parseString(key: scope.map { "\($0).(a key)" } ?? "(a key)")
            let dotted = scope.map { "\($0).\(key)" } ?? key
            guard keys.contains(key) else {
                throw error(key: nil, at: keyStart, Self.unknownKeyReason(Self.printable(dotted), key: key, valid: keys))
            }
            guard seen.insert(key).inserted else {
                throw error(key: dotted, at: keyStart, "appears twice; say it once")
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw syntaxError("expected ':' after `\(dotted)`, found \(describeValueAhead())") }
            index += 1
            skipWhitespace()
            guard index < bytes.count else { throw syntaxError("the file ends where the value of `\(dotted)` should be") }
            try member(key, &self)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                return
            default:
                throw syntaxError("expected ',' or '}' after the value of `\(dotted)`, found \(describeValueAhead())")
            }
        }
    }

    static func unknownKeyReason(_ shown: String, key: String, valid: [String]) -> String {
        let nearest = valid.map { (candidate: $0, distance: editDistance(key, $0)) }.min { $0.distance < $1.distance }
        if let nearest, nearest.distance <= max(2, nearest.candidate.count / 3) {
            return "unknown key `\(shown)`; did you mean `\(nearest.candidate)`?"
        }
        return "unknown key `\(shown)`; the keys here are " + valid.map { "`\($0)`" }.joined(separator: ", ")
    }

    /// Levenshtein distance over Unicode scalars, case-insensitive (a wrong
    /// case is the likeliest typo). Keys longer than 64 scalars are too far
    /// from every valid key anyway; they are cut so that a huge key costs nothing.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars.prefix(64))
        let y = Array(b.lowercased().unicodeScalars.prefix(64))
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    // MARK: Values

    private mutating func parseNull() throws(ConfigurationError) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        guard bytes[index...].starts(with: Array("null".utf8)) else { throw syntaxError("expected null, found \(describeValueAhead())") }
        index += 4
        return true
    }

    private mutating func parseOptionalString(key: String) throws(ConfigurationError) -> String? {
        if try parseNull() { return nil }
        guard peek() == UInt8(ascii: "\"") else {
            throw error(key: key, at: index, "must be a string in quotes, found \(describeValueAhead())")
        }
        let start = index
        let text = try parseString(key: key)
        guard !text.unicodeScalars.contains("\0") else {
            throw error(key: key, at: start, "contains a NUL character, which no path or name may hold")
        }
        return text
    }

    /// A path, or null: an empty one would mean the current directory, which no one means.
    private mutating func parsePath(key: String) throws(ConfigurationError) -> String? {
        let start = index
        guard let path = try parseOptionalString(key: key) else { return nil }
        guard !path.isEmpty else { throw error(key: key, at: start, "is empty; give a path, or leave the key out for the default") }
        return path
    }

    /// A whole number from 0 to `max`, or null.
    private mutating func parseOptionalUnsigned(key: String, max: UInt64) throws(ConfigurationError) -> UInt64? {
        if try parseNull() { return nil }
        let start = index
        let negative = peek() == UInt8(ascii: "-")
        if negative { index += 1 }
        guard let first = peek(), Self.isDigit(first) else {
            throw error(key: key, at: start, "must be a whole number, found \(describeValueAhead(from: start))")
        }
        if first == UInt8(ascii: "0"), let next = peek(at: index + 1), Self.isDigit(next) {
            throw error(key: key, at: start, "a number must not start with 0 in JSON")
        }
        var value: UInt64 = 0
        var overflowed = false
        while let byte = peek(), Self.isDigit(byte) {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            overflowed = overflowed || o1 || o2
            value = sum
            index += 1
        }
        if let next = peek(), next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            throw error(key: key, at: start, "must be a whole number written in digits, without a fraction or exponent")
        }
        let written = String(decoding: bytes[start..<index].prefix(40), as: UTF8.self)
        if (negative && value != 0) || overflowed || value > max {
            throw error(key: key, at: start, "\(written) is not between 0 and \(max)")
        }
        return value
    }

    /// A JSON string, unescaped and checked to be UTF-8.
    private mutating func parseString(key: String) throws(ConfigurationError) -> String {
        let start = index
        index += 1  // the opening quote
        var raw: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw error(key: nil, at: start, "not valid JSON: a string that starts here never ends")
            }
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: raw, as: UTF8.self) else {
                    throw error(key: key, at: start, "is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                try parseEscape(into: &raw, key: key)
            case 0x00:
                throw error(key: key, at: index - 1, "contains a NUL character, which no path or name may hold")
            case ..<0x20:
                throw error(key: nil, at: index - 1, "not valid JSON: a control character inside a string must be escaped")
            default:
                raw.append(byte)
            }
        }
    }

    private mutating func parseEscape(into raw: inout [UInt8], key: String) throws(ConfigurationError) {
        let escapeStart = index - 1
        guard let letter = peek() else { throw error(key: nil, at: escapeStart, "not valid JSON: the file ends inside an escape") }
        index += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): raw.append(letter)
        case UInt8(ascii: "b"): raw.append(0x08)
        case UInt8(ascii: "f"): raw.append(0x0C)
        case UInt8(ascii: "n"): raw.append(0x0A)
        case UInt8(ascii: "r"): raw.append(0x0D)
        case UInt8(ascii: "t"): raw.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4(escapeStart: escapeStart)
            if (0xD800..<0xDC00).contains(scalar) {
                guard peek() == UInt8(ascii: "\\"), peek(at: index + 1) == UInt8(ascii: "u") else {
                    throw error(key: key, at: escapeStart, "is not valid UTF-8: \\u escape of a lone surrogate")
                }
                index += 2
                let low = try parseHex4(escapeStart: escapeStart)
                guard (0xDC00..<0xE000).contains(low) else {
                    throw error(key: key, at: escapeStart, "is not valid UTF-8: \\u escape of a lone surrogate")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error(key: key, at: escapeStart, "is not valid UTF-8: \\u escape of a lone surrogate")
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw error(key: key, at: escapeStart, "is not valid UTF-8")
            }
            if unicode == "\0" {
                throw error(key: key, at: escapeStart, "contains a NUL character, which no path or name may hold")
            }
            raw.append(contentsOf: Array(String(unicode).utf8))
        default:
            throw error(key: nil, at: escapeStart, "not valid JSON: unknown escape \\\(Self.printable(String(decoding: [letter], as: UTF8.self)))")
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(ConfigurationError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = Self.hexValue(byte) else {
                throw error(key: nil, at: escapeStart, "not valid JSON: \\u needs four hexadecimal digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    // MARK: Bytes

    private func peek() -> UInt8? { peek(at: index) }

    private func peek(at position: Int) -> UInt8? {
        position >= 0 && position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// What kind of value starts at `position`, in words, for error messages.
    private func describeValueAhead(from position: Int? = nil) -> String {
        guard let byte = peek(at: position ?? index) else { return "the end of the file" }
        switch byte {
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "true or false"
        case UInt8(ascii: "n"): return "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return "the byte 0x\(String(byte, radix: 16))"
        }
    }

    /// Text for a message: control characters escaped, at most 64 scalars.
    static func printable(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let shown = scalars.prefix(64).map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
        return scalars.count > 64 ? shown + "…" : shown
    }

    // MARK: Errors

    private func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(max(0, offset), bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // count characters, not UTF-8 continuation bytes
                column += 1
            }
        }
        return (line, column)
    }

    private func error(key: String?, at offset: Int, _ reason: String) -> ConfigurationError {
        let (line, column) = position(of: offset)
        return ConfigurationError(key: key.map(Self.printable), line: line, column: column, reason)
    }

    private func located(_ error: ConfigurationError, at offset: Int) -> ConfigurationError {
        let (line, column) = position(of: offset)
        return ConfigurationError(key: error.key, line: line, column: column, error.reason)
    }

    private func syntaxError(_ reason: String) -> ConfigurationError {
        error(key: nil, at: index, "not valid JSON: " + reason)
    }
}

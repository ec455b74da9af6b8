// CSV as RFC 4180 writes it, read leniently the way spreadsheets and
// KoBo/ODK write it: quoted fields with embedded separators, quotes ("")
// and line breaks; CRLF or LF; an optional UTF-8 byte order mark; comma,
// semicolon or tab as the separator.

public enum CSV {
    /// One record as a line, ending in CRLF. A field is quoted when it holds
    /// the separator, a quote, a line break, or starts or ends with a space.
    public static func line(_ fields: [String], separator: Character = ",") -> String {
        var text = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { text.append(separator) }
            text += quoted(field, separator: separator)
        }
        text += "\r\n"
        return text
    }

    static func quoted(_ field: String, separator: Character) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.contains(separator)
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        var text = "\""
        for character in field {
            if character == "\"" { text += "\"\"" } else { text.append(character) }
        }
        text += "\""
        return text
    }
}

/// A record of a CSV file, with the row number a spreadsheet shows for it
/// (the first record is row 1, whatever line breaks quoted fields hold).
public struct CSVRecord: Sendable, Hashable {
    public var row: Int
    public var fields: [String]

    public init(row: Int, fields: [String]) {
        self.row = row
        self.fields = fields
    }
}

/// Where a field is: its record's row (as `CSVRecord.row`) and its place in
/// the record, from 1.
public struct CSVFieldPosition: Sendable, Hashable {
    public var row: Int
    public var field: Int

    public init(row: Int, field: Int) {
        self.row = row
        self.field = field
    }
}

public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    public var row: Int
    public var message: String

    public init(row: Int, message: String) {
        self.row = row
        self.message = message
    }

    public var description: String { "row \(row): \(message)" }
}

public enum CSVReader {
    /// The separators `read` recognises when not told which.
    public static let separators: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

    /// Every record of `bytes` (UTF-8, with or without a byte order mark).
    /// Without a separator, the one used most in the first record (outside
    /// quotes) among comma, semicolon and tab; comma if none. Blank lines are
    /// skipped but still counted as rows.
    public static func read(_ bytes: [UInt8], separator: UInt8? = nil) throws(CSVError) -> [CSVRecord] {
        var invalid: [CSVFieldPosition]? = nil
        return try read(bytes, separator: separator, invalidUTF8: &invalid)
    }

    /// Like `read`, but a field that is not valid UTF-8 does not end the
    /// reading: it reads as "" and its position is added to `invalidUTF8`,
    /// so that an import can name every such cell by its row and column.
    public static func read(_ bytes: [UInt8], separator: UInt8? = nil, invalidFields: inout [CSVFieldPosition]) throws(CSVError) -> [CSVRecord] {
        var invalid: [CSVFieldPosition]? = invalidFields
        defer { invalidFields = invalid ?? [] }
        return try read(bytes, separator: separator, invalidUTF8: &invalid)
    }

    /// `invalidUTF8` nil: the first field that is not UTF-8 is an error.
    private static func read(_ bytes: [UInt8], separator: UInt8?, invalidUTF8: inout [CSVFieldPosition]?) throws(CSVError) -> [CSVRecord] {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw CSVError(row: 1, message: "the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\"")
        }
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        let separator = separator ?? detectSeparator(bytes, from: start)
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")

        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var row = 1
        var index = start
        var inQuotes = false
        var wasQuoted = false
        var afterQuote = false
        var recordHasContent = false

        func finishField() throws(CSVError) {
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else if invalidUTF8 != nil {
                invalidUTF8?.append(CSVFieldPosition(row: row, field: fields.count + 1))
                fields.append("")
            } else {
                throw CSVError(row: row, message: "field \(fields.count + 1) is not valid UTF-8 (save the file as UTF-8 CSV)")
            }
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            afterQuote = false
        }

        func finishRecord() throws(CSVError) {
            try finishField()
            if recordHasContent || fields.count > 1 || !(fields.first ?? "").isEmpty {
                records.append(CSVRecord(row: row, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
            recordHasContent = false
            row += 1
        }

        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == quote {
                    if index < bytes.count && bytes[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            if byte == separator {
                try finishField()
                recordHasContent = true
            } else if byte == cr || byte == lf {
                if byte == cr && index < bytes.count && bytes[index] == lf { index += 1 }
                try finishRecord()
            } else if afterQuote {
                if byte == UInt8(ascii: " ") { continue }
                throw CSVError(row: row, message: "field \(fields.count + 1): a character after the closing quote (a quote inside a quoted field must be doubled: \"\")")
            } else if byte == quote && field.isEmpty && !wasQuoted {
                inQuotes = true
                wasQuoted = true
                recordHasContent = true
            } else {
                field.append(byte)
            }
        }
        if inQuotes {
            throw CSVError(row: row, message: "field \(fields.count + 1): a quoted field is not closed before the end of the file")
        }
        if !field.isEmpty || !fields.isEmpty || recordHasContent || afterQuote {
            try finishRecord()
        }
        return records
    }

    static func detectSeparator(_ bytes: [UInt8], from start: Int) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            if separators.contains(byte) { counts[byte, default: 0] += 1 }
        }
        return separators.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }.flatMap { (counts[$0] ?? 0) > 0 ? $0 : nil } ?? UInt8(ascii: ",")
    }
}

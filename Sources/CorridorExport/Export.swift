import CorridorModel
import Foundation
import CorridorWire

/// A column of an HXL-tagged CSV: the header people read and the hashtag
/// (https://hxlstandard.org) machines read.
public struct HXLColumn: Sendable, Hashable {
    public let header: String
    public let hashtag: String

    public init(_ header: String, _ hashtag: String) {
        self.header = header
        self.hashtag = hashtag
    }
}

/// One kind of export: its columns, the rows a record gives, and the record
/// as its generated message (the JSON export is proto3 JSON, the dialect of
/// every `corridorctl … --json`).
public protocol RecordExport {
    associatedtype Record
    associatedtype Message: ProtoMessage
    /// "cases", "lists", "movements", "figures": the JSON key and the schema's name.
    static var kind: String { get }
    static var columns: [HXLColumn] { get }
    /// The record's rows, each a value by hashtag (missing hashtags are empty).
    static func rows(_ record: Record) -> [[String: String]]
    static func message(_ record: Record) -> Message
}

extension RecordExport {
    /// The first two lines: the headers, then the hashtags.
    public static func hxlHeader() -> String {
        CSV.line(columns.map(\.header)) + CSV.line(columns.map(\.hashtag))
    }

    /// The record's lines. Whitespace within a cell is tidied as HXL asks (no
    /// line breaks, no runs of spaces, none at either end), and a cell a
    /// spreadsheet would run as a formula is defused (Cell.defused); JSON
    /// keeps text as it is.
    public static func hxlLines(_ record: Record) -> String {
        rows(record).map { row in CSV.line(columns.map { Cell.defused(Cell.tidy(row[$0.hashtag] ?? "")) }) }.joined()
    }

    /// A whole HXL-tagged CSV file.
    public static func hxl(_ records: [Record]) -> String {
        hxlHeader() + records.map(hxlLines).joined()
    }

    /// The record as proto3 JSON.
    public static func json(_ record: Record) -> ProtoJSON {
        message(record).jsonValue()
    }

    /// A whole JSON file, the proto3 JSON of cli.proto's <Kind>Export:
    /// {"<kind>": [...], "count": N, "export": kind, "exportedAt": T}.
    public static func jsonDocument(_ records: [Record], exportedAtMs: UInt64) -> String {
        var writer = JSONExportWriter(kind: kind, exportedAtMs: exportedAtMs)
        var text = writer.begin()
        for record in records { text += writer.element(json(record)) }
        return text + writer.end()
    }
}

/// Writes a JSON export a record at a time, so a large export never sits in
/// memory whole: the proto3 JSON of cli.proto's CasesExport, ListsExport,
/// MovementsExport or FiguresExport (the records first, the count once known,
/// then the kind and the time; each record as its message's JSON).
public struct JSONExportWriter: Sendable {
    public let kind: String
    public let exportedAtMs: UInt64
    public private(set) var count = 0

    public init(kind: String, exportedAtMs: UInt64) {
        self.kind = kind
        self.exportedAtMs = exportedAtMs
    }

    /// Up to the opening of the records' array.
    public func begin() -> String {
        "{\n  " + ProtoJSON.string(kind).text() + ": ["
    }

    public mutating func element(_ value: ProtoJSON) -> String {
        let text = (count == 0 ? "\n    " : ",\n    ") + value.text(pretty: true).replacingOccurrences(of: "\n", with: "\n    ")
        count += 1
        return text
    }

    public func end() -> String {
        var text = count == 0 ? "],\n" : "\n  ],\n"
        text += "  \"count\": \(count),\n  \"export\": " + ProtoJSON.string(kind).text()
        if exportedAtMs != 0 { text += ",\n  \"exportedAt\": " + ProtoJSON.string(ISO8601.utc(milliseconds: exportedAtMs)).text() }
        return text + "\n}\n"
    }
}

// MARK: Values as HXL cells

enum Cell {
    /// Runs of whitespace (line breaks included) as one space, none at either end.
    static func tidy(_ text: String) -> String {
        guard text.contains(where: \.isWhitespace) else { return text }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    /// Spreadsheets run a cell that starts with = + - @ (or a tab or CR
    /// before one) as a formula: free text such as a figure's note could
    /// then fetch a URL built from the other cells (=HYPERLINK, =WEBSERVICE)
    /// or worse. Such a cell gets a leading apostrophe, which spreadsheets
    /// read as "this is text" (OWASP's CSV injection advice). A cell that is
    /// only a number, such as -3 or +2.5, is a number to every spreadsheet
    /// and is left alone, so numeric columns keep their values.
    public static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first), !isPlainNumber(text) else { return text }
        return "'" + text
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// [+-]digits[.digits]: what a spreadsheet reads as a number, never as a formula.
    static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Array(text.unicodeScalars)[...]
        if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
        let parts = scalars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 2 else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { ("0"..."9").contains($0) } }
    }

    static func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }
    static func time(_ ms: UInt64) -> String { ms == 0 ? "" : ISO8601.utc(milliseconds: ms) }
    static func number<N: BinaryInteger>(_ value: N) -> String { String(value) }
    /// Lists in one cell, space-separated as KoBo's select_multiple exports them.
    static func list(_ values: [String]) -> String { values.joined(separator: " ") }
}

extension Case {
    /// infant (under 1), child (under 18), adult, elderly (65 and over).
    public var ageGroup: String {
        if ageMonths < 12 { return "infant" }
        if ageMonths < 18 * 12 { return "child" }
        if ageMonths < 65 * 12 { return "adult" }
        return "elderly"
    }
}

import CorridorExport
import Testing
import CorridorTestSupport

@Suite struct CSVTests {
    static let awkward: [[String]] = [
        ["plain", "with, comma", "with \"quotes\"", "line\nbreak", "crlf\r\nbreak", ""],
        [" leading space", "trailing space ", "دوما", "emoji 🚑", "semi;colon", "tab\there"],
        ["\"", "\"\"", ",", "\n", "=1+2", "last"],
    ]

    @Test func writtenRecordsReadBackTheSame() throws {
        let text = Self.awkward.map { CSV.line($0) }.joined()
        let records = try CSVReader.read(Array(text.utf8))
        #expect(records.map(\.fields) == Self.awkward)
        #expect(records.map(\.row) == [1, 2, 3])
    }

    @Test func onlyFieldsThatNeedQuotesAreQuoted() {
        #expect(CSV.line(["a", "b c", "d,e", "f\"g"]) == "a,b c,\"d,e\",\"f\"\"g\"\r\n")
        #expect(CSV.line([]) == "\r\n")
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let records = try CSVReader.read([0xEF, 0xBB, 0xBF] + Array("site,sex\ndouma,f\n".utf8))
        #expect(records.first?.fields == ["site", "sex"])
    }

    @Test func theSeparatorIsDetectedFromTheHeader() throws {
        let semicolons = try CSVReader.read(Array("site;sex;\"a;b,c\"\ndouma;f;x,y\n".utf8))
        #expect(semicolons.map(\.fields) == [["site", "sex", "a;b,c"], ["douma", "f", "x,y"]])
        let tabs = try CSVReader.read(Array("site\tsex\ndouma\tf".utf8))
        #expect(tabs.map(\.fields) == [["site", "sex"], ["douma", "f"]])
    }

    @Test func rowsAreNumberedAsASpreadsheetShowsThem() throws {
        let records = try CSVReader.read(Array("a,b\r\n\"two\nlines\",x\r\n\r\nfour,y".utf8))
        #expect(records.map(\.row) == [1, 2, 4])
        #expect(records[1].fields == ["two\nlines", "x"])
    }

    @Test func anUnclosedQuoteIsAnErrorNamingItsRow() {
        #expect(throws: CSVError(row: 2, message: "field 2: a quoted field is not closed before the end of the file")) {
            try CSVReader.read(Array("a,b\nx,\"never closed\n".utf8))
        }
    }

    @Test func textAfterAClosingQuoteIsAnError() throws {
        let error = #expect(throws: CSVError.self) { try CSVReader.read(Array("a,b\n\"x\"y,z\n".utf8)) }
        #expect(error?.row == 2)
    }

    @Test func bytesThatAreNotUTF8AreAnErrorNamingTheRow() throws {
        let error = #expect(throws: CSVError.self) { try CSVReader.read(Array("a,b\n".utf8) + [0x41, 0xFF, 0x2C, 0x42]) }
        #expect(error?.row == 2)
        #expect(error?.message.contains("UTF-8") == true)
    }

    @Test func aUTF16FileIsRefusedWithAHint() {
        #expect(throws: CSVError(row: 1, message: "the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\"")) {
            try CSVReader.read([0xFF, 0xFE, 0x61, 0x00])
        }
    }

    @Test func emptyTrailingFieldsAreKept() throws {
        #expect(try CSVReader.read(Array("a,,\n".utf8)).map(\.fields) == [["a", "", ""]])
        #expect(try CSVReader.read(Array("\"\"".utf8)).map(\.fields) == [[""]])
    }
}

/// The exports' JSON is the generated messages' (ProtoJSON, tested in CorridorWireTests); the times the HXL view writes:
@Suite struct JSONTests {
    @Test func timesAreISO8601InUTC() {
        #expect(ISO8601.utc(milliseconds: 0) == "1970-01-01T00:00:00Z")
        #expect(ISO8601.utc(milliseconds: Samples.morning) == "2026-11-21T10:15:00Z")
        #expect(ISO8601.utc(milliseconds: Samples.morning + 7) == "2026-11-21T10:15:00.007Z")
        #expect(ISO8601.utc(milliseconds: 951_782_400_000) == "2000-02-29T00:00:00Z")
        #expect(ISO8601.utcDate(milliseconds: 4_102_444_799_000) == "2099-12-31")
    }
}

@Suite struct CSVRoundTripPropertyTests {

    @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")])
    func randomRecordsReadBackTheSame(separator: UInt8) throws {
        var random = SeededGenerator(seed: UInt64(separator))
        let alphabet: [Character] = ["a", "Z", "0", " ", ",", ";", "\t", "\"", "\n", "\r\n", "é", "د", "🚑", "="]
        for _ in 0..<200 {
            let width = Int.random(in: 1...6, using: &random)
            let records: [[String]] = (0..<Int.random(in: 1...8, using: &random)).map { _ in
                (0..<width).map { _ in String((0..<Int.random(in: 0...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! }) }
            }
            // A record of one empty field is a blank line, which the reader skips.
            let kept = records.filter { $0 != [""] }
            let text = records.map { CSV.line($0, separator: Character(UnicodeScalar(separator))) }.joined()
            let read = try CSVReader.read(Array(text.utf8), separator: separator)
            #expect(read.map(\.fields) == kept, "\(text.debugDescription)")
        }
    }
}

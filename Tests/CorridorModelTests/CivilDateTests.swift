import CorridorModel
import Testing

// CivilDate's parser is the one calendar every date a client sends goes
// through (issue 8: "+201-02-20" passed one check and crashed another).

@Suite struct CivilDateTests {
    /// Text that looks like a date to a lenient parser, and is not one.
    static let notDates: [String] = [
        "+201-02-20", "-201-02-20", "+2026-02-20", " 2026-02-20", "2026-02-20 ", "2026-02-20\n", "2026 -02-20",
        "2026-+2-20", "2026-02-+2", "2026-02- 2", "2026-2-20", "2026-02-2", "26-02-20", "20260220", "2026/02/20",
        "٢٠٢٦-٠٢-٢٠", "２０２６-02-20", "2026-0２-20", "2026\u{301}-02-20", "2026-02-20\u{0}", "\u{0}2026-02-2",
        "0000-01-01", "99999-01-01", "9223372036854775807-01-01", "2026-00-10", "2026-13-01", "2026-02-00", "2026-04-31",
        "2026-02-29", "1900-02-29", "2100-02-29", "2026-02-30", "", "-", "--", "2026--02-20", "abcd-ef-gh",
    ]

    @Test(arguments: notDates)
    func isNotADate(_ text: String) {
        #expect(CivilDate(text) == nil, "\(text.debugDescription) parsed as \(String(describing: CivilDate(text)))")
    }

    static let dates: [(String, Int, Int, Int)] = [
        ("0001-01-01", 1, 1, 1), ("9999-12-31", 9999, 12, 31), ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29),
        ("2017-12-26", 2017, 12, 26), ("1970-01-01", 1970, 1, 1),
    ]

    @Test(arguments: dates)
    func isADate(_ example: (String, Int, Int, Int)) throws {
        let date = try #require(CivilDate(example.0))
        #expect((date.year, date.month, date.day) == (example.1, example.2, example.3))
        #expect(date.description == example.0, "a parsed date prints back as it was written")
    }

    /// Every day of four centuries parses from its own description and back,
    /// and nothing else of the same shape does.
    @Test func everyDayOfFourCenturiesRoundTrips() throws {
        let first = try #require(CivilDate("1900-01-01")).daysSinceEpoch
        let last = try #require(CivilDate("2299-12-31")).daysSinceEpoch
        var count = 0
        for day in first...last {
            let date = CivilDate(daysSinceEpoch: day)
            #expect(CivilDate(date.description) == date)
            count += 1
        }
        #expect(count == 146_097, "400 Gregorian years have 146097 days")
    }

    @Test func theUTCDayOfUnixMilliseconds() {
        #expect(CivilDate.utcDay(ofUnixMs: 0).description == "1970-01-01")
        #expect(CivilDate.utcDay(ofUnixMs: 86_399_999).description == "1970-01-01")
        #expect(CivilDate.utcDay(ofUnixMs: 86_400_000).description == "1970-01-02")
        #expect(CivilDate.utcDay(ofUnixMs: 951_782_400_000).description == "2000-02-29")
    }
}

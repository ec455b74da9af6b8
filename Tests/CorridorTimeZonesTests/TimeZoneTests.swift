import CorridorModel
import CorridorTimeZones
import Testing

// The tz database reader and the timestamps operators give, against offsets
// known from the tz database (checked with Python's zoneinfo).

@Suite("Time zones")
struct TimeZoneTests {
    func ms(_ text: String, _ zone: String) throws -> UInt64 {
        try LocalTimestamp.parse(text, timeZone: zone).get()
    }

    @Test("Asia/Damascus: +02:00/+03:00 with DST until 2022, fixed +03:00 since")
    func damascus() throws {
        let zone = try #require(TimeZoneDatabase.zone(named: "Asia/Damascus"))
        #expect(zone.offset(atUnixSeconds: 1_609_495_200) == 2 * 3600)
        #expect(zone.offset(atUnixSeconds: 1_625_130_000) == 3 * 3600)
        #expect(zone.offset(atUnixSeconds: 1_673_773_200) == 3 * 3600)
        // Winter 2026 and far beyond the last transition (the footer "<+03>-3").
        #expect(zone.offset(atUnixSeconds: 1_795_245_300) == 3 * 3600)
        #expect(zone.offset(atUnixSeconds: 4_102_484_400) == 3 * 3600)
        #expect(try ms("2026-11-21T10:15", "Asia/Damascus") == 1_795_245_300_000)
        #expect(try ms("2021-01-01T12:00", "Asia/Damascus") == 1_609_495_200_000)
    }

    @Test("Europe/Berlin: summer and winter, past 2037 through the footer rule")
    func berlin() throws {
        #expect(try ms("2040-07-01T12:00", "Europe/Berlin") == 2_224_749_600_000)
        #expect(try ms("2100-01-01T12:00", "Europe/Berlin") == 4_102_484_400_000)
    }

    @Test("Australia/Sydney: daylight time across the new year")
    func sydney() throws {
        #expect(try ms("2045-01-15T12:00", "Australia/Sydney") == 2_368_054_800_000)
        #expect(try ms("2026-07-15T12:00", "Australia/Sydney") == 1_784_080_800_000)
    }

    @Test("A local time the clocks repeat takes the earlier offset (the one before the change)")
    func ambiguous() throws {
        // Berlin 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
        #expect(try ms("2026-10-25T02:30", "Europe/Berlin") == 1_792_888_200_000)
        let berlin = try #require(TimeZoneDatabase.zone(named: "Europe/Berlin"))
        let local = CivilDate(year: 2026, month: 10, day: 25).daysSinceEpoch * 86_400 + 2 * 3600 + 1800
        #expect(berlin.unixSeconds(forLocalSeconds: local).resolution == .ambiguous)
        // New York 2026-11-01: 01:30 is EDT (-04:00) first.
        #expect(try ms("2026-11-01T01:30", "America/New_York") == 1_793_511_000_000)
    }

    @Test("A local time the clocks skip is read with the offset before the change")
    func skipped() throws {
        // Berlin 2026-03-29: 02:00 CET becomes 03:00 CEST; 02:30 → 01:30Z (03:30 CEST).
        #expect(try ms("2026-03-29T02:30", "Europe/Berlin") == 1_774_747_800_000)
        let berlin = try #require(TimeZoneDatabase.zone(named: "Europe/Berlin"))
        let local = CivilDate(year: 2026, month: 3, day: 29).daysSinceEpoch * 86_400 + 2 * 3600 + 1800
        #expect(berlin.unixSeconds(forLocalSeconds: local).resolution == .skipped)
        // New York 2026-03-08 02:30 → 07:30Z.
        #expect(try ms("2026-03-08T02:30", "America/New_York") == 1_772_955_000_000)
        // An ordinary time is unique.
        #expect(berlin.unixSeconds(forLocalSeconds: local + 86_400).resolution == .unique)
    }

    @Test("Z and offsets need no zone; seconds are optional")
    func offsets() throws {
        #expect(try ms("2026-11-21T07:15Z", "") == 1_795_245_300_000)
        #expect(try ms("2026-11-21T10:15+03:00", "") == 1_795_245_300_000)
        #expect(try ms("2026-11-21T02:15-05:00", "") == 1_795_245_300_000)
        #expect(try ms("2026-11-21T10:15:00+0300", "") == 1_795_245_300_000)
        #expect(try ms("2026-11-21T07:15:30Z", "") == 1_795_245_330_000)
        // An offset wins over a zone given as well.
        #expect(try ms("2026-11-21T07:15Z", "Asia/Damascus") == 1_795_245_300_000)
        #expect(try ms("2000-02-29T00:00", "UTC") == 951_782_400_000)
    }

    @Test("Refusals name the field: time_zone when missing or unknown, at when unparseable")
    func refusals() {
        func failure(_ text: String, _ zone: String) -> LocalTimestamp.Failure? {
            if case .failure(let failure) = LocalTimestamp.parse(text, timeZone: zone) { return failure }
            return nil
        }
        #expect(failure("2026-11-21T10:15", "")?.field == "time_zone")
        #expect(failure("2026-11-21T10:15", "Mars/Olympus")?.field == "time_zone")
        #expect(failure("2026-11-21T10:15", "Mars/Olympus")?.description.contains("Mars/Olympus") == true)
        #expect(failure("2026-11-21T10:15", "../../etc/passwd")?.field == "time_zone")
        for bad in ["2026-11-21", "2026-02-30T10:15", "2026-11-21T24:00", "2026-11-21T10:60", "yesterday", "2026-11-21T10:15+3", "2026-11-21T10:15Zx"] {
            #expect(failure(bad, "UTC")?.field == "at", "\(bad)")
        }
    }

    @Test("Milliseconds shown as local time")
    func formatting() {
        #expect(LocalTimestamp.format(1_795_245_300_000, zoneName: "Asia/Damascus") == "2026-11-21 10:15 Asia/Damascus")
        #expect(LocalTimestamp.format(1_795_245_330_000, zoneName: "UTC") == "2026-11-21 07:15:30 UTC")
        #expect(LocalTimestamp.utcDate(1_795_245_300_000) == "2026-11-21")
    }

    @Test("Calendar arithmetic round-trips")
    func civilDates() throws {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(try #require(CivilDate("2026-11-30")).adding(days: 1).description == "2026-12-01")
        #expect(CivilDate("2026-13-01") == nil)
        #expect(ClockTime("09:00")?.minutes == 540)
        #expect(ClockTime("9:00") == nil)
        #expect(ClockTime("24:00") == nil)
    }
}

// Damaged or hostile TZif files (a TZDIR an operator pointed elsewhere, a
// disk error): the reader refuses them or ignores the part it cannot read,
// and never traps. Found by Fuzz/ (FuzzTZif).
@Suite("TZif files that are damaged")
struct DamagedTZifTests {
    /// A TZif file: a version 1 block with one type, then (version 2) the
    /// 64-bit block with `transitions` and `types`, then the footer.
    static func tzif(
        version: UInt8 = UInt8(ascii: "2"), transitions: [Int64] = [], types: [(offset: Int32, isDST: Bool)] = [(0, false)],
        footer: String? = nil, transitionCount: UInt32? = nil, typeCount: UInt32? = nil
    ) -> [UInt8] {
        func u32(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)] }
        func header(time: UInt32, type: UInt32, char: UInt32) -> [UInt8] {
            Array("TZif".utf8) + [version] + Array(repeating: 0, count: 15)
                + u32(0) + u32(0) + u32(0) + u32(time) + u32(type) + u32(char)
        }
        let chars = Array("ABC\u{0}".utf8)
        var bytes = header(time: 0, type: 1, char: UInt32(chars.count)) + [0, 0, 0, 0, 0, 0] + chars
        if version == 0 { return bytes }
        bytes += header(time: transitionCount ?? UInt32(transitions.count), type: typeCount ?? UInt32(types.count), char: UInt32(chars.count))
        for transition in transitions {
            bytes += u32(UInt32(truncatingIfNeeded: UInt64(bitPattern: transition) >> 32)) + u32(UInt32(truncatingIfNeeded: transition))
        }
        bytes += transitions.indices.map { UInt8($0 % types.count) }
        for type in types { bytes += u32(UInt32(bitPattern: type.offset)) + [type.isDST ? 1 : 0, 0] }
        bytes += chars
        if let footer { bytes += [0x0A] + Array(footer.utf8) + [0x0A] }
        return bytes
    }

    @Test("A well-formed file reads (the builder above is right)")
    func wellFormed() throws {
        let zone = try #require(TimeZoneDatabase.parseTZif(Self.tzif(transitions: [0], types: [(3600, false)], footer: "<+03>-3"), name: "Test/Zone"))
        #expect(zone.offset(atUnixSeconds: 1_000_000_000) == 3 * 3600)
    }

    @Test("A header claiming four billion transitions is refused, not allocated for")
    func hugeCounts() {
        #expect(TimeZoneDatabase.parseTZif(Self.tzif(transitionCount: UInt32.max), name: "Test/Zone") == nil)
        #expect(TimeZoneDatabase.parseTZif(Self.tzif(typeCount: UInt32.max), name: "Test/Zone") == nil)
    }

    @Test("Footer numbers too large for any offset leave the footer unread", arguments: [
        "<A>99999999999999999999", "<A>-9223372036854775808", "<A>200", "<A>3:99", "<A>3<B>,M3.5.0/99999999999999999999,M10.5.0",
        "<A>3<B>,J99999999999999999999,J2", "<A>3<B>,M99999999999999999999.1.1,M10.5.0",
    ])
    func hugeFooterNumbers(footer: String) throws {
        let zone = try #require(TimeZoneDatabase.parseTZif(Self.tzif(transitions: [0], types: [(7200, false)], footer: footer), name: "Test/Zone"))
        // Past the last transition without a rule: the last transition's type.
        #expect(zone.offset(atUnixSeconds: 2_000_000_000) == 7200)
        _ = zone.unixSeconds(forLocalSeconds: 2_000_000_000)
    }

    @Test("The largest offsets RFC 8536 allows in a footer (167 hours) still read")
    func largestFooterOffsets() throws {
        let zone = try #require(TimeZoneDatabase.parseTZif(Self.tzif(transitions: [0], types: [(0, false)], footer: "<A>-167:59:59"), name: "Test/Zone"))
        #expect(zone.offset(atUnixSeconds: 2_000_000_000) == 167 * 3600 + 59 * 60 + 59)
        let daylight = try #require(TimeZoneDatabase.parseTZif(Self.tzif(transitions: [0], types: [(0, false)], footer: "<A>0<B>,M3.5.0/167,M10.5.0/-167"), name: "Test/Zone"))
        _ = daylight.offset(atUnixSeconds: 2_000_000_000)
    }
}

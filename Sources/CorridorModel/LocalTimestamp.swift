// Times as operators give them: "2026-11-21T10:15" in a named zone, or with
// "Z" or an offset ("2026-11-21T10:15+03:00"), and unix milliseconds shown
// back as local time.

/// A proleptic Gregorian calendar date.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The years a parsed date may have. Year 0000 is no year of the
    /// Gregorian calendar as people write it, and four digits end at 9999.
    public static let years: ClosedRange<Int> = 1...9999

    /// Exactly "YYYY-MM-DD": four ASCII digits, '-', two, '-', two; a year in
    /// `years`, a real month, and a day that month has. Read byte by byte, not
    /// with `Int(_:)`, which takes a sign ("+201") that makes the text a
    /// different length in characters than in digits.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              Self.years.contains(year), (1...12).contains(month),
              day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days since 1970-01-01 (H. Hinnant's days_from_civil).
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSinceEpoch days: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
    }

    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + Int64(days)) }

    /// The UTC date of unix milliseconds: the registry's "today" for a command.
    public static func utcDay(ofUnixMs ms: UInt64) -> CivilDate { CivilDate(daysSinceEpoch: Int64(ms / 86_400_000)) }

    public var description: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A time of day, minutes since midnight, from "HH:MM".
public struct ClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    /// "HH:MM", 00:00 to 23:59.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]), hours < 24, minutes < 60 else { return nil }
        self.minutes = hours * 60 + minutes
    }

    public var description: String { "\(pad(minutes / 60, 2)):\(pad(minutes % 60, 2))" }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool { lhs.minutes < rhs.minutes }
}

func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

public enum LocalTimestamp {
    /// Why a timestamp was refused; `field` is "at" or "time_zone".
    public struct Failure: Error, Sendable, Hashable {
        public var field: String
        public var description: String
    }

    /// A date and time on a wall clock, with the zone's offset if it was written.
    struct Written {
        var date: CivilDate
        var secondsOfDay: Int
        /// Seconds east of UTC, when the text ends in "Z" or "±HH:MM".
        var offset: Int?
    }

    /// Unix milliseconds of "YYYY-MM-DDTHH:MM[:SS]" in `timeZone` (a tz database
    /// name), or of the same ending in "Z" or "±HH:MM" (the zone then optional
    /// and unused). A local time the clocks skip or repeat takes the offset in
    /// force before the change: see `TimeZoneInfo.unixSeconds(forLocalSeconds:)`.
    public static func parse(_ text: String, timeZone: String) -> Result<UInt64, Failure> {
        var zone: TimeZoneInfo?
        if !timeZone.isEmpty {
            guard let found = TimeZoneDatabase.zone(named: timeZone) else {
                return .failure(Failure(field: "time_zone", description: "\"\(timeZone)\" is not a time zone of the tz database (e.g. Asia/Damascus, UTC)"))
            }
            zone = found
        }
        guard let written = split(text) else {
            return .failure(Failure(field: "at", description: "\"\(text)\" is not a time in the form YYYY-MM-DDTHH:MM[:SS], with a time_zone or ending in Z or ±HH:MM"))
        }
        let local = written.date.daysSinceEpoch * 86_400 + Int64(written.secondsOfDay)
        let seconds: Int64
        if let offset = written.offset {
            seconds = local - Int64(offset)
        } else if let zone {
            seconds = zone.unixSeconds(forLocalSeconds: local).seconds
        } else {
            return .failure(Failure(field: "time_zone", description: "is required for \"\(text)\", a local time without an offset (e.g. Asia/Damascus)"))
        }
        guard seconds >= 0 else {
            return .failure(Failure(field: "at", description: "\"\(text)\" is before 1970"))
        }
        return .success(UInt64(seconds) * 1000)
    }

    static func split(_ text: String) -> Written? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              let date = CivilDate(String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        var index = 11
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        guard let hours = digits(2), hours < 24, index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        guard let minutes = digits(2), minutes < 60 else { return nil }
        var seconds = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            index += 1
            guard let value = digits(2), value < 60 else { return nil }
            seconds = value
        }
        var offset: Int?
        if index < bytes.count {
            let sign = bytes[index]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                index += 1
                offset = 0
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                index += 1
                guard let offsetHours = digits(2), offsetHours <= 18 else { return nil }
                var offsetMinutes = 0
                if index < bytes.count {
                    if bytes[index] == UInt8(ascii: ":") { index += 1 }
                    guard let value = digits(2), value < 60 else { return nil }
                    offsetMinutes = value
                }
                offset = (sign == UInt8(ascii: "-") ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60)
            } else {
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        return Written(date: date, secondsOfDay: hours * 3600 + minutes * 60 + seconds, offset: offset)
    }

    /// The local date and time of day (seconds) of unix milliseconds in a zone.
    public static func local(_ ms: UInt64, in zone: TimeZoneInfo) -> (date: CivilDate, secondsOfDay: Int) {
        let seconds = Int64(ms / 1000)
        let local = seconds + Int64(zone.offset(atUnixSeconds: seconds))
        let days = PosixTimeZoneRule.floorDiv(local, 86_400)
        return (CivilDate(daysSinceEpoch: days), Int(local - days * 86_400))
    }

    /// Unix milliseconds of a local date and time of day in a zone.
    public static func unixMs(_ date: CivilDate, minutes: Int, in zone: TimeZoneInfo) -> UInt64 {
        let local = date.daysSinceEpoch * 86_400 + Int64(minutes) * 60
        return UInt64(max(0, zone.unixSeconds(forLocalSeconds: local).seconds)) * 1000
    }

    /// "2026-11-22 16:30 Asia/Damascus" (with ":SS" when the seconds are not 0).
    public static func format(_ ms: UInt64, zoneName: String) -> String {
        let zone = TimeZoneDatabase.zone(named: zoneName) ?? TimeZoneDatabase.zone(named: "UTC")!
        let (date, secondsOfDay) = local(ms, in: zone)
        var text = "\(date) \(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2))"
        if secondsOfDay % 60 != 0 { text += ":\(pad(secondsOfDay % 60, 2))" }
        return text + " " + (TimeZoneDatabase.zone(named: zoneName) == nil ? "UTC" : zoneName)
    }

    /// The UTC date (YYYY-MM-DD) of unix milliseconds.
    public static func utcDate(_ ms: UInt64) -> String {
        CivilDate(daysSinceEpoch: Int64(ms / 1000) / 86_400).description
    }
}

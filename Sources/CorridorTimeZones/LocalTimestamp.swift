import CorridorModel

// Times as operators give them: "2026-11-21T10:15" in a named zone, or with
// "Z" or an offset ("2026-11-21T10:15+03:00"), and unix milliseconds shown
// back as local time.

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
        resolve(text, timeZone: timeZone).map { $0.ms }
    }

    /// `parse`, and how the local time mapped to UTC (`.unique` for a time
    /// written with its offset), for callers that refuse a time the clocks skip.
    public static func resolve(_ text: String, timeZone: String) -> Result<(ms: UInt64, resolution: TimeZoneInfo.Resolution), Failure> {
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
        var resolution = TimeZoneInfo.Resolution.unique
        if let offset = written.offset {
            seconds = local - Int64(offset)
        } else if let zone {
            let resolved = zone.unixSeconds(forLocalSeconds: local)
            seconds = resolved.seconds
            resolution = resolved.resolution
        } else {
            return .failure(Failure(field: "time_zone", description: "is required for \"\(text)\", a local time without an offset (e.g. Asia/Damascus)"))
        }
        guard seconds >= 0 else {
            return .failure(Failure(field: "at", description: "\"\(text)\" is before 1970"))
        }
        return .success((UInt64(seconds) * 1000, resolution))
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

private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

// Times as the exports write them. The JSON itself is the generated
// messages' proto3 JSON (Export.swift).

import CorridorModel

/// Times as ISO 8601 in UTC.
public enum ISO8601 {
    /// "2026-11-21T10:15:00Z", with ".123" before the Z when the milliseconds are not 0.
    public static func utc(milliseconds: UInt64) -> String {
        let seconds = Int64(milliseconds / 1000)
        let ms = Int(milliseconds % 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        var text = CivilDate(daysSinceEpoch: days).description
        text += "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if ms != 0 { text += "." + pad(ms, 3) }
        return text + "Z"
    }

    /// The UTC day of a time, YYYY-MM-DD.
    public static func utcDate(milliseconds: UInt64) -> String {
        String(utc(milliseconds: milliseconds).prefix(10))
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

import CorridorModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

// Named time zones from the system's tz database (/usr/share/zoneinfo), read
// without Foundation: a TZif reader (RFC 8536, version 2 and later, with the
// POSIX TZ string of its footer for times past the last transition).
//
// A module of its own because it reads files: CorridorModel is plain values
// and rules, with no I/O, and the registry is not the only reader (corridorctl
// shows times in a zone without the registry, and the TZif fuzz target reads
// zones alone), so neither CorridorModel nor CorridorRegistry is its place.

/// One zone of the tz database: the UTC offset in force at any instant, and
/// the reverse, the instant a local wall-clock time names.
public struct TimeZoneInfo: Sendable, Hashable {
    public struct LocalTimeType: Sendable, Hashable {
        /// Seconds east of UTC.
        public var offset: Int
        public var isDST: Bool
        public var abbreviation: String
    }

    public let name: String
    /// Unix seconds of each transition, ascending.
    let transitions: [Int64]
    /// The type in force from each transition on.
    let transitionTypes: [Int]
    let types: [LocalTimeType]
    /// The footer's rule, for instants after the last transition.
    let rule: PosixTimeZoneRule?

    /// How a local time maps to UTC.
    public enum Resolution: Sendable, Hashable {
        /// Exactly one instant.
        case unique
        /// The clocks went back: the local time happens twice; the first (the
        /// offset in force before the change) was taken.
        case ambiguous
        /// The clocks went forward: the local time does not exist; it was read
        /// with the offset in force before the change (so 02:30 in a gap from
        /// 02:00 to 03:00 becomes 03:30).
        case skipped
    }

    /// The offset (seconds east of UTC) in force at a unix time.
    public func offset(atUnixSeconds t: Int64) -> Int {
        if transitions.isEmpty || t < transitions[0] {
            if transitions.isEmpty, let rule { return rule.offset(atUnixSeconds: t) }
            return firstStandardType.offset
        }
        if t >= transitions[transitions.count - 1], let rule {
            return rule.offset(atUnixSeconds: t)
        }
        // The last transition at or before t.
        var low = 0
        var high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= t { low = middle } else { high = middle - 1 }
        }
        return types[transitionTypes[low]].offset
    }

    private var firstStandardType: LocalTimeType {
        types.first(where: { !$0.isDST }) ?? types.first ?? LocalTimeType(offset: 0, isDST: false, abbreviation: "UTC")
    }

    /// The unix time of a local wall-clock time (seconds since 1970-01-01T00:00
    /// counted on the local clock). Ambiguous and skipped times take the offset
    /// in force before the change.
    public func unixSeconds(forLocalSeconds local: Int64) -> (seconds: Int64, resolution: Resolution) {
        let before = offset(atUnixSeconds: local - 86_400)
        let after = offset(atUnixSeconds: local + 86_400)
        let beforeValid = offset(atUnixSeconds: local - Int64(before)) == before
        let afterValid = offset(atUnixSeconds: local - Int64(after)) == after
        if beforeValid {
            let resolution: Resolution = (afterValid && after != before) ? .ambiguous : .unique
            return (local - Int64(before), resolution)
        }
        if afterValid { return (local - Int64(after), .unique) }
        return (local - Int64(before), .skipped)
    }
}

/// A POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3" or "<+03>-3".
struct PosixTimeZoneRule: Sendable, Hashable {
    enum DateRule: Sendable, Hashable {
        /// Jn: day 1-365, February 29 never counted.
        case julianNoLeap(Int)
        /// n: day 0-365, February 29 counted.
        case zeroBased(Int)
        /// Mm.w.d: day d (0 = Sunday) of week w (5 = last) of month m.
        case monthWeekDay(month: Int, week: Int, weekday: Int)
    }

    var standardOffset: Int
    var dstOffset: Int?
    var startRule: DateRule?
    var startTime: Int = 7200
    var endRule: DateRule?
    var endTime: Int = 7200

    init?(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        guard scanner.skipName(), let std = scanner.offset() else { return nil }
        standardOffset = -std
        if scanner.atEnd { dstOffset = nil; return }
        guard scanner.skipName() else { return nil }
        if let dst = scanner.offset() { dstOffset = -dst } else { dstOffset = standardOffset + 3600 }
        if scanner.atEnd {
            // No rule: the US rules of POSIX's default.
            startRule = .monthWeekDay(month: 3, week: 2, weekday: 0)
            endRule = .monthWeekDay(month: 11, week: 1, weekday: 0)
            return
        }
        guard scanner.take(UInt8(ascii: ",")), let startRule = scanner.dateRule() else { return nil }
        self.startRule = startRule
        if scanner.take(UInt8(ascii: "/")) { guard let time = scanner.offset() else { return nil }; startTime = time }
        guard scanner.take(UInt8(ascii: ",")), let endRule = scanner.dateRule() else { return nil }
        self.endRule = endRule
        if scanner.take(UInt8(ascii: "/")) { guard let time = scanner.offset() else { return nil }; endTime = time }
        guard scanner.atEnd else { return nil }
    }

    func offset(atUnixSeconds t: Int64) -> Int {
        guard let dstOffset, let startRule, let endRule else { return standardOffset }
        let year = CivilDate(daysSinceEpoch: Self.floorDiv(t + Int64(standardOffset), 86_400)).year
        let start = Self.transition(startRule, year: year, time: startTime) - Int64(standardOffset)
        let end = Self.transition(endRule, year: year, time: endTime) - Int64(dstOffset)
        if start < end {
            return (t >= start && t < end) ? dstOffset : standardOffset
        }
        // Southern hemisphere: daylight time spans the new year.
        return (t >= end && t < start) ? standardOffset : dstOffset
    }

    /// Local seconds (since the epoch, on the local clock) of a rule's moment in a year.
    static func transition(_ rule: DateRule, year: Int, time: Int) -> Int64 {
        let january1 = CivilDate(year: year, month: 1, day: 1).daysSinceEpoch
        let day: Int64
        switch rule {
        case .julianNoLeap(let n):
            var d = Int64(n - 1)
            if CivilDate.isLeap(year) && n >= 60 { d += 1 }
            day = january1 + d
        case .zeroBased(let n):
            day = january1 + Int64(n)
        case .monthWeekDay(let month, let week, let weekday):
            let first = CivilDate(year: year, month: month, day: 1).daysSinceEpoch
            // 1970-01-01 was a Thursday (4).
            let firstWeekday = Int(floorMod(first + 4, 7))
            var dayOfMonth = 1 + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            let length = CivilDate.daysIn(month: month, year: year)
            while dayOfMonth > length { dayOfMonth -= 7 }
            day = first + Int64(dayOfMonth - 1)
        }
        return day * 86_400 + Int64(time)
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// "CET" or "<+03>".
        mutating func skipName() -> Bool {
            if take(UInt8(ascii: "<")) {
                while let byte = peek, byte != UInt8(ascii: ">") { index += 1 }
                return take(UInt8(ascii: ">"))
            }
            let start = index
            while let byte = peek, (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) { index += 1 }
            return index - start >= 3
        }

        /// A decimal number of at most four digits: every number of a TZ
        /// string is below 1000, and a longer one is damage (it would
        /// overflow Int if read on).
        mutating func number() -> Int? {
            let start = index
            var value = 0
            while let byte = peek, byte >= 48 && byte <= 57 {
                guard index - start < 4 else { return nil }
                value = value * 10 + Int(byte - 48)
                index += 1
            }
            return index > start ? value : nil
        }

        /// [+-]hh[:mm[:ss]] in seconds, as written (POSIX offsets are west-positive).
        /// Hours up to 167, as RFC 8536 extends POSIX for transition times
        /// (offsets themselves stay within 24 hours in every real zone).
        mutating func offset() -> Int? {
            var sign = 1
            if take(UInt8(ascii: "-")) { sign = -1 } else { _ = take(UInt8(ascii: "+")) }
            guard let hours = number(), hours <= 167 else { return nil }
            var seconds = hours * 3600
            if take(UInt8(ascii: ":")) {
                guard let minutes = number(), minutes <= 59 else { return nil }
                seconds += minutes * 60
                if take(UInt8(ascii: ":")) {
                    guard let secs = number(), secs <= 59 else { return nil }
                    seconds += secs
                }
            }
            return sign * seconds
        }

        mutating func dateRule() -> DateRule? {
            if take(UInt8(ascii: "J")) {
                guard let n = number(), (1...365).contains(n) else { return nil }
                return .julianNoLeap(n)
            }
            if take(UInt8(ascii: "M")) {
                guard let month = number(), take(UInt8(ascii: ".")), let week = number(), take(UInt8(ascii: ".")),
                      let weekday = number(), (1...12).contains(month), (1...5).contains(week), (0...6).contains(weekday) else { return nil }
                return .monthWeekDay(month: month, week: week, weekday: weekday)
            }
            guard let n = number(), (0...365).contains(n) else { return nil }
            return .zeroBased(n)
        }
    }
}

/// The zones of the system's tz database, each read once.
public enum TimeZoneDatabase {
    /// Where the zones are; TZDIR overrides it, as for the C library.
    public static var directory: String {
        if let value = getenv("TZDIR"), let text = String(validatingCString: value), !text.isEmpty { return text }
        return "/usr/share/zoneinfo"
    }

    private static let cache = Mutex<[String: TimeZoneInfo]>([:])

    /// The zone of that name ("Asia/Damascus", "UTC"), or nil when the name is
    /// not a zone of the database.
    public static func zone(named name: String) -> TimeZoneInfo? {
        if let cached = cache.withLock({ $0[name] }) { return cached }
        guard isPlausibleName(name) else { return nil }
        let zone: TimeZoneInfo?
        if name == "UTC" || name == "Etc/UTC" || name == "Z" {
            zone = TimeZoneInfo(name: name, transitions: [], transitionTypes: [], types: [.init(offset: 0, isDST: false, abbreviation: "UTC")], rule: nil)
        } else {
            guard let bytes = readFile(directory + "/" + name) else { return nil }
            zone = parseTZif(bytes, name: name)
        }
        if let zone { cache.withLock { $0[name] = zone } }
        return zone
    }

    /// "Area/Location" names only: no "..", no leading "/", no odd bytes.
    static func isPlausibleName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 128, !name.hasPrefix("/"), !name.hasSuffix("/") else { return false }
        for part in name.split(separator: "/", omittingEmptySubsequences: false) {
            if part.isEmpty || part == "." || part == ".." { return false }
        }
        return name.utf8.allSatisfy { byte in
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
        }
    }

    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if count < buffer.count { break }
            if bytes.count > 1 << 20 { return nil }
        }
        return bytes
    }

    /// Reads a TZif file: the version 2+ (64-bit) data block when there is one,
    /// and the footer's TZ string.
    public static func parseTZif(_ bytes: [UInt8], name: String) -> TimeZoneInfo? {
        func u32(_ at: Int) -> Int? {
            guard at + 4 <= bytes.count else { return nil }
            return Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        func i32(_ at: Int) -> Int64? { u32(at).map { Int64(Int32(bitPattern: UInt32($0))) } }
        func i64(_ at: Int) -> Int64? {
            guard let high = u32(at), let low = u32(at + 4) else { return nil }
            return Int64(bitPattern: UInt64(high) << 32 | UInt64(low))
        }
        struct Header { var isut, isstd, leap, time, type, char: Int }
        func header(_ at: Int) -> Header? {
            guard at + 44 <= bytes.count, bytes[at] == 0x54, bytes[at + 1] == 0x5A, bytes[at + 2] == 0x69, bytes[at + 3] == 0x66,
                  let isut = u32(at + 20), let isstd = u32(at + 24), let leap = u32(at + 28), let time = u32(at + 32),
                  let type = u32(at + 36), let char = u32(at + 40), type >= 1 else { return nil }
            return Header(isut: isut, isstd: isstd, leap: leap, time: time, type: type, char: char)
        }
        guard let first = header(0) else { return nil }
        let version = bytes[4]
        var start = 44
        var h = first
        var timeSize = 4
        if version >= UInt8(ascii: "2") {
            let v1Length = first.time * 5 + first.type * 6 + first.char + first.leap * 8 + first.isstd + first.isut
            guard let second = header(44 + v1Length) else { return nil }
            h = second
            start = 44 + v1Length + 44
            timeSize = 8
        }
        // The counts come from the file: the block they describe must be
        // there before anything is allocated for it.
        let blockLength = h.time * (timeSize + 1) + h.type * 6 + h.char + h.leap * (timeSize + 4) + h.isstd + h.isut
        guard start + blockLength <= bytes.count else { return nil }
        var position = start
        var transitions: [Int64] = []
        transitions.reserveCapacity(h.time)
        for index in 0..<h.time {
            guard let t = timeSize == 8 ? i64(position + index * 8) : i32(position + index * 4) else { return nil }
            transitions.append(t)
        }
        position += h.time * timeSize
        guard position + h.time <= bytes.count else { return nil }
        let transitionTypes = bytes[position..<(position + h.time)].map(Int.init)
        position += h.time
        let typesStart = position
        position += h.type * 6
        let charsStart = position
        guard position + h.char <= bytes.count else { return nil }
        var types: [TimeZoneInfo.LocalTimeType] = []
        for index in 0..<h.type {
            let at = typesStart + index * 6
            guard let offset = i32(at) else { return nil }
            let abbreviationStart = charsStart + Int(bytes[at + 5])
            var end = abbreviationStart
            while end < charsStart + h.char, bytes[end] != 0 { end += 1 }
            let abbreviation = abbreviationStart < end ? String(decoding: bytes[abbreviationStart..<end], as: UTF8.self) : ""
            types.append(.init(offset: Int(offset), isDST: bytes[at + 4] != 0, abbreviation: abbreviation))
        }
        guard transitionTypes.allSatisfy({ $0 < types.count }) else { return nil }
        position = charsStart + h.char + h.leap * (timeSize + 4) + h.isstd + h.isut
        var rule: PosixTimeZoneRule?
        if timeSize == 8, position < bytes.count, bytes[position] == 0x0A {
            var end = position + 1
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let footer = String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
            if !footer.isEmpty { rule = PosixTimeZoneRule(footer) }
        }
        return TimeZoneInfo(name: name, transitions: transitions, transitionTypes: transitionTypes, types: types, rule: rule)
    }
}

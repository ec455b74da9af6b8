import CorridorModel
import CorridorTimeZones

// When an access window is in effect, and where.
//
// A window is in effect at site X at time T when
// - it covers X or a site X lies within (the parent chain),
// - it was not ENDED or CANCELLED at or before T (closed_at_ms),
// - T is inside its one-off interval [starts_at_ms, ends_at_ms), or inside one
//   of its daily intervals: a local date from first_date to last_date, local
//   hours [start, end). An end before the start runs past midnight into the
//   next day (so the occurrence of last_date ends the morning after). Local
//   times the clocks skip or repeat take the offset in force before the change.

extension AccessWindow {
    /// The interval of this window's schedule that contains `atMs`, if any
    /// (ignoring its status).
    public func interval(containing atMs: UInt64) -> (fromMs: UInt64, untilMs: UInt64)? {
        guard let daily else {
            return (startsAtMs <= atMs && atMs < endsAtMs) ? (startsAtMs, endsAtMs) : nil
        }
        guard let zone = TimeZoneDatabase.zone(named: daily.timeZone), let start = ClockTime(daily.startTime),
              let end = ClockTime(daily.endTime), let first = CivilDate(daily.firstDate), let last = CivilDate(daily.lastDate) else { return nil }
        let today = LocalTimestamp.local(atMs, in: zone).date
        // An occurrence starting today, or (past midnight) yesterday.
        for date in [today, today.adding(days: -1)] where first <= date && date <= last {
            let from = LocalTimestamp.unixMs(date, minutes: start.minutes, in: zone)
            let until = LocalTimestamp.unixMs(end > start ? date : date.adding(days: 1), minutes: end.minutes, in: zone)
            if from <= atMs && atMs < until { return (from, until) }
        }
        return nil
    }

    /// Not ENDED or CANCELLED at or before `atMs`.
    public func isOpen(at atMs: UInt64) -> Bool {
        guard status == .ended || status == .cancelled else { return true }
        return atMs < closedAtMs
    }

    /// "09:00-14:00 Asia/Damascus" for a daily window; a one-off one's interval
    /// in `zoneName` (if empty, its own zone, else UTC).
    public func hours(zoneName: String = "") -> String {
        if let daily { return "\(daily.startTime)-\(daily.endTime) \(daily.timeZone)" }
        let zone = !zoneName.isEmpty ? zoneName : (oneOff?.timeZone).flatMap { $0.isEmpty ? nil : $0 } ?? "UTC"
        return "\(LocalTimestamp.format(startsAtMs, zoneName: zone))..\(LocalTimestamp.format(endsAtMs, zoneName: zone))"
    }

    /// "pause-1 (HUMANITARIAN_PAUSE) daily 09:00-14:00 Asia/Damascus 2026-11-01..2026-11-30"
    public func scheduleText(zoneName: String = "") -> String {
        var text = "\(id) (\(kind.rawValue)"
        let ownZone = daily?.timeZone ?? oneOff?.timeZone ?? ""
        let shownIn = !zoneName.isEmpty && daily == nil ? zoneName : (ownZone.isEmpty ? "UTC" : ownZone)
        if status == .ended || status == .cancelled { text += ", \(status.rawValue) at \(LocalTimestamp.format(closedAtMs, zoneName: shownIn))" }
        text += ") "
        if let daily {
            text += "daily \(hours()) \(daily.firstDate)..\(daily.lastDate)"
        } else {
            text += hours(zoneName: zoneName)
        }
        return text
    }
}

extension RegistryState {
    /// The site and every site it lies within, nearest first.
    func siteChain(_ siteID: String) -> [String] {
        var chain: [String] = []
        var current = siteID
        while !current.isEmpty, !chain.contains(current), chain.count < 64 {
            chain.append(current)
            current = sites[current]?.parentID ?? ""
        }
        return chain
    }

    /// The windows covering a site (directly or through a site it lies within), by id.
    func windowsCovering(_ siteID: String) -> [AccessWindow] {
        let chain = Set(siteChain(siteID))
        return windows.values.filter { window in window.siteIDs.contains(where: chain.contains) }.sorted { $0.id < $1.id }
    }

    /// The windows in effect at a site at a time, each with the interval that contains it.
    func activeWindows(at siteID: String, atMs: UInt64, zoneName: String = "") -> [ActiveWindow] {
        windowsCovering(siteID).compactMap { window in
            guard window.isOpen(at: atMs), let interval = window.interval(containing: atMs) else { return nil }
            return ActiveWindow(window: window, fromMs: interval.fromMs, untilMs: interval.untilMs, hours: window.hours(zoneName: zoneName))
        }
    }
}

extension FieldChecks {
    /// A request's `at` and `time_zone`: nil ("now") when `at` is empty.
    mutating func timestamp(_ at: String, timeZone: String, atField: String = "at", zoneField: String = "time_zone") -> UInt64? {
        if at.isEmpty {
            if !timeZone.isEmpty, TimeZoneDatabase.zone(named: timeZone) == nil {
                require(false, zoneField, "\"\(timeZone)\" is not a time zone of the tz database (e.g. Asia/Damascus, UTC)")
            }
            return nil
        }
        switch LocalTimestamp.parse(at, timeZone: timeZone) {
        case .success(let ms): return ms
        case .failure(let failure):
            require(false, failure.field == "at" ? atField : zoneField, failure.description)
            return nil
        }
    }

    /// An optional time zone name for displays.
    mutating func zoneName(_ name: String, _ field: String) {
        require(name.isEmpty || TimeZoneDatabase.zone(named: name) != nil, field, "\"\(name)\" is not a time zone of the tz database (e.g. Asia/Damascus, UTC)")
    }
}

// A one-off window in local time. Requests give local wall-clock times and a
// zone; the registry does the zone's arithmetic once, here, and records the
// times with the offset it took ("2026-12-03T06:00+03:00"), so an answer shows
// which of two repeated hours was meant. A time the clocks skip names no
// instant and is refused; a time they repeat is the first of the two (the
// offset in force before the change), as for every other local time.

extension AccessWindow.OneOff {
    /// The interval [startMs, endMs) as the registry records it: local times
    /// in `zoneName` with their offsets.
    init(recording startMs: UInt64, _ endMs: UInt64, zoneName: String) {
        let zone = TimeZoneDatabase.zone(named: zoneName)
        self.init(
            startsAt: zone.map { LocalTimeText.withOffset(startMs, in: $0) } ?? "",
            endsAt: zone.map { LocalTimeText.withOffset(endMs, in: $0) } ?? "",
            timeZone: zoneName
        )
    }
}

enum LocalTimeText {
    /// "2026-12-03T06:00+03:00" (with ":SS" when the seconds are not 0): unix
    /// milliseconds as the wall clock in `zone` shows them, and its offset then.
    static func withOffset(_ ms: UInt64, in zone: TimeZoneInfo) -> String {
        let (date, secondsOfDay) = LocalTimestamp.local(ms, in: zone)
        var text = "\(date)T\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60))"
        if secondsOfDay % 60 != 0 { text += ":\(two(secondsOfDay % 60))" }
        return text + offset(zone.offset(atUnixSeconds: Int64(ms / 1000)))
    }

    /// "+03:00", "-04:30", "+00:00".
    static func offset(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return (seconds < 0 ? "-" : "+") + two(minutes / 60) + ":" + two(minutes % 60)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension FieldChecks {
    /// A one-off window's local times: both required, in `time_zone` (a zone
    /// of the tz database, required too). Returns the interval in unix
    /// milliseconds and the times as recorded, or nil after naming each field at fault.
    mutating func oneOff(_ given: AccessWindow.OneOff, _ field: String) -> (startsAtMs: UInt64, endsAtMs: UInt64, recorded: AccessWindow.OneOff)? {
        let zone = given.timeZone.isEmpty ? nil : TimeZoneDatabase.zone(named: given.timeZone)
        require(!given.timeZone.isEmpty, "\(field).time_zone", "is required: the zone starts_at and ends_at are in (e.g. Asia/Damascus)")
        zoneName(given.timeZone, "\(field).time_zone")
        // With no usable zone the times are still read, so a malformed one is named too.
        let zoneUsed = zone == nil ? "" : given.timeZone
        let start = localTime(given.startsAt, zoneName: zoneUsed, "\(field).starts_at")
        let end = localTime(given.endsAt, zoneName: zoneUsed, "\(field).ends_at")
        guard let zone, let start, let end else { return nil }
        guard start < end else {
            require(false, "\(field).ends_at", "\(Self.quoted(given.endsAt)) is not after starts_at \(Self.quoted(given.startsAt))")
            return nil
        }
        let recorded = AccessWindow.OneOff(
            startsAt: LocalTimeText.withOffset(start, in: zone), endsAt: LocalTimeText.withOffset(end, in: zone), timeZone: given.timeZone
        )
        return (start, end, recorded)
    }

    /// One local time of a one-off window, in `zoneName` ("" when the zone is
    /// missing or unknown: that is named once, by the caller).
    private mutating func localTime(_ text: String, zoneName: String, _ field: String) -> UInt64? {
        guard !text.isEmpty else {
            require(false, field, "is required: YYYY-MM-DDTHH:MM in time_zone")
            return nil
        }
        switch LocalTimestamp.resolve(text, timeZone: zoneName) {
        case .failure(let failure):
            if failure.field == "at" { require(false, field, failure.description) }
            return nil
        case .success(let resolved):
            guard resolved.resolution == .skipped, let zone = TimeZoneDatabase.zone(named: zoneName) else { return resolved.ms }
            // The clocks jump over it: no instant has this local time.
            let seconds = Int64(resolved.ms / 1000)
            let before = LocalTimeText.offset(zone.offset(atUnixSeconds: seconds - 86_400))
            let after = LocalTimeText.offset(zone.offset(atUnixSeconds: seconds + 86_400))
            require(false, field, "\(Self.quoted(text)) does not exist in \(zoneName): the clocks go forward over it (from \(before) to \(after)); give a time before or after the change")
            return nil
        }
    }
}

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
    /// in `zoneName` (UTC if empty).
    public func hours(zoneName: String = "") -> String {
        if let daily { return "\(daily.startTime)-\(daily.endTime) \(daily.timeZone)" }
        let zone = zoneName.isEmpty ? "UTC" : zoneName
        return "\(LocalTimestamp.format(startsAtMs, zoneName: zone))..\(LocalTimestamp.format(endsAtMs, zoneName: zone))"
    }

    /// "pause-1 (HUMANITARIAN_PAUSE) daily 09:00-14:00 Asia/Damascus 2026-11-01..2026-11-30"
    public func scheduleText(zoneName: String = "") -> String {
        var text = "\(id) (\(kind.rawValue)"
        if status == .ended || status == .cancelled { text += ", \(status.rawValue) at \(LocalTimestamp.format(closedAtMs, zoneName: daily?.timeZone ?? (zoneName.isEmpty ? "UTC" : zoneName)))" }
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

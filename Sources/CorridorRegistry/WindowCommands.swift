import CorridorModel

// Access windows: announcing one, and its status changes.

extension AccessWindow.Status {
    /// The statuses a window may move to from this one.
    public var allowedNext: [AccessWindow.Status] {
        switch self {
        case .announced: [.inEffect, .cancelled, .ended]
        case .inEffect: [.violated, .ended]
        case .violated: [.violated, .inEffect, .ended]
        case .unspecified, .ended, .cancelled: []
        }
    }
}

/// A window's status change as the decide function takes it.
struct SetWindowStatusCommand {
    var windowID: String
    var status: AccessWindow.Status
    var report: String
    var reason: String
    var at: String
    var timeZone: String
}

extension RegistryState {
    func decideAnnounceWindow(_ proposed: AccessWindow?) throws(RegistryError) -> (events: [EventKind], window: AccessWindow) {
        guard var window = proposed else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "window", reason: "is required")])
        }
        var checks = FieldChecks()
        checks.identifier(window.id, "window.id")
        checks.text(window.name, "window.name", required: true)
        checks.specified(window.kind, .unspecified, "window.kind")
        checks.require(!window.siteIDs.isEmpty, "window.site_ids", "is required: at least one site or crossing")
        for (index, siteID) in window.siteIDs.enumerated() {
            checks.require(sites[siteID] != nil, "window.site_ids[\(index)]", "no site with id \"\(siteID)\"")
        }
        checks.require(Set(window.siteIDs).count == window.siteIDs.count, "window.site_ids", "lists a site twice")
        checks.require(!window.announcedBy.isEmpty, "window.announced_by", "is required: the party that announced it")
        checks.require(window.announcedBy.isEmpty || parties[window.announcedBy] != nil, "window.announced_by", "no party with id \"\(window.announcedBy)\"")
        let msGiven = window.startsAtMs != 0 || window.endsAtMs != 0
        let localGiven = window.oneOff.map { !$0.startsAt.isEmpty || !$0.endsAt.isEmpty } ?? false
        let oneOff = msGiven || localGiven
        if let daily = window.daily {
            checks.require(!oneOff, "window.daily", "give either a one-off interval (one_off) or daily hours, not both")
            checks.require(window.oneOff == nil || oneOff, "window.one_off", "is for a one-off window; a daily window's zone is daily.time_zone")
            let start = ClockTime(daily.startTime)
            let end = ClockTime(daily.endTime)
            checks.require(start != nil, "window.daily.start_time", "\"\(daily.startTime)\" is not a time HH:MM")
            checks.require(end != nil, "window.daily.end_time", "\"\(daily.endTime)\" is not a time HH:MM")
            if let start, let end {
                checks.require(start != end, "window.daily.end_time", "is the same as start_time; an end before the start runs past midnight")
            }
            checks.require(!daily.timeZone.isEmpty, "window.daily.time_zone", "is required (e.g. Asia/Damascus)")
            if !daily.timeZone.isEmpty { checks.zoneName(daily.timeZone, "window.daily.time_zone") }
            let first = CivilDate(daily.firstDate)
            let last = CivilDate(daily.lastDate)
            checks.require(first != nil, "window.daily.first_date", "\"\(daily.firstDate)\" is not a date YYYY-MM-DD")
            checks.require(last != nil, "window.daily.last_date", "\"\(daily.lastDate)\" is not a date YYYY-MM-DD")
            if let first, let last {
                checks.require(first <= last, "window.daily.last_date", "\(last) is before first_date \(first)")
            }
        } else if localGiven {
            checks.require(!msGiven, "window.starts_at_ms", "is deprecated and given with one_off: give the window's times once, as one_off (local time in its time_zone)")
            checks.require(!msGiven, "window.one_off", "is given with the deprecated starts_at_ms/ends_at_ms: give the window's times once")
            if !msGiven, let local = window.oneOff, let resolved = checks.oneOff(local, "window.one_off") {
                window.startsAtMs = resolved.startsAtMs
                window.endsAtMs = resolved.endsAtMs
                window.oneOff = resolved.recorded
            }
        } else {
            checks.require(
                msGiven, "window.one_off",
                "is required: give a one-off interval (one_off: starts_at, ends_at, time_zone) or daily hours (daily)"
            )
            if msGiven {
                checks.require(window.startsAtMs != 0, "window.starts_at_ms", "is required with ends_at_ms")
                checks.require(window.startsAtMs < window.endsAtMs, "window.ends_at_ms", "must be after starts_at_ms")
                // The deprecated form: the answer still shows the window in a zone, the one named or UTC.
                let zone = window.oneOff?.timeZone ?? ""
                checks.zoneName(zone, "window.one_off.time_zone")
                if checks.violations.isEmpty {
                    window.oneOff = AccessWindow.OneOff(recording: window.startsAtMs, window.endsAtMs, zoneName: zone.isEmpty ? "UTC" : zone)
                }
            }
        }
        checks.require(window.status == .unspecified || window.status == .announced || window.status == .inEffect, "window.status",
                       "a window is announced ANNOUNCED or IN_EFFECT; it is \(window.status.rawValue)")
        checks.require(window.violations.isEmpty, "window.violations", "are recorded by status changes")
        checks.require(window.closedAtMs == 0, "window.closed_at_ms", "is set when it is ENDED or CANCELLED")
        try checks.throwIfAny()
        guard windows[window.id] == nil else {
            throw RegistryError.alreadyExists("a window with id \"\(window.id)\" already exists")
        }
        if window.status == .unspecified { window.status = .announced }
        return ([.windowAnnounced(WindowAnnounced(window: window))], window)
    }

    func decideSetWindowStatus(_ request: SetWindowStatusCommand, nowMs: UInt64) throws(RegistryError) -> (events: [EventKind], window: AccessWindow) {
        guard var window = windows[request.windowID] else {
            throw RegistryError.notFound("no window with id \"\(request.windowID)\"")
        }
        var checks = FieldChecks()
        checks.specified(request.status, .unspecified, "status")
        checks.require(request.status != .violated || !request.report.allSatisfy(\.isWhitespace), "report", "is required for VIOLATED: what happened")
        checks.text(request.report, "report", required: false, maxLength: 10_000)
        checks.text(request.reason, "reason", required: false, maxLength: 1000)
        // A status change is recorded once it has happened: a window ends when it ends.
        let given = checks.timestamp(request.at, timeZone: request.timeZone)
        checks.happened(given, "at", nowMs: nowMs)
        let atMs = given ?? nowMs
        try checks.throwIfAny()
        let from = window.status
        guard from.allowedNext.contains(request.status) else {
            throw refusedTransition("window \(window.id)", is: from, to: request.status, field: "status")
        }
        window.status = request.status
        if request.status == .violated {
            window.violations.append(AccessWindow.Violation(atMs: atMs, report: request.report))
        }
        if request.status == .ended || request.status == .cancelled {
            window.closedAtMs = atMs
        }
        return ([.windowStatusChanged(WindowStatusChanged(window: window, from: from, to: request.status, report: request.report))], window)
    }
}

extension Registry {
    public func announceWindow(_ proposed: AccessWindow?, actor: Actor) async throws(RegistryError) -> AccessWindow {
        let (events, window) = try currentState.decideAnnounceWindow(proposed)
        return try await commit(events, actor: actor) { currentState.windows[window.id] ?? window }
    }

    /// `report` is required for VIOLATED; `at` is when it happened ("" for
    /// now): see Timestamps in PROTOCOL.md.
    public func setWindowStatus(
        windowID: String, status: AccessWindow.Status, report: String = "", reason: String = "", at: String = "", timeZone: String = "",
        actor: Actor
    ) async throws(RegistryError) -> AccessWindow {
        let request = SetWindowStatusCommand(windowID: windowID, status: status, report: report, reason: reason, at: at, timeZone: timeZone)
        let nowNs = Self.unixNanoseconds()
        let (events, window) = try currentState.decideSetWindowStatus(request, nowMs: nowNs / 1_000_000)
        return try await commit(events, actor: actor, reason: request.reason, at: nowNs) { currentState.windows[window.id] ?? window }
    }

    public func getWindow(_ id: String) async throws(RegistryError) -> AccessWindow {
        return try await readDurably { state throws(RegistryError) in
            guard let window = state.windows[id] else {
                throw RegistryError.notFound("no window with id \"\(id)\"")
            }
            return window
        }
    }

    /// Windows by id, or only those covering a site.
    public func listWindows(siteID: String = "") async throws(RegistryError) -> [AccessWindow] {
        return try await readDurably { state throws(RegistryError) in
            if siteID.isEmpty {
                return state.windows.values.sorted { $0.id < $1.id }
            }
            guard state.sites[siteID] != nil else {
                throw RegistryError.notFound("no site with id \"\(siteID)\"")
            }
            return state.windowsCovering(siteID)
        }
    }

    /// The windows in effect at a site at a time: `at` "2026-11-21T11:00"
    /// with `timeZone`, or with an offset or Z; "" for now.
    public func activeWindows(siteID: String, at: String = "", timeZone: String = "") async throws(RegistryError) -> ActiveWindowsResponse {
        var checks = FieldChecks()
        checks.require(!siteID.isEmpty, "site_id", "is required")
        let atMs = checks.timestamp(at, timeZone: timeZone) ?? Self.unixNanoseconds() / 1_000_000
        try checks.throwIfAny()
        return try await readDurably { state throws(RegistryError) in
            guard state.sites[siteID] != nil else {
                throw RegistryError.notFound("no site with id \"\(siteID)\"")
            }
            return ActiveWindowsResponse(atMs: atMs, windows: state.activeWindows(at: siteID, atMs: atMs, zoneName: timeZone))
        }
    }
}

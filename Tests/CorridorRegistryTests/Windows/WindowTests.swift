@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Access windows: announcing (and the refusals naming each field), status
/// changes, and which windows are in effect at a site at a time.
@Suite struct WindowTests {
    func active(_ registry: Registry, _ site: String, _ at: String, zone: String = Corridor.zone) async throws -> [ActiveWindow] {
        try await registry.activeWindows(siteID: site, at: at, timeZone: zone).windows
    }

    @Test func aDailyPauseIsAnnouncedAnnounced() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            let window = try await registry.announceWindow(Corridor.pause, actor: registrar)
            #expect(window.status == .announced)
            #expect(try await registry.getWindow("pause-1") == window)
            #expect(try await registry.listWindows() == [window])
        }
    }

    @Test func anAnnouncementMayBeInEffectAlready() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            var pause = Corridor.pause
            pause.status = .inEffect
            #expect(try await registry.announceWindow(pause, actor: registrar).status == .inEffect)
            pause.id = "pause-2"
            pause.status = .ended
            let error = try await #require(throws: RegistryError.self) { try await registry.announceWindow(pause, actor: registrar) }
            #expect(error.fields == ["window.status"])
        }
    }

    @Test func aTakenIdIsRefusedAlreadyExists() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let error = try await #require(throws: RegistryError.self) { try await registry.announceWindow(Corridor.pause, actor: registrar) }
            #expect(error.code == .alreadyExists)
            #expect(error.message.contains("pause-1"))
        }
    }

    @Test func everyBadFieldIsNamed() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            let bad = AccessWindow(
                id: "Bad Id", name: " ", kind: .unspecified, siteIDs: ["nowhere"], announcedBy: "nobody",
                daily: .init(startTime: "9:00", endTime: "25:00", timeZone: "Mars/Olympus", firstDate: "2026-11-31", lastDate: "2026-11-01")
            )
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) { try await registry.announceWindow(bad, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(Set(error.fields) == [
                "window.id", "window.name", "window.kind", "window.site_ids[0]", "window.announced_by", "window.daily.start_time",
                "window.daily.end_time", "window.daily.time_zone", "window.daily.first_date",
            ], "\(error)")
            #expect(await registry.currentState == before)
        }
    }

    @Test func theScheduleMustBeOneOfOneOffOrDaily() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            func refusal(_ change: (inout AccessWindow) -> Void) async throws -> [String] {
                var window = Corridor.pause
                change(&window)
                let error = try await #require(throws: RegistryError.self) { try await registry.announceWindow(window, actor: registrar) }
                #expect(error.code == .invalidArgument)
                return error.fields
            }
            #expect(try await refusal { $0.daily = nil } == ["window.one_off"])
            #expect(try await refusal { $0.startsAtMs = 1; $0.endsAtMs = 2 } == ["window.daily"])
            #expect(try await refusal { $0.daily = nil; $0.startsAtMs = 20; $0.endsAtMs = 10 } == ["window.ends_at_ms"])
            #expect(try await refusal { $0.daily?.endTime = "09:00" } == ["window.daily.end_time"])
            #expect(try await refusal { $0.daily?.lastDate = "2026-10-31" } == ["window.daily.last_date"])
            #expect(try await refusal { $0.daily?.timeZone = "" } == ["window.daily.time_zone"])
            #expect(try await refusal { $0.siteIDs = [] } == ["window.site_ids"])
            #expect(try await refusal { $0.announcedBy = "" } == ["window.announced_by"])
        }
    }

    @Test func theDailyPauseIsInEffectInsideItsHoursOnly() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            // Day 3 of the pause, 11:00: the pause, with today's interval.
            let at11 = try await active(registry, "wafideen", "2026-11-03T11:00")
            #expect(at11.map { $0.window?.id } == ["pause-1"])
            #expect(at11.first?.fromMs == Corridor.ms("2026-11-03T09:00"))
            #expect(at11.first?.untilMs == Corridor.ms("2026-11-03T14:00"))
            #expect(at11.first?.hours == "09:00-14:00 Asia/Damascus")
            // 15:00: none; the boundaries are [start, end).
            #expect(try await active(registry, "wafideen", "2026-11-03T15:00").isEmpty)
            #expect(try await active(registry, "wafideen", "2026-11-03T09:00").count == 1)
            #expect(try await active(registry, "wafideen", "2026-11-03T08:59").isEmpty)
            #expect(try await active(registry, "wafideen", "2026-11-03T14:00").isEmpty)
            // Outside the date range.
            #expect(try await active(registry, "wafideen", "2026-10-31T11:00").isEmpty)
            #expect(try await active(registry, "wafideen", "2026-11-30T11:00").count == 1)
            #expect(try await active(registry, "wafideen", "2026-12-01T11:00").isEmpty)
            // The same instant asked in UTC or with an offset.
            #expect(try await active(registry, "wafideen", "2026-11-03T08:00Z", zone: "").count == 1)
            #expect(try await active(registry, "wafideen", "2026-11-03T12:00+01:00", zone: "").isEmpty)
            // Another site is not covered.
            #expect(try await active(registry, "douma", "2026-11-03T11:00").isEmpty)
        }
    }

    @Test func aNightWindowRunsPastMidnight() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            var night = Corridor.pause
            night.id = "night"
            night.daily = .init(startTime: "22:00", endTime: "04:00", timeZone: Corridor.zone, firstDate: "2026-11-10", lastDate: "2026-11-12")
            _ = try await registry.announceWindow(night, actor: registrar)
            let lateOnFirst = try await active(registry, "wafideen", "2026-11-10T23:30")
            #expect(lateOnFirst.first?.fromMs == Corridor.ms("2026-11-10T22:00"))
            #expect(lateOnFirst.first?.untilMs == Corridor.ms("2026-11-11T04:00"))
            // The small hours belong to the previous day's occurrence.
            let early = try await active(registry, "wafideen", "2026-11-11T03:00")
            #expect(early.first?.fromMs == Corridor.ms("2026-11-10T22:00"))
            #expect(try await active(registry, "wafideen", "2026-11-11T12:00").isEmpty)
            // Not before the first date's evening; the last date's occurrence ends the morning after.
            #expect(try await active(registry, "wafideen", "2026-11-10T03:00").isEmpty)
            #expect(try await active(registry, "wafideen", "2026-11-13T03:00").count == 1)
            #expect(try await active(registry, "wafideen", "2026-11-13T23:00").isEmpty)
        }
    }

    @Test func aDailyWindowKeepsLocalHoursAcrossADaylightSavingChange() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let berlin = AccessWindow(
                id: "berlin", name: "Test", kind: .corridorOpening, siteIDs: ["wafideen"], announcedBy: "gov",
                daily: .init(startTime: "01:30", endTime: "03:30", timeZone: "Europe/Berlin", firstDate: "2026-10-24", lastDate: "2026-10-26")
            )
            _ = try await registry.announceWindow(berlin, actor: registrar)
            // 2026-10-25: 01:30 CEST (23:30Z) to 03:30 CET (02:30Z): three hours long that night.
            let window = try await active(registry, "wafideen", "2026-10-25T02:00Z", zone: "").first
            #expect(window?.fromMs == Corridor.ms("2026-10-24T23:30Z", zone: ""))
            #expect(window?.untilMs == Corridor.ms("2026-10-25T02:30Z", zone: ""))
            // The next night, all CET: 00:30Z to 02:30Z.
            #expect(try await active(registry, "wafideen", "2026-10-26T02:29Z", zone: "").count == 1)
            #expect(try await active(registry, "wafideen", "2026-10-26T02:30Z", zone: "").isEmpty)
        }
    }

    @Test func aWindowOnASiteCoversTheSitesWithinIt() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let ceasefire = AccessWindow(
                id: "truce", name: "Ghouta truce", kind: .ceasefire, siteIDs: ["ghouta"], announcedBy: "gov",
                startsAtMs: Corridor.ms("2026-11-21T00:00"), endsAtMs: Corridor.ms("2026-11-24T00:00")
            )
            _ = try await registry.announceWindow(ceasefire, actor: registrar)
            // The hospital lies in Douma, which lies in the enclave.
            let found = try await active(registry, "douma-hospital", "2026-11-22T12:00")
            #expect(found.map { $0.window?.id } == ["truce"])
            #expect(found.first?.hours == "2026-11-21 00:00 Asia/Damascus..2026-11-24 00:00 Asia/Damascus")
            #expect(try await active(registry, "damascus", "2026-11-22T12:00").isEmpty)
            #expect(try await active(registry, "douma-hospital", "2026-11-24T00:00").isEmpty)
            #expect(try await registry.listWindows(siteID: "douma").map(\.id) == ["truce"])
            #expect(try await registry.listWindows(siteID: "wafideen").isEmpty)
        }
    }

    @Test func anEndedOrCancelledWindowIsNotInEffectFromThenOn() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let ended = try await registry.setWindowStatus(
                windowID: "pause-1", status: .ended, reason: "talks collapsed", at: "2026-11-05T12:00", timeZone: Corridor.zone, actor: registrar
            )
            #expect(ended.status == .ended)
            #expect(ended.closedAtMs == Corridor.ms("2026-11-05T12:00"))
            // Still in effect before it ended (history), not from then on.
            #expect(try await active(registry, "wafideen", "2026-11-05T11:59").count == 1)
            #expect(try await active(registry, "wafideen", "2026-11-05T12:00").isEmpty)
            #expect(try await active(registry, "wafideen", "2026-11-06T10:00").isEmpty)
        }
    }

    @Test func statusTransitionsAllowedAndRefused() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            func set(_ status: AccessWindow.Status, report: String = "") async throws -> AccessWindow {
                try await registry.setWindowStatus(windowID: "pause-1", status: status, report: report, actor: registrar)
            }
            // VIOLATED is not allowed from ANNOUNCED.
            var error = try await #require(throws: RegistryError.self) { try await set(.violated, report: "shelling") }
            #expect(error.code == .failedPrecondition)
            #expect(error.message == "window pause-1 is ANNOUNCED; from ANNOUNCED it can go to IN_EFFECT, CANCELLED or ENDED", "\(error)")
            #expect(error.fields == ["status"])
            #expect(try await set(.inEffect).status == .inEffect)
            // VIOLATED needs a report.
            error = try await #require(throws: RegistryError.self) { try await set(.violated) }
            #expect(error.fields == ["report"])
            let violated = try await set(.violated, report: "mortar fire near the crossing at 10:40")
            #expect(violated.violations.map(\.report) == ["mortar fire near the crossing at 10:40"])
            #expect(violated.violations.first?.atMs ?? 0 > 0)
            #expect(try await set(.violated, report: "sniper fire").violations.count == 2)
            #expect(try await set(.inEffect).status == .inEffect)
            error = try await #require(throws: RegistryError.self) { try await set(.cancelled) }
            #expect(error.code == .failedPrecondition)
            let ended = try await set(.ended)
            #expect(ended.closedAtMs > 0)
            for next in [AccessWindow.Status.inEffect, .violated, .ended, .cancelled, .announced] {
                error = try await #require(throws: RegistryError.self) { try await set(next, report: "x") }
                #expect(error.code == .failedPrecondition)
                #expect(error.message == "window pause-1 is ENDED, which is final", "\(error)")
            }
        }
    }

    @Test func cancellingAnAnnouncedWindowSetsItsClosingTime() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let cancelled = try await registry.setWindowStatus(
                windowID: "pause-1", status: .cancelled, at: "2026-11-02T08:00Z", actor: registrar
            )
            #expect(cancelled.closedAtMs == Corridor.ms("2026-11-02T08:00Z", zone: ""))
            let missing = try await #require(throws: RegistryError.self) {
                try await registry.setWindowStatus(windowID: "nope", status: .ended, actor: registrar)
            }
            #expect(missing.code == .notFound)
        }
    }

    @Test func timesAreRefusedNamingTheField() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            var error = try await #require(throws: RegistryError.self) {
                try await registry.activeWindows(siteID: "wafideen", at: "2026-11-03T11:00")
            }
            #expect(error.fields == ["time_zone"])
            error = try await #require(throws: RegistryError.self) {
                try await registry.activeWindows(siteID: "wafideen", at: "11:00", timeZone: Corridor.zone)
            }
            #expect(error.fields == ["at"])
            error = try await #require(throws: RegistryError.self) {
                try await registry.activeWindows(siteID: "wafideen", at: "2026-11-03T11:00", timeZone: "Asia/Atlantis")
            }
            #expect(error.fields == ["time_zone"])
            #expect(error.fieldViolations.first?.reason.contains("Asia/Atlantis") == true)
            error = try await #require(throws: RegistryError.self) {
                try await registry.activeWindows(siteID: "nowhere", at: "2026-11-03T11:00Z")
            }
            #expect(error.code == .notFound)
        }
    }

    @Test func windowsSurviveAReopen() async throws {
        try await withTemporaryDirectory { directory in
            let before = try await withRegistryReleasedAfterwards(directory) { registry in
                try await Corridor.seed(registry)
                _ = try await registry.setWindowStatus(windowID: "pause-1", status: .inEffect, actor: registrar)
                return await registry.currentState.windows
            }
            try await withRegistryReleasedAfterwards(directory) { reopened in
                #expect(await reopened.currentState.windows == before)
                let found = try await active(reopened, "wafideen", "2026-11-03T11:00")
                #expect(found.count == 1)
            }
        }
    }
}

/// What a refused departure says about every window at the crossing.
@Suite struct DepartureRefusalTests {
    @Test func theRefusalNamesEveryWindowAtTheCrossingWithItsHoursAndStatus() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            // A one-off opening the day before, and a ceasefire on the crossing that ended.
            let opening = AccessWindow(
                id: "opening", name: "Opening", kind: .corridorOpening, siteIDs: ["wafideen"], announcedBy: "gov",
                startsAtMs: Corridor.ms("2026-11-20T08:00"), endsAtMs: Corridor.ms("2026-11-20T12:00")
            )
            var ceasefire = opening
            ceasefire.id = "truce"
            ceasefire.kind = .ceasefire
            ceasefire.startsAtMs = Corridor.ms("2026-11-01T00:00")
            ceasefire.endsAtMs = Corridor.ms("2026-12-01T00:00")
            _ = try await registry.announceWindow(opening, actor: registrar)
            _ = try await registry.announceWindow(ceasefire, actor: registrar)
            _ = try await registry.setWindowStatus(windowID: "truce", status: .ended, at: "2026-11-15T18:00", timeZone: Corridor.zone, actor: registrar)
            _ = try await registry.planMovement(Corridor.convoy(), actor: registrar)
            _ = try await Corridor.status(registry, "convoy-1", .notified)
            let error = try await #require(throws: RegistryError.self) { try await Corridor.status(registry, "convoy-1", .departed, at: "2026-11-21T16:30") }
            #expect(error.code == .failedPrecondition)
            #expect(error.message == "crossing wafideen has no access window in effect at 2026-11-21 16:30 Asia/Damascus; windows there: "
                + "opening (CORRIDOR_OPENING) 2026-11-20 08:00 Asia/Damascus..2026-11-20 12:00 Asia/Damascus; "
                + "pause-1 (HUMANITARIAN_PAUSE) daily 09:00-14:00 Asia/Damascus 2026-11-01..2026-11-30; "
                + "truce (CEASEFIRE, ENDED at 2026-11-15 18:00 Asia/Damascus) 2026-11-01 00:00 Asia/Damascus..2026-12-01 00:00 Asia/Damascus; "
                + "give override_reason to depart anyway", "\(error)")
        }
    }

    @Test func unknownWindowsAndSitesAreNotFound() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            #expect(try await #require(throws: RegistryError.self) { try await registry.getWindow("nope") }.code == .notFound)
            #expect(try await #require(throws: RegistryError.self) { try await registry.listWindows(siteID: "nowhere") }.code == .notFound)
            #expect(try await #require(throws: RegistryError.self) { try await registry.getMovement("nope") }.code == .notFound)
            let missing = try await #require(throws: RegistryError.self) { try await registry.activeWindows(siteID: "", at: "2026-11-03T11:00Z") }
            #expect(missing.fields == ["site_id"])
        }
    }
}

@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorTimeZones
import Testing

/// A one-off window given in local time and a zone (AccessWindow.one_off):
/// the registry does the zone's arithmetic, refuses a time the clocks skip,
/// takes the first of a repeated one, and still takes the deprecated unix
/// milliseconds from older clients, but not both at once.
@Suite struct OneOffWindowTests {
    static func truce(_ oneOff: AccessWindow.OneOff?, startsAtMs: UInt64 = 0, endsAtMs: UInt64 = 0) -> AccessWindow {
        AccessWindow(
            id: "truce", name: "Truce", kind: .ceasefire, siteIDs: ["wafideen"], announcedBy: "gov",
            startsAtMs: startsAtMs, endsAtMs: endsAtMs, oneOff: oneOff
        )
    }

    func refusal(_ registry: Registry, _ window: AccessWindow) async throws -> RegistryError {
        let before = await registry.currentState
        let error = try await #require(throws: RegistryError.self) { try await registry.announceWindow(window, actor: registrar) }
        #expect(error.code == .invalidArgument, "\(error)")
        #expect(await registry.currentState == before)
        return error
    }

    @Test func aOneOffWindowInLocalTimeIsRecordedInMillisecondsAndInItsZone() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            let window = try await registry.announceWindow(
                Self.truce(.init(startsAt: "2026-12-03T06:00", endsAt: "2026-12-03T18:00", timeZone: "Asia/Damascus")), actor: registrar
            )
            #expect(window.startsAtMs == Corridor.ms("2026-12-03T03:00Z"))
            #expect(window.endsAtMs == Corridor.ms("2026-12-03T15:00Z"))
            #expect(window.oneOff == AccessWindow.OneOff(startsAt: "2026-12-03T06:00+03:00", endsAt: "2026-12-03T18:00+03:00", timeZone: "Asia/Damascus"))
            #expect(try await registry.getWindow("truce") == window)
            let active = try await registry.activeWindows(siteID: "wafideen", at: "2026-12-03T07:00", timeZone: "Asia/Damascus").windows
            #expect(active.map { $0.window?.id } == ["truce"])
            // Shown in its own zone when no other is asked for.
            #expect(active.first?.hours == "2026-12-03 06:00 Asia/Damascus..2026-12-03 18:00 Asia/Damascus")
        }
    }

    @Test func aTimeWithAnOffsetIsRecordedInTheZoneGiven() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            let window = try await registry.announceWindow(
                Self.truce(.init(startsAt: "2026-12-03T03:00Z", endsAt: "2026-12-03T18:00+03:00", timeZone: "Asia/Damascus")), actor: registrar
            )
            #expect(window.oneOff?.startsAt == "2026-12-03T06:00+03:00")
            #expect(window.endsAtMs == Corridor.ms("2026-12-03T15:00Z"))
        }
    }

    /// Europe/Berlin's clocks go from 02:00 to 03:00 on 2027-03-28: 02:30 never happens.
    @Test func aLocalTimeTheClocksSkipIsRefusedNamingTheField() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            var error = try await refusal(registry, Self.truce(.init(startsAt: "2027-03-28T02:30", endsAt: "2027-03-28T12:00", timeZone: "Europe/Berlin")))
            #expect(error.fields == ["window.one_off.starts_at"])
            let reason = try #require(error.fieldViolations.first?.reason)
            #expect(reason.contains("does not exist in Europe/Berlin") && reason.contains("from +01:00 to +02:00"), "\(reason)")
            error = try await refusal(registry, Self.truce(.init(startsAt: "2027-03-27T12:00", endsAt: "2027-03-28T02:00", timeZone: "Europe/Berlin")))
            #expect(error.fields == ["window.one_off.ends_at"])
            // The hour after the gap exists.
            let window = try await registry.announceWindow(
                Self.truce(.init(startsAt: "2027-03-28T03:00", endsAt: "2027-03-28T12:00", timeZone: "Europe/Berlin")), actor: registrar
            )
            #expect(window.oneOff?.startsAt == "2027-03-28T03:00+02:00")
        }
    }

    /// Europe/Berlin's clocks go back from 03:00 to 02:00 on 2026-10-25: 02:30 happens twice.
    @Test func aLocalTimeTheClocksRepeatIsTheFirstOfTheTwo() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            let window = try await registry.announceWindow(
                Self.truce(.init(startsAt: "2026-10-25T02:30", endsAt: "2026-10-25T12:00", timeZone: "Europe/Berlin")), actor: registrar
            )
            #expect(window.startsAtMs == Corridor.ms("2026-10-25T00:30Z"))
            #expect(window.oneOff?.startsAt == "2026-10-25T02:30+02:00")
            #expect(window.oneOff?.endsAt == "2026-10-25T12:00+01:00")
        }
    }

    @Test func millisecondsAndLocalTimesTogetherAreRefusedNamingBoth() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            let both = Self.truce(
                .init(startsAt: "2026-12-03T06:00", endsAt: "2026-12-03T18:00", timeZone: "Asia/Damascus"),
                startsAtMs: Corridor.ms("2026-12-03T03:00Z"), endsAtMs: Corridor.ms("2026-12-03T15:00Z")
            )
            let error = try await refusal(registry, both)
            #expect(Set(error.fields) == ["window.starts_at_ms", "window.one_off"], "\(error)")
        }
    }

    @Test func theDeprecatedMillisecondsStillWorkAndAreShownInAZone() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            let start = Corridor.ms("2026-12-03T03:00Z")
            let end = Corridor.ms("2026-12-03T15:00Z")
            let utc = try await registry.announceWindow(Self.truce(nil, startsAtMs: start, endsAtMs: end), actor: registrar)
            #expect(utc.startsAtMs == start && utc.endsAtMs == end)
            #expect(utc.oneOff == AccessWindow.OneOff(startsAt: "2026-12-03T03:00+00:00", endsAt: "2026-12-03T15:00+00:00", timeZone: "UTC"))
            var named = Self.truce(.init(timeZone: "Asia/Damascus"), startsAtMs: start, endsAtMs: end)
            named.id = "truce-2"
            let shown = try await registry.announceWindow(named, actor: registrar)
            #expect(shown.oneOff?.startsAt == "2026-12-03T06:00+03:00")
            named.id = "truce-3"
            named.oneOff?.timeZone = "Asia/Atlantis"
            #expect(try await refusal(registry, named).fields == ["window.one_off.time_zone"])
        }
    }

    @Test func everyBadLocalFieldIsNamed() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            func fields(_ oneOff: AccessWindow.OneOff) async throws -> Set<String> {
                Set(try await refusal(registry, Self.truce(oneOff)).fields)
            }
            #expect(try await fields(.init(startsAt: "2026-12-03T06:00", endsAt: "2026-12-03T18:00")) == ["window.one_off.time_zone"])
            #expect(try await fields(.init(startsAt: "2026-12-03T06:00", endsAt: "2026-12-03T18:00", timeZone: "Asia/Atlantis")) == ["window.one_off.time_zone"])
            #expect(try await fields(.init(startsAt: "tomorrow", endsAt: "2026-12-03T18:00", timeZone: "Asia/Atlantis"))
                == ["window.one_off.time_zone", "window.one_off.starts_at"])
            #expect(try await fields(.init(startsAt: "2026-12-03T06:00", timeZone: "Asia/Damascus")) == ["window.one_off.ends_at"])
            #expect(try await fields(.init(startsAt: "2026-12-03T18:00", endsAt: "2026-12-03T06:00", timeZone: "Asia/Damascus")) == ["window.one_off.ends_at"])
            #expect(try await fields(.init(startsAt: "2026-12-03T06:00", endsAt: "2026-12-03T06:00", timeZone: "Asia/Damascus")) == ["window.one_off.ends_at"])
            var daily = Corridor.pause
            daily.oneOff = .init(startsAt: "2026-12-03T06:00", endsAt: "2026-12-03T18:00", timeZone: "Asia/Damascus")
            #expect(Set(try await refusal(registry, daily).fields) == ["window.daily"])
        }
    }

    @Test func aOneOffWindowSurvivesAReopen() async throws {
        try await withTemporaryDirectory { directory in
            let announced = try await withRegistryReleasedAfterwards(directory) { registry in
                try await Corridor.seed(registry, pause: false)
                return try await registry.announceWindow(
                    Self.truce(.init(startsAt: "2026-12-03T06:00", endsAt: "2026-12-03T18:00", timeZone: "Asia/Damascus")), actor: registrar
                )
            }
            try await withRegistryReleasedAfterwards(directory) { reopened in
                let found = try await reopened.getWindow("truce")
                #expect(found == announced)
            }
        }
    }
}

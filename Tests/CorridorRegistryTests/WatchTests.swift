@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Watching the log: every event once, in order, from any sequence on, then
/// each new one as it becomes durable; filters by kind and record; the watch
/// ends when the registry closes or its task is cancelled.
@Suite struct WatchTests {
    @Test func pastAndNewEventsArriveInSequenceOrderExactlyOnce() async throws {
        try await withRegistry { registry in
            _ = try await registry.registerParty(World.government, actor: registrar)
            _ = try await registry.registerParty(World.armedGroup, actor: registrar)
            let (recorder, task) = startWatch(registry, from: 1)
            // The two past events first; the watch then waits for new ones.
            await recorder.expectEvents(2)
            for site in World.sites { _ = try await registry.registerSite(site, actor: registrar) }
            _ = try await registry.registerCase(World.patient(), personal: World.personal, actor: registrar)
            var both = try #require(try await registry.caseView("C-000001").case)
            both.ageMonths = 97
            // Two events in one command.
            _ = try await registry.updateCase(both, personal: CasePersonal(name: "L."), fields: ["age_months", "personal.name"], reason: "", actor: registrar)
            let last = await registry.currentState.lastSequence
            #expect(last == 2 + UInt64(World.sites.count) + 1 + 2)
            await recorder.expectEvents(Int(last))

            #expect(await recorder.sequences == Array(1...last))
            let events = await recorder.events
            #expect(events[0].event?.partyRegistered?.party == World.government)
            #expect(events[2].event?.siteRegistered?.site == World.enclave)
            #expect(events[Int(last) - 1].event?.casePersonalUpdated?.caseID == "C-000001")
            #expect(events.allSatisfy { $0.event?.actor == registrar })

            await registry.close()
            #expect(await recorder.expectEnd("the watch's end after close") != nil)
            #expect(await recorder.sequences == Array(1...last), "nothing was sent twice, nothing after close")
            _ = task
        }
    }

    @Test func aWatchResumedAfterTheLastSeenSequenceDeliversOnlyLaterEvents() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let seeded = Int(await registry.currentState.lastSequence)
            let (first, _) = startWatch(registry, from: 1, stopAfter: seeded)
            #expect(await first.expectEnd("the first watch stopping by its caller") == .stoppedByCaller)
            let lastSeen = try #require(await first.sequences.last)
            #expect(await first.sequences == Array(1...lastSeen))

            // Events while nobody watches, then a resumed watch, then more.
            _ = try await registry.registerCase(World.patient(), personal: nil, actor: registrar)
            let (second, _) = startWatch(registry, from: lastSeen + 1, stopAfter: 3)
            await second.expectEvents(1)
            _ = try await registry.registerCase(World.patient(), personal: nil, actor: registrar)
            _ = try await registry.setCrossingStatus(siteID: "wafideen", status: .closed, reason: "", actor: registrar)
            #expect(await second.expectEnd("the resumed watch stopping by its caller") == .stoppedByCaller)
            #expect(await second.sequences == [lastSeen + 1, lastSeen + 2, lastSeen + 3])
            #expect(await second.events.map { $0.event?.kind.name } == ["case_registered", "case_registered", "crossing_status_changed"])
        }
    }

    @Test func aWatchFromBeyondTheEndWaitsForTheNextEvent() async throws {
        try await withRegistry { registry in
            _ = try await registry.registerParty(World.government, actor: registrar)
            let (recorder, _) = startWatch(registry, from: 2, stopAfter: 1)
            _ = try await registry.registerParty(World.ocha, actor: registrar)
            #expect(await recorder.expectEnd("the watch's only event") == .stoppedByCaller)
            #expect(await recorder.sequences == [2])
        }
    }

    @Test func aKindFilterSendsOnlyThatKind() async throws {
        try await withRegistry { registry in
            let (recorder, _) = startWatch(registry, from: 1, kinds: [.site], stopAfter: World.sites.count + 1)
            try await World.seed(registry)
            _ = try await registry.registerCase(World.patient(), personal: nil, actor: registrar)
            // The last event is a site's, so the watch has passed over every other one.
            _ = try await registry.setCrossingStatus(siteID: "wafideen", status: .closed, reason: "", actor: registrar)
            #expect(await recorder.expectEnd("the site watch") == .stoppedByCaller)
            let events = await recorder.events
            #expect(events.map { $0.event?.kind.subject.kind } == Array(repeating: .site, count: World.sites.count + 1))
            #expect(events.map(\.sequence) == Array(UInt64(World.parties.count + 1)...UInt64(World.parties.count + World.sites.count)) + [UInt64(World.parties.count + World.sites.count + 2)])
        }
    }

    @Test func aRecordFilterSendsOnlyThatRecordsEvents() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let (recorder, _) = startWatch(registry, from: 1, recordID: "C-000002", stopAfter: 2)
            for _ in 0..<3 { _ = try await registry.registerCase(World.patient(), personal: nil, actor: registrar) }
            _ = try await registry.setCaseStatus(caseID: "C-000001", status: .withdrawn, date: "", reason: "recovered", actor: registrar)
            _ = try await registry.setCaseStatus(caseID: "C-000002", status: .deceased, date: "2018-02-20", reason: "died waiting", actor: registrar)
            #expect(await recorder.expectEnd("the record watch") == .stoppedByCaller)
            let events = await recorder.events
            #expect(events.map { $0.event?.kind.subject.id } == ["C-000002", "C-000002"])
            #expect(events.map { $0.event?.kind.name } == ["case_registered", "case_status_changed"])
        }
    }

    @Test func kindAndRecordFiltersCombine() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            // "douma" is a site; make it a party too.
            _ = try await registry.registerParty(Party(id: "douma", shortName: "Douma Council", kind: .ngo), actor: registrar)
            _ = try await registry.updateSite(Site(id: "douma", name: "Douma Town", kind: .city), fields: ["name"], reason: "", actor: registrar)
            let (recorder, _) = startWatch(registry, from: 1, kinds: [.party], recordID: "douma", stopAfter: 2)
            _ = try await registry.updateParty(Party(id: "douma", shortName: "Council", kind: .ngo), fields: ["short_name"], reason: "", actor: registrar)
            #expect(await recorder.expectEnd("the combined watch") == .stoppedByCaller)
            #expect(await recorder.events.map { $0.event?.kind.name } == ["party_registered", "party_updated"])
        }
    }

    @Test func closingTheRegistryEndsAWaitingWatchWithUnavailable() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let seeded = Int(await registry.currentState.lastSequence)
            let (recorder, _) = startWatch(registry, from: 1)
            await recorder.expectEvents(seeded)
            await registry.close()
            let ending = await recorder.expectEnd("the watch's end after close")
            guard case .registryError(let code, let message) = ending else {
                Issue.record("the watch ended with \(String(describing: ending)), not a RegistryError")
                return
            }
            #expect(code == .unavailable)
            #expect(message.contains("\(seeded + 1)"), "says where to resume: \(message)")
        }
    }

    @Test func aWatchStartedAfterCloseEndsWithUnavailableAfterThePast() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            await registry.close()
            let (recorder, _) = startWatch(registry, from: 1)
            let ending = await recorder.expectEnd("the watch's end on a closed registry")
            guard case .registryError(let code, let message) = ending else {
                Issue.record("the watch ended with \(String(describing: ending)), not a RegistryError")
                return
            }
            #expect(code == .unavailable)
            #expect(message.contains("\(World.parties.count + World.sites.count + 1)"), "says where to resume: \(message)")
            #expect(await recorder.events.count == World.parties.count + World.sites.count)
        }
    }

    /// A watch waiting for the next event (a client tailing a quiet
    /// registry) must end when its task is cancelled, not when the next
    /// event happens to arrive.
    @Test func cancellingAWatchWaitingForTheNextEventEndsIt() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let seeded = Int(await registry.currentState.lastSequence)
            let (recorder, task) = startWatch(registry, from: 1)
            await recorder.expectEvents(seeded)
            task.cancel()
            let ending = await recorder.expectEnd("the cancelled watch's end")
            if ending == nil {
                // Release the stuck watch so that the test itself ends.
                _ = try await registry.registerParty(Party(id: "wake-up", shortName: "Wake", kind: .ngo), actor: registrar)
                let late = await recorder.expectEnd("the cancelled watch's end after one more event")
                Issue.record("the cancelled watch ended only once another event arrived: \(String(describing: late))")
            } else {
                #expect(ending == .cancelled)
            }
            #expect(await recorder.events.count == seeded)
        }
    }
}

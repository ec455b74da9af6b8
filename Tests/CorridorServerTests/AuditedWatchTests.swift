import CorridorAudit
import CorridorClient
import CorridorModel
import CorridorRegistry
import CorridorTestSupport
import Testing

/// A watch that carries personal parts is audited: each delivery waits for a
/// durable record of the cases it shows. That used to be one record and one
/// sync per event, so replaying a long history took a sync per event; now
/// it is one per burst (up to 256 events), still durable before the
/// burst's first event is sent.
@Suite struct AuditedWatchTests {
    @Test func aReplayIsAuditedOncePerBurstNotPerEvent() async throws {
        let fixture = try await AuditServiceTests.Fixture.start()
        let client = fixture.client
        _ = try await client.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave))
        let cases = 600
        for index in 0..<cases {
            _ = try await client.registerCase(
                Case(siteID: "enclave", ageMonths: 6, sex: .female, precedence: .urgent, consentGiven: true),
                personal: CasePersonal(name: "Person \(index)")
            )
        }
        let firstAfter = fixture.audit.lastSequence + 1
        let syncsBefore = fixture.audit.syncs

        var delivered = 0
        var watch = client.watch(from: 1).makeAsyncIterator()
        while delivered < cases + 1, try await watch.next() != nil { delivered += 1 }
        #expect(delivered == cases + 1)

        var query = AuditQuery()
        query.kinds = [.personalRead]
        query.limit = AuditQuery.maximumPageSize
        query.fromSequence = firstAfter
        let watched = try fixture.audit.records(query).records.filter { $0.method == AuditServiceTests.registry + "Watch" }
        #expect(watched.count == cases, "every case whose personal part was sent is on the trail, once")
        #expect(Set(watched.map(\.caseID)).count == cases)
        let syncs = fixture.audit.syncs - syncsBefore
        // 601 events are three bursts of at most 256: a handful of syncs, not 600.
        #expect(syncs <= 10, "\(syncs) audit syncs for a replay of \(cases + 1) events")
        await fixture.stop()
    }
}

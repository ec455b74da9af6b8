import CorridorClient
import CorridorRegistry
import CorridorServer
import CorridorTestSupport
import Foundation
import Testing

/// The registry through the real server and the Swift client: what an
/// operator's tool sees.
@Suite struct RegistryCallsTests {
    struct Fixture {
        let server: InProcessServer
        let registry: Registry
        let client: CorridorClient

        static func start() async throws -> Fixture {
            var options = RegistryOptions()
            options.store.segmentBytes = 64 * 1024
            let server = try await InProcessServer.startWithRegistry(options: options)
            let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
            return Fixture(server: server, registry: try #require(server.registry), client: client)
        }

        func stop() async {
            await client.close()
            await server.stop()
        }
    }

    @Test func recordsGoInAndComeBack() async throws {
        let fixture = try await Fixture.start()
        let client = fixture.client
        _ = try await client.registerParty(Party(id: "gov", shortName: "Government", kind: .government))
        _ = try await client.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave, besiegedBy: ["gov"], besiegedSince: "2013-04-01"))
        let registered = try await client.registerCase(
            Case(siteID: "enclave", ageMonths: 6, sex: .female, precedence: .urgent, conditions: [.heartDisease], consentGiven: true),
            personal: CasePersonal(name: "Infant")
        )
        let id = try #require(registered.case?.id)
        #expect(id == "C-000001")
        #expect(registered.case?.status == .waiting)
        #expect(registered.personal?.name == "Infant")

        let shown = try await client.caseView(id)
        #expect(shown == registered)
        #expect(try await client.cases(siteID: "enclave").total == 1)
        #expect(try await client.sites(kind: .enclave).map(\.id) == ["enclave"])

        let status = try await client.status()
        #expect(status.store?.lastSequence == 3)
        await fixture.stop()
    }

    @Test func refusalsCarryTheirStatusAndFields() async throws {
        let fixture = try await Fixture.start()
        let client = fixture.client
        do {
            _ = try await client.registerCase(Case(siteID: "nowhere", ageMonths: 5000, sex: .unspecified, precedence: .urgent, consentGiven: true))
            Issue.record("an invalid case was registered")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(Set(error.fieldViolations.map(\.field)).isSuperset(of: ["case.site_id", "case.age_months", "case.sex"]))
        }
        await #expect(throws: RPCError.self) { try await client.party("nobody") }
        do {
            _ = try await client.party("nobody")
        } catch {
            #expect(error.code == .notFound)
        }
        _ = try await client.registerParty(Party(id: "gov", shortName: "Government", kind: .government))
        do {
            _ = try await client.registerParty(Party(id: "gov", shortName: "Again", kind: .government))
            Issue.record("a duplicate party was registered")
        } catch {
            #expect(error.code == .alreadyExists)
        }
        await fixture.stop()
    }

    /// A watch that disconnects and resumes from its last sequence sees every
    /// event exactly once, in order.
    @Test func aResumedWatchMissesNothingAndRepeatsNothing() async throws {
        let fixture = try await Fixture.start()
        let client = fixture.client
        _ = try await client.registerParty(Party(id: "gov", shortName: "Government", kind: .government))
        _ = try await client.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave))

        var seen: [UInt64] = []
        var first = client.watch(from: 1).makeAsyncIterator()
        while let event = try await first.next() {
            seen.append(event.sequence)
            if seen.count == 2 { break }
        }
        // Disconnect entirely; events go on being recorded meanwhile.
        await client.close()
        let writer = try await CorridorClient.connect(to: fixture.server.socketPath, configuration: .forTests)
        for index in 0..<5 {
            _ = try await writer.registerCase(Case(siteID: "enclave", ageMonths: UInt32(index), sex: .male, precedence: .routine, consentGiven: true))
        }
        let resumed = try await CorridorClient.connect(to: fixture.server.socketPath, configuration: .forTests)
        var second = resumed.watch(from: seen.last! + 1).makeAsyncIterator()
        while seen.count < 7, let event = try await second.next() {
            seen.append(event.sequence)
        }
        #expect(seen == Array(1...7))

        // A live event arrives on the open watch.
        _ = try await writer.setCaseStatus("C-000001", to: .deceased, date: "2017-12-26", reason: "died waiting")
        let live = try await second.next()
        #expect(live?.sequence == 8)
        #expect(live?.event?.caseStatusChanged?.to == .deceased)
        await writer.close()
        await resumed.close()
        await fixture.server.stop()
    }

    @Test func historyShowsEveryTransitionWithItsActor() async throws {
        let fixture = try await Fixture.start()
        let client = fixture.client
        _ = try await client.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave))
        _ = try await client.registerCase(Case(siteID: "enclave", ageMonths: 6, sex: .female, precedence: .urgent, consentGiven: true))
        _ = try await client.setCaseStatus("C-000001", to: .deceased, date: "2017-12-26", reason: "died waiting")
        let history = try await client.history(of: "C-000001")
        #expect(history.map { $0.event?.kind.name } == ["case_registered", "case_status_changed"])
        let actor = try #require(history.first?.event?.actor)
        #expect(actor.uid == getuid())
        #expect(actor.pid == getpid())
        #expect(history.last?.event?.reason == "died waiting")
        await fixture.stop()
    }
}

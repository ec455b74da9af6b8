import CorridorClient
import CorridorModel
import CorridorRegistry
import CorridorServer
import CorridorTestSupport
import CorridorWire
import Testing

/// A list says a case's conditions in its words: a rule's reason beside a
/// left-out case ("patients with cancer are excluded"), an entry's
/// explanation ("pregnant"). Those words are cut for the roles that may not
/// see conditions, in list answers, left-out answers and the list's history.
@Suite struct ListWithholdingTests {
    static let actor = Actor(uid: 0, userName: "root", pid: 1, role: "admin")

    struct Fixture {
        let server: InProcessServer
        let client: CorridorClient
        let access: AccessControl

        static func start() async throws -> Fixture {
            let access = AccessControl(policy: WithholdingTests.policy(.coordinator))
            let server = try await InProcessServer.startWithRegistry(access: access)
            let registry = try #require(server.registry)
            _ = try await registry.registerParty(Party(id: "gov", shortName: "Government", kind: .government), actor: actor)
            _ = try await registry.registerParty(Party(id: "jaish", shortName: "Jaish", kind: .armedGroup), actor: actor)
            _ = try await registry.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave, besiegedBy: ["gov"], besiegedSince: "2013-04-01"), actor: actor)
            _ = try await registry.recordAgreement(Agreement(
                id: "a1", title: "Medical evacuations", parties: [.init(partyID: "gov", role: .party), .init(partyID: "jaish", role: .party)],
                agreedOn: "2017-04-12", status: .agreed
            ), actor: actor)
            _ = try await registry.imposeRule(EligibilityRule(
                id: "no-cancer", imposedBy: "gov", description: "patients with cancer are excluded", effect: .exclude, conditions: [.cancer]
            ), actor: actor)
            _ = try await registry.registerCase(
                Case(siteID: "enclave", ageMonths: 300, sex: .female, precedence: .urgent, consentGiven: true, pregnant: true), personal: nil, actor: actor
            )
            _ = try await registry.registerCase(
                Case(siteID: "enclave", ageMonths: 400, sex: .male, precedence: .urgent, conditions: [.cancer], consentGiven: true), personal: nil, actor: actor
            )
            _ = try await registry.createList(EvacuationList(
                id: "l1", title: "Medical evacuations", agreementID: "a1", originSiteID: "enclave", quota: 5, ruleIDs: ["no-cancer"]
            ), actor: actor)
            _ = try await registry.selectList(listID: "l1", actor: actor)
            let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
            return Fixture(server: server, client: client, access: access)
        }

        /// Every word the list's answers and history carry, as one text.
        func listWords() async throws -> String {
            let summary = try await client.getList(Corridor_V1_GetRequest(id: "l1"))
            let leftOut = try await client.leftOut({ var request = Corridor_V1_LeftOutRequest(); request.listID = "l1"; return request }())
            let history = try await client.history(of: "l1")
            var words = (summary.list?.entries ?? []).map(\.explanation) + leftOut.leftOut.map(\.reason)
            for recorded in history {
                if case .listSelected(let selected)? = recorded.event?.kind {
                    words += (selected.list?.entries ?? []).map(\.explanation)
                }
            }
            return words.joined(separator: " | ")
        }

        func stop() async {
            await client.close()
            await server.stop()
        }
    }

    @Test func conditionWordsAreCutFromListsForRolesThatMayNotSeeConditions() async throws {
        let fixture = try await Fixture.start()
        let full = try await fixture.listWords()
        #expect(full.contains("pregnant"), "\(full)")
        #expect(full.contains("cancer"), "\(full)")
        for role in [Role.negotiator, .logistics, .observer] {
            fixture.access.replace(with: WithholdingTests.policy(role))
            let cut = try await fixture.listWords()
            #expect(!cut.contains("pregnant") && !cut.contains("cancer"), "\(role): \(cut)")
            #expect(cut.contains(Withholding.marker), "\(role): \(cut)")
        }
        fixture.access.replace(with: WithholdingTests.policy(.medical))
        #expect(try await fixture.listWords() == full)
        await fixture.stop()
    }
}

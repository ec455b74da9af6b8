import CorridorAudit
import CorridorClient
import CorridorModel
import CorridorRegistry
import CorridorServer
import CorridorTestSupport
import CorridorWire
import Foundation
import Glibc
import Testing

/// Registry/DiscloseList through the real server: a list as a party receives
/// it carries exactly its profile's fields, never a diagnosis; every
/// disclosure is on the audit trail before the answer; bad requests are
/// refused naming the field.
@Suite struct DisclosureServiceTests {
    static let actor = Actor(uid: 0, userName: "root", pid: 1, role: "admin")
    static let method = "/corridor.v1.Registry/DiscloseList"

    /// A birth date that agrees with an age in months today (the registry
    /// checks the two against each other).
    static func born(months: Int) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0) ?? utc.timeZone
        let parts = utc.dateComponents([.year, .month, .day], from: utc.date(byAdding: .month, value: -months, to: Date()) ?? Date())
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Every personal field filled, and a condition beside.
    static let amal = CasePersonal(
        name: "Amal Haddad", dateOfBirth: born(months: 300), contacts: ["+963 11 000 0000"],
        identityNumbers: ["ID-775533"], clinicalNotes: "insulin twice a day"
    )

    struct Fixture {
        let server: InProcessServer
        let client: CorridorClient
        let access: AccessControl
        let audit: AuditTrail

        /// Parties gov and jaish, a list l1 of two waiting cases with every
        /// personal field and a condition filled in; the second travels with
        /// a companion.
        static func start() async throws -> Fixture {
            let access = AccessControl(policy: WithholdingTests.policy(.coordinator))
            let server = try await InProcessServer.startWithRegistry(access: access)
            let registry = try #require(server.registry)
            _ = try await registry.registerParty(Party(id: "gov", shortName: "Government", kind: .government), actor: actor)
            _ = try await registry.registerParty(Party(id: "jaish", shortName: "Jaish", kind: .armedGroup), actor: actor)
            _ = try await registry.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave), actor: actor)
            _ = try await registry.recordAgreement(Agreement(
                id: "a1", title: "Medical evacuations", parties: [.init(partyID: "gov", role: .party), .init(partyID: "jaish", role: .party)],
                agreedOn: "2017-04-12", status: .agreed
            ), actor: actor)
            _ = try await registry.registerCase(
                Case(siteID: "enclave", ageMonths: 300, sex: .female, precedence: .urgent, conditions: [.cancer], needs: [.oxygen], consentGiven: true),
                personal: DisclosureServiceTests.amal, actor: actor
            )
            _ = try await registry.registerCase(
                Case(siteID: "enclave", ageMonths: 420, sex: .female, precedence: .routine, consentGiven: true),
                personal: CasePersonal(name: "Huda Haddad", dateOfBirth: DisclosureServiceTests.born(months: 420), contacts: ["+963 11 111 1111"], identityNumbers: ["ID-1"], clinicalNotes: "companion, healthy"),
                actor: actor
            )
            _ = try await registry.registerCase(
                Case(siteID: "enclave", ageMonths: 6, sex: .male, precedence: .urgent, conditions: [.kidneyFailure], consentGiven: true, companionIDs: ["C-000002"]),
                personal: CasePersonal(name: "Sami Haddad", dateOfBirth: DisclosureServiceTests.born(months: 6), identityNumbers: ["ID-2", "ID-3"], clinicalNotes: "dialysis weekly"),
                actor: actor
            )
            _ = try await registry.createList(EvacuationList(
                id: "l1", title: "Medical evacuations", agreementID: "a1", originSiteID: "enclave", quota: 5, companionsCount: true
            ), actor: actor)
            _ = try await registry.selectList(listID: "l1", actor: actor)
            let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
            return Fixture(server: server, client: client, access: access, audit: try #require(server.audit))
        }

        func disclose(_ list: String = "l1", to party: String = "gov", profile: String) async throws(RPCError) -> Corridor_V1_ListDisclosure {
            try await client.discloseList(Corridor_V1_DiscloseListRequest(listID: list, toPartyID: party, profile: profile))
        }

        func disclosures() throws -> [AuditRecord] {
            var query = AuditQuery()
            query.kinds = [.disclosure]
            query.limit = AuditQuery.maximumPageSize
            return try audit.records(query).records
        }

        /// The case ids the list's active entries and their companions name.
        func expectedRows() async throws -> [String] {
            let list = try #require(try await client.getList(Corridor_V1_GetRequest(id: "l1")).list)
            return list.entries.filter { $0.state == .active }.flatMap { [$0.caseID] + $0.companionIDs }
        }

        func stop() async {
            await client.close()
            await server.stop()
        }
    }

    /// Every word a disclosure must never carry, whatever its profile.
    static let neverDisclosed = ["insulin", "dialysis", "healthy", "+963", "CANCER", "KIDNEY", "OXYGEN", "conditions", "clinical"]

    @Test func vettingCarriesNamesBirthDatesIdentityNumbersAgeAndSexOnly() async throws {
        let fixture = try await Fixture.start()
        let disclosure = try await fixture.disclose(profile: "vetting")
        #expect(disclosure.listID == "l1" && disclosure.partyID == "gov" && disclosure.profile == "vetting")
        #expect(disclosure.listVersion >= 1)
        #expect(disclosure.fields == ["name", "date_of_birth", "identity_numbers", "age", "sex"])
        #expect(disclosure.rows.map(\.caseID) == (try await fixture.expectedRows()))
        let sami = try #require(disclosure.rows.first { $0.caseID == "C-000003" })
        #expect(sami.name == "Sami Haddad" && sami.dateOfBirth == Self.born(months: 6) && sami.identityNumbers == ["ID-2", "ID-3"])
        #expect(sami.ageMonths == 6 && sami.sex == .male && sami.companionOf.isEmpty)
        let huda = try #require(disclosure.rows.first { $0.caseID == "C-000002" && $0.companionOf == "C-000003" })
        #expect(huda.name == "Huda Haddad" && huda.identityNumbers == ["ID-1"] && huda.rank == sami.rank)
        let text = disclosure.jsonText()
        for word in Self.neverDisclosed { #expect(!text.contains(word), "\(word) in \(text)") }
        await fixture.stop()
    }

    @Test func countsCarriesCaseIdsAndRanksAlone() async throws {
        let fixture = try await Fixture.start()
        let disclosure = try await fixture.disclose(profile: "counts")
        #expect(disclosure.fields.isEmpty)
        #expect(disclosure.rows.map(\.caseID) == (try await fixture.expectedRows()))
        for row in disclosure.rows {
            #expect(row.name.isEmpty && row.dateOfBirth.isEmpty && row.identityNumbers.isEmpty && row.ageMonths == 0 && row.sex == .unspecified, "\(row)")
        }
        #expect(!disclosure.jsonText().contains("Haddad"))
        await fixture.stop()
    }

    @Test func aProfileOfThePolicyFileIsUsedAndItsFieldsOnly() async throws {
        let fixture = try await Fixture.start()
        var policy = try AccessPolicy.parse(Array("[users]\n\(WithholdingTests.me) = \"negotiator\"\n[profiles.names-only]\nfields = [\"name\"]\n".utf8), source: "test")
        fixture.access.replace(with: policy)
        let disclosure = try await fixture.disclose(to: "jaish", profile: "names-only")
        #expect(disclosure.fields == ["name"])
        for row in disclosure.rows {
            #expect(!row.name.isEmpty && row.dateOfBirth.isEmpty && row.identityNumbers.isEmpty && row.ageMonths == 0 && row.sex == .unspecified, "\(row)")
        }
        // The policy in force at the call decides: after a reload without it, the profile is gone.
        policy.profiles = [:]
        fixture.access.replace(with: policy)
        await #expect(throws: RPCError.self) { try await fixture.disclose(profile: "names-only") }
        await fixture.stop()
    }

    @Test func everyDisclosureIsAuditedWithPartyFieldsCasesAndWho() async throws {
        let fixture = try await Fixture.start()
        #expect(try fixture.disclosures().isEmpty)
        let disclosure = try await fixture.disclose(to: "jaish", profile: "vetting")
        let records = try fixture.disclosures()
        #expect(records.map(\.caseID) == disclosure.rows.map(\.caseID))
        for record in records {
            #expect(record.method == Self.method)
            #expect(record.detail.contains("list l1 version \(disclosure.listVersion) to party jaish"), "\(record.detail)")
            #expect(record.detail.contains("profile vetting (fields: name, date_of_birth, identity_numbers, age, sex)"), "\(record.detail)")
            #expect(record.actor.uid == getuid() && record.actor.pid == getpid() && record.actor.role == "coordinator")
        }
        #expect(records.contains { $0.caseID == "C-000002" && $0.detail.hasSuffix("; companion of C-000003") })
        // Refused requests disclose nothing and record no disclosure.
        _ = try? await fixture.disclose(profile: "no-such-profile")
        _ = try? await fixture.disclose("nope", profile: "vetting")
        #expect(try fixture.disclosures().count == records.count)
        await fixture.stop()
    }

    @Test func anUnknownProfileIsInvalidArgumentNamingProfile() async throws {
        let fixture = try await Fixture.start()
        do {
            _ = try await fixture.disclose(profile: "medical-history")
            Issue.record("disclosed under an unknown profile")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.fieldViolations.map(\.field) == ["profile"], "\(error)")
            #expect(error.fieldViolations.first?.reason.contains("the profiles are counts, vetting") == true, "\(error)")
        }
        do {
            _ = try await fixture.client.discloseList(Corridor_V1_DiscloseListRequest())
            Issue.record("disclosed an empty request")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.fieldViolations.map(\.field) == ["list_id", "to_party_id", "profile"], "\(error)")
        }
        await fixture.stop()
    }

    @Test func anUnknownListOrPartyIsNotFound() async throws {
        let fixture = try await Fixture.start()
        for (list, party) in [("nope", "gov"), ("l1", "nobody")] {
            do {
                _ = try await fixture.disclose(list, to: party, profile: "vetting")
                Issue.record("disclosed \(list) to \(party)")
            } catch {
                #expect(error.code == .notFound, "\(error)")
                #expect(error.message.contains(list == "nope" ? "nope" : "nobody"), "\(error)")
            }
        }
        await fixture.stop()
    }

    @Test func negotiatorsMayDiscloseAndRolesWithoutListWritesMayNot() async throws {
        let fixture = try await Fixture.start()
        for role in Role.allCases {
            fixture.access.replace(with: WithholdingTests.policy(role))
            do {
                _ = try await fixture.disclose(profile: "vetting")
                #expect([.admin, .coordinator, .negotiator].contains(role), "\(role) disclosed")
            } catch {
                #expect(![.admin, .coordinator, .negotiator].contains(role), "\(role): \(error)")
                #expect(error.code == .permissionDenied, "\(role): \(error)")
            }
        }
        await fixture.stop()
    }
}

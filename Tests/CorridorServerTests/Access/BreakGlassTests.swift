import CorridorAudit
import CorridorClient
import CorridorModel
import CorridorServer
import CorridorTestSupport
import CorridorWire
import Glibc
import Synchronization
import Testing

/// Break-glass through the real server: the test's own user holds a role
/// without personal data, opens a grant to one case with a reason, and sees
/// that case (and only it) whole until a test clock passes the expiry.
@Suite struct BreakGlassTests {
    /// A clock the test moves by hand: expiry without waiting for it.
    final class TestClock: Sendable {
        private let nowMs = Mutex<UInt64>(1_800_000_000_000)
        var now: UInt64 { nowMs.withLock { $0 } }
        func advance(seconds: UInt64) { nowMs.withLock { $0 += seconds * 1000 } }
    }

    struct Fixture {
        let server: InProcessServer
        let client: CorridorClient
        let access: AccessControl
        let clock: TestClock
        let caseIDs: [String]

        static func start() async throws -> Fixture {
            let clock = TestClock()
            let access = AccessControl(
                policy: WithholdingTests.policy(.coordinator),
                breakGlass: BreakGlassGrants(clock: { clock.now })
            )
            let server = try await InProcessServer.startWithRegistry(access: access)
            let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
            _ = try await client.registerParty(Party(id: "gov", shortName: "Government", kind: .government))
            _ = try await client.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave, besiegedBy: ["gov"], besiegedSince: "2013-04-01"))
            var ids: [String] = []
            for name in ["Amal Haddad", "Omar Haddad"] {
                let registered = try await client.registerCase(
                    Case(siteID: "enclave", ageMonths: 84, sex: .female, precedence: .urgent, conditions: [.cancer], needs: [.oxygen], consentGiven: true),
                    personal: CasePersonal(name: name, dateOfBirth: "2019-03-04", identityNumbers: ["ID-\(ids.count)"], clinicalNotes: "insulin twice a day")
                )
                ids.append(try #require(registered.case?.id))
            }
            return Fixture(server: server, client: client, access: access, clock: clock, caseIDs: ids)
        }

        func stop() async {
            await client.close()
            await server.stop()
        }
    }

    @Test func anObserverWhoOpensAGrantSeesThatCaseWholeUntilItExpires() async throws {
        let fixture = try await Fixture.start()
        let client = fixture.client
        let (opened, other) = (fixture.caseIDs[0], fixture.caseIDs[1])
        fixture.access.replace(with: WithholdingTests.policy(.observer))
        #expect(try await client.caseView(opened).personal == nil, "withheld before the grant")

        let grant = try await client.openBreakGlass(opened, reason: "convoy medic needs the patient's name at the crossing", seconds: 600)
        #expect(grant.caseID == opened)
        #expect(grant.uid == getuid())
        #expect(grant.role == "observer")
        #expect(grant.expiresAtMs == grant.openedAtMs + 600_000)

        let shown = try await client.caseView(opened)
        #expect(shown.personal?.name == "Amal Haddad")
        #expect(shown.personal?.clinicalNotes == "insulin twice a day")
        #expect(shown.case?.conditions == [.cancer])
        #expect(try await client.cases(siteID: "enclave").cases.map { $0.personal?.name } == ["Amal Haddad", nil])
        #expect(try await client.caseView(other).personal == nil, "another case stays withheld")

        fixture.clock.advance(seconds: 599)
        #expect(try await client.caseView(opened).personal?.name == "Amal Haddad", "still open a second before expiry")
        fixture.clock.advance(seconds: 1)
        let expired = try await client.caseView(opened)
        #expect(expired.personal == nil, "withheld again at expiry")
        #expect(expired.case?.conditions == [])
        await fixture.stop()
    }

    @Test func theGrantDefaultsToAnHourAndLiftsNoMethodRestriction() async throws {
        let fixture = try await Fixture.start()
        let client = fixture.client
        fixture.access.replace(with: WithholdingTests.policy(.logistics))
        let grant = try await client.openBreakGlass(fixture.caseIDs[0], reason: "stretcher team must confirm identity")
        #expect(grant.expiresAtMs - grant.openedAtMs == 3_600_000)
        await #expect {
            _ = try await client.setCaseStatus(fixture.caseIDs[0], to: .withdrawn, reason: "left on her own")
        } throws: { ($0 as? RPCError)?.code == .permissionDenied }
        await fixture.stop()
    }

    @Test(arguments: [
        ("C-000001", "", UInt32(0), "reason"),
        ("C-000001", "   ", UInt32(0), "reason"),
        ("", "a reason", UInt32(0), "case_id"),
        ("C-000001", "a reason", UInt32(86_401), "duration_seconds"),
    ])
    func aMissingReasonCaseOrTooLongADurationIsInvalidArgumentNamingIt(caseID: String, reason: String, seconds: UInt32, field: String) async throws {
        let fixture = try await Fixture.start()
        fixture.access.replace(with: WithholdingTests.policy(.negotiator))
        await #expect {
            _ = try await fixture.client.openBreakGlass(caseID, reason: reason, seconds: seconds)
        } throws: { error in
            guard let error = error as? RPCError else { return false }
            return error.code == .invalidArgument && error.fieldViolations.map(\.field) == [field]
        }
        // Nothing opened: the case stays withheld.
        #expect(try await fixture.client.caseView(fixture.caseIDs[0]).personal?.clinicalNotes != "insulin twice a day")
        #expect(fixture.access.breakGlass.openGrants().isEmpty)
        await fixture.stop()
    }

    @Test func anUnknownCaseIsNotFoundAndGrantsNothing() async throws {
        let fixture = try await Fixture.start()
        fixture.access.replace(with: WithholdingTests.policy(.observer))
        await #expect {
            _ = try await fixture.client.openBreakGlass("C-999999", reason: "a reason")
        } throws: { ($0 as? RPCError)?.code == .notFound }
        #expect(fixture.access.breakGlass.openGrants().isEmpty)
        await fixture.stop()
    }

    @Test(arguments: [Role.admin, .coordinator, .medical])
    func rolesThatSeePersonalDataAlreadyGainNothingButAreRecorded(role: Role) async throws {
        let fixture = try await Fixture.start()
        fixture.access.replace(with: WithholdingTests.policy(role))
        let before = try await fixture.client.caseView(fixture.caseIDs[1])
        _ = try await fixture.client.openBreakGlass(fixture.caseIDs[0], reason: "a reason")
        #expect(try await fixture.client.caseView(fixture.caseIDs[1]) == before)
        #expect(fixture.access.breakGlass.openGrants().map(\.caseID) == [fixture.caseIDs[0]])
        await fixture.stop()
    }

    @Test func theOpeningIsOnTheAuditTrailAsBreakGlassAndReadsUnderItAsPersonalReads() async throws {
        let fixture = try await Fixture.start()
        let client = fixture.client
        let caseID = fixture.caseIDs[0]
        fixture.access.replace(with: WithholdingTests.policy(.observer))
        _ = try await client.openBreakGlass(caseID, reason: "identify the patient at the crossing", seconds: 900)
        _ = try await client.caseView(caseID)

        fixture.access.replace(with: WithholdingTests.policy(.admin))
        var request = Corridor_V1_ListAuditRecordsRequest()
        request.kinds = [.breakGlass]
        let opened = try await client.allAuditRecords(request)
        #expect(opened.count == 1)
        #expect(opened.first?.caseID == caseID)
        #expect(opened.first?.method == "/corridor.v1.Registry/OpenBreakGlass")
        #expect(opened.first?.actor?.uid == getuid())
        #expect(opened.first?.actor?.role == "observer")
        #expect(opened.first?.detail.contains("identify the patient at the crossing") == true)

        request.kinds = [.personalRead]
        request.caseID = caseID
        let reads = try await client.allAuditRecords(request).filter { $0.actor?.role == "observer" }
        #expect(reads.map(\.method) == ["/corridor.v1.Registry/GetCase"])
        await fixture.stop()
    }
}

extension BreakGlassTests {
    @Test func anAdminListsTheOpenGrantsAndNoOneElseMay() async throws {
        let fixture = try await Fixture.start()
        let client = fixture.client
        fixture.access.replace(with: WithholdingTests.policy(.observer))
        _ = try await client.openBreakGlass(fixture.caseIDs[1], reason: "second", seconds: 120)
        _ = try await client.openBreakGlass(fixture.caseIDs[0], reason: "first", seconds: 60)
        await #expect {
            _ = try await client.breakGlassGrants()
        } throws: { ($0 as? RPCError)?.code == .permissionDenied }

        fixture.access.replace(with: WithholdingTests.policy(.admin))
        let open = try await client.breakGlassGrants()
        #expect(open.map(\.caseID) == [fixture.caseIDs[0], fixture.caseIDs[1]])
        #expect(open.map(\.reason) == ["first", "second"])
        #expect(open.allSatisfy { $0.uid == getuid() && $0.role == "observer" })
        fixture.clock.advance(seconds: 60)
        #expect(try await client.breakGlassGrants().map(\.caseID) == [fixture.caseIDs[1]])
        await fixture.stop()
    }
}

@Suite struct BreakGlassGrantsTests {
    @Test func aGrantIsPerUserAndCaseAndEndsAtItsExpiry() {
        let now = Mutex<UInt64>(1000)
        let grants = BreakGlassGrants(clock: { now.withLock { $0 } })
        _ = grants.open(caseID: "C-000001", uid: 1001, userName: "obs", role: "observer", reason: "r", seconds: 60)
        #expect(grants.isOpen(uid: 1001, caseID: "C-000001"))
        #expect(!grants.isOpen(uid: 1002, caseID: "C-000001"))
        #expect(!grants.isOpen(uid: 1001, caseID: "C-000002"))
        #expect(CaseVisibility.of(.observer, caseID: "C-000001", uid: 1001, grants: grants) == .everything)
        #expect(CaseVisibility.of(.observer, caseID: "C-000002", uid: 1001, grants: grants) == CaseVisibility.of(.observer, caseID: "C-000002"))
        now.withLock { $0 += 60_000 }
        #expect(!grants.isOpen(uid: 1001, caseID: "C-000001"))
        #expect(grants.openGrants().isEmpty)
        #expect(CaseVisibility.of(.observer, caseID: "C-000001", uid: 1001, grants: grants) == CaseVisibility.of(.observer, caseID: "C-000001"))
    }
}

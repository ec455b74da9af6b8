import CorridorAudit
import CorridorClient
import CorridorModel
import CorridorServer
import CorridorTestSupport
import CorridorWire
import Glibc
import Testing

/// What each role sees of a case with every personal field filled, through
/// the real server: responses, lists of cases, history, the watch stream,
/// the waiting report and refusals. The test's own user is given each role
/// in turn by replacing the policy, on one connection that stays open.
@Suite struct WithholdingTests {
    static let me: String = {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "root" }
        return String(cString: name)
    }()

    static func policy(_ role: Role) -> AccessPolicy {
        AccessPolicy(users: [me: role], source: "test policy giving \(me) the role \(role.rawValue)")
    }

    static let personal = CasePersonal(
        name: "Amal Haddad", dateOfBirth: "2019-03-04", contacts: ["+963 11 000 0000"],
        identityNumbers: ["ID-775533"], clinicalNotes: "insulin twice a day"
    )

    struct Fixture {
        let server: InProcessServer
        let client: CorridorClient
        let access: AccessControl
        let caseID: String

        static func start() async throws -> Fixture {
            let access = AccessControl(policy: WithholdingTests.policy(.coordinator))
            let server = try await InProcessServer.startWithRegistry(access: access)
            let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
            _ = try await client.registerParty(Party(id: "gov", shortName: "Government", kind: .government))
            _ = try await client.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave, besiegedBy: ["gov"], besiegedSince: "2013-04-01"))
            let registered = try await client.registerCase(
                Case(siteID: "enclave", ageMonths: 84, sex: .female, precedence: .urgent, conditions: [.cancer, .kidneyFailure],
                     needs: [.oxygen], consentGiven: true, pregnant: false),
                personal: WithholdingTests.personal
            )
            return Fixture(server: server, client: client, access: access, caseID: try #require(registered.case?.id))
        }

        func stop() async {
            await client.close()
            await server.stop()
        }
    }

    /// What each role must see of the personal part.
    static func expectedPersonal(_ role: Role) -> CasePersonal? {
        switch role {
        case .admin, .coordinator, .medical: personal
        case .negotiator: CasePersonal(name: personal.name, dateOfBirth: personal.dateOfBirth, identityNumbers: personal.identityNumbers)
        case .logistics, .observer: nil
        }
    }

    static func seesConditions(_ role: Role) -> Bool { [.admin, .coordinator, .medical].contains(role) }

    @Test(arguments: Role.allCases)
    func everyReadOfACaseIsCutToTheRole(role: Role) async throws {
        let fixture = try await Fixture.start()
        let client = fixture.client
        fixture.access.replace(with: Self.policy(role))

        let shown = try await client.caseView(fixture.caseID)
        #expect(shown.personal == Self.expectedPersonal(role), "getCase as \(role)")
        #expect(shown.case?.conditions == (Self.seesConditions(role) ? [.cancer, .kidneyFailure] : []), "getCase conditions as \(role)")
        #expect(shown.case?.needs == [.oxygen], "needs stay visible to \(role)")

        let listed = try await client.cases(siteID: "enclave")
        #expect(listed.cases.map(\.personal) == [Self.expectedPersonal(role)], "listCases as \(role)")
        #expect(listed.cases.map { $0.case?.conditions ?? [] } == [Self.seesConditions(role) ? [.cancer, .kidneyFailure] : []])

        let history = try await client.history(of: fixture.caseID)
        let registered = history.compactMap { recorded -> CaseRegistered? in
            if case .caseRegistered(let event)? = recorded.event?.kind { return event }
            return nil
        }
        #expect(registered.count == 1)
        #expect(registered.first?.personal == Self.expectedPersonal(role), "history as \(role)")
        #expect(registered.first?.case?.conditions == (Self.seesConditions(role) ? [.cancer, .kidneyFailure] : []))
        let actorNames = history.compactMap { $0.event?.actor?.userName }
        #expect(actorNames.allSatisfy { $0 == (role == .observer ? Withholding.marker : Self.me) }, "actors as \(role): \(actorNames)")
        #expect(history.compactMap { $0.event?.actor?.role }.allSatisfy { $0 == "coordinator" }, "the role is recorded with the actor")

        var watched: RecordedEvent?
        for try await event in client.watch(from: 0, recordID: fixture.caseID) {
            watched = event
            break
        }
        guard case .caseRegistered(let event)? = watched?.event?.kind else {
            Issue.record("the watch stream did not start with the case's registration: \(String(describing: watched))")
            await fixture.stop()
            return
        }
        #expect(event.personal == Self.expectedPersonal(role), "watch as \(role)")
        #expect(event.case?.conditions == (Self.seesConditions(role) ? [.cancer, .kidneyFailure] : []))

        let waiting = try await client.waitingCases(Corridor_V1_WaitingCasesRequest(siteID: "enclave"))
        #expect(waiting.cases.map(\.conditions) == [Self.seesConditions(role) ? [.cancer, .kidneyFailure] : []], "waitingCases as \(role)")

        await fixture.stop()
    }

    @Test func aStatusReasonIsWithheldFromThoseWhoMayNotSeeConditions() async throws {
        let fixture = try await Fixture.start()
        _ = try await fixture.client.setCaseStatus(fixture.caseID, to: .withdrawn, reason: "Amal's kidney failure worsened; family took her")
        fixture.access.replace(with: Self.policy(.logistics))
        let shown = try await fixture.client.caseView(fixture.caseID)
        #expect(shown.case?.statusReason == Withholding.marker)
        let reasons = try await fixture.client.history(of: fixture.caseID).compactMap { $0.event?.reason }.filter { !$0.isEmpty }
        #expect(reasons.allSatisfy { $0 == Withholding.marker }, "\(reasons)")
        fixture.access.replace(with: Self.policy(.medical))
        #expect(try await fixture.client.caseView(fixture.caseID).case?.statusReason == "Amal's kidney failure worsened; family took her")
        await fixture.stop()
    }

    /// A refusal that names a rule's criteria beside a case says the case's
    /// condition; every failed call's status passes through this cut.
    @Test func refusalsLoseTheNamesOfConditions() {
        let status = RPCStatus(
            .failedPrecondition, "case C-000001 is excluded by rule r1 (imposed by gov): cases with CANCER or kidney failure, or pregnant, are excluded",
            fieldViolations: [FieldViolation(field: "add[0]", reason: "case C-000001 has HEART_DISEASE")]
        )
        let cut = Withholding(role: .logistics).status(status)
        #expect(cut.message == "case C-000001 is excluded by rule r1 (imposed by gov): cases with [withheld] or [withheld], or [withheld], are excluded")
        #expect(cut.fieldViolations.map(\.reason) == ["case C-000001 has [withheld]"])
        #expect(Withholding(role: .medical).status(status) == status)
        #expect(Withholding(role: .negotiator).text("URGENT; pregnant; waiting 3 days") == "URGENT; [withheld]; waiting 3 days")
    }

    /// The cut is applied to every failed call's status by the server, not
    /// by each handler: a NOT_FOUND that repeats the id asked for shows it.
    @Test func theServerCutsEveryRefusal() async throws {
        let fixture = try await Fixture.start()
        for (role, expected) in [(Role.observer, "[withheld]-7"), (.medical, "CANCER-7")] {
            fixture.access.replace(with: Self.policy(role))
            do {
                _ = try await fixture.client.caseView("CANCER-7")
                Issue.record("a case that does not exist was shown")
            } catch {
                #expect(error.code == .notFound)
                #expect(error.message.contains(expected), "\(role): \(error.message)")
            }
        }
        await fixture.stop()
    }

    @Test func aRoleThatMayNotCallAMethodIsRefusedAndLoggedOncePerConnection() async throws {
        let access = AccessControl(policy: Self.policy(.observer))
        let server = try await InProcessServer.startWithRegistry(access: access, logLevel: .notice)
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        for _ in 0..<3 {
            do {
                _ = try await client.registerParty(Party(id: "gov", shortName: "Government", kind: .government))
                Issue.record("an observer registered a party")
            } catch {
                #expect(error.code == .permissionDenied)
                #expect(error.message.contains("has role observer, which may not call /corridor.v1.Registry/RegisterParty"), "\(error.message)")
                #expect(error.message.contains("admin, coordinator"), "\(error.message)")
            }
        }
        // A read is allowed, and answers on the same connection.
        #expect(try await client.parties().isEmpty)
        let refusals = server.log.events.filter { $0.message.hasPrefix("call refused by the access policy") }
        #expect(refusals.count == 1, "\(refusals)")
        #expect(refusals.first?.metadata["uid"] == "\(getuid())")
        #expect(refusals.first?.metadata["method"] == "/corridor.v1.Registry/RegisterParty")

        // A user the policy does not know is refused everything, System included.
        access.replace(with: AccessPolicy(users: [:], groups: [:], source: "empty test policy"))
        if getuid() != 0 {
            do {
                _ = try await client.status()
                Issue.record("a user without a role was answered")
            } catch {
                #expect(error.code == .permissionDenied)
                #expect(error.message.contains("has no role in the access policy (empty test policy)"), "\(error.message)")
            }
        }
        await client.close()
        await server.stop()
    }

    /// A refused call is on the audit trail before its refusal is answered:
    /// once per connection and method, however often the client retries.
    @Test func aRefusedCallIsRecordedOnTheAuditTrailOncePerConnectionAndMethod() async throws {
        let server = try await InProcessServer.startWithRegistry(access: AccessControl(policy: Self.policy(.observer)))
        let audit = try #require(server.audit)
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        for _ in 0..<3 {
            await #expect(throws: RPCError.self) {
                _ = try await client.registerParty(Party(id: "gov", shortName: "Government", kind: .government))
            }
        }
        // The refusal came back, so its record is on the trail already.
        var query = AuditQuery()
        query.kinds = [.denied]
        let denied = try audit.records(query).records
        #expect(denied.count == 1, "\(denied)")
        #expect(denied.first?.method == "/corridor.v1.Registry/RegisterParty")
        #expect(denied.first?.actor.uid == getuid())
        #expect(denied.first?.actor.role == "observer")
        #expect(denied.first?.detail.contains("may not call /corridor.v1.Registry/RegisterParty") == true, "\(String(describing: denied.first))")
        // Reading the trail and erasing are admin's: refused to an observer, and recorded too.
        await #expect(throws: RPCError.self) { _ = try await client.eraseCasePersonalData("C-000001", reason: "asked to") }
        #expect(try audit.records(query).records.map(\.method) == [
            "/corridor.v1.Registry/RegisterParty", "/corridor.v1.Registry/EraseCasePersonalData",
        ])
        await client.close()
        await server.stop()
    }
}

@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// SelectList over the registry: candidates at the origin and within it,
/// statuses, versions, determinism, the left-out report and its refusals.
@Suite struct ListSelectionTests {
    @Test func selectionTakesWaitingCasesWithinTheOriginAndListsThem() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            try await ListWorld.register(registry, "c-01", precedence: .urgent, ageMonths: 6)
            try await ListWorld.register(registry, "c-02", site: "douma-shelter", precedence: .priority)
            try await ListWorld.register(registry, "c-03", site: "ghouta")
            try await ListWorld.register(registry, "c-04", site: "damascus", precedence: .urgent)
            try await ListWorld.register(registry, "c-05")
            _ = try await registry.setCaseStatus(caseID: "c-05", status: .withdrawn, date: "", reason: "recovered", actor: registrar)
            _ = try await ListWorld.create(registry, quota: 2)
            let response = try await ListWorld.select(registry)
            let list = try #require(response.list)
            #expect(list.activeCaseIDs == ["c-01", "c-02"])
            #expect(list.version == 1)
            #expect(list.policyVersion == "priority-v1")
            #expect(list.selectedAsOf == "2026-11-21")
            #expect(list.entries.allSatisfy { $0.addedInVersion == 1 && $0.state == .active })
            // Registered today, after the as-of date: the explanation says so
            // (FieldRegistrationTests) instead of "waiting 0 days".
            #expect(list.entries[0].explanation.hasPrefix("URGENT; infant 6 months; "))
            #expect(response.considered == 3)
            #expect(response.leftOutTotal == 1)
            #expect(response.leftOut == [LeftOutCase(caseID: "c-03", rank: 3, reason: "rank 3; quota of 2 filled")])
            #expect(await ListWorld.status(registry, "c-01") == .listed)
            #expect(await ListWorld.status(registry, "c-02") == .listed)
            #expect(await ListWorld.status(registry, "c-03") == .waiting)
            #expect(await ListWorld.status(registry, "c-04") == .waiting)
            // The case's history shows the listing, made by the operator.
            let last = try #require(try await registry.history(of: "c-01").last?.event)
            #expect(last.caseStatusChanged?.to == .listed)
            #expect(last.actor?.userName == "amina")
            let event = try #require(try await registry.history(of: "list:l1").last?.event?.listSelected)
            #expect(event.considered == 3 && event.leftOut == 1)
        }
    }

    @Test func selectingAgainFromTheSameStateGivesTheSameBytes() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            for index in 1...12 {
                try await ListWorld.register(registry, "c-\(index < 10 ? "0" : "")\(index)",
                                             precedence: [.urgent, .priority, .routine][index % 3], ageMonths: UInt32(index * 70))
            }
            _ = try await ListWorld.create(registry, quota: 5)
            let first = try #require(try await ListWorld.select(registry).list)
            let second = try #require(try await ListWorld.select(registry).list)
            #expect(second.version == 2)
            #expect(Corridor_V1_EvacuationList(EvacuationList(entries: first.entries)).serializedBytes() == Corridor_V1_EvacuationList(EvacuationList(entries: second.entries)).serializedBytes())
            // Re-selection put nobody back in the queue twice.
            let listed = await registry.currentState.cases.values.filter { $0.status == .listed }.count
            #expect(listed == 5)
            #expect(await registry.currentState.listVersions["l1"]?.map(\.version) == [1, 2])
        }
    }

    @Test func reselectingADraftReturnsTheCasesNoLongerSelected() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            try await ListWorld.register(registry, "c-01")
            try await ListWorld.register(registry, "c-02")
            _ = try await ListWorld.create(registry, quota: 2)
            try await ListWorld.select(registry)
            var urgent = Case(id: "c-03", siteID: "douma-hospital", ageMonths: 40, sex: .male, precedence: .urgent, consentGiven: true)
            urgent.conditions = [.trauma]
            _ = try await registry.registerCase(urgent, personal: nil, actor: registrar)
            let again = try #require(try await ListWorld.select(registry).list)
            #expect(again.activeCaseIDs == ["c-03", "c-01"])
            #expect(await ListWorld.status(registry, "c-02") == .waiting)
            #expect(await ListWorld.status(registry, "c-03") == .listed)
            let diff = try await registry.diffList(listID: "l1", fromVersion: 1, toVersion: 2)
            #expect(diff.changes.map(\.change) == ["ADDED", "MOVED", "REMOVED"])
            #expect(diff.changes.map(\.caseID) == ["c-03", "c-01", "c-02"])
        }
    }

    @Test func rulesLeaveCasesOutNamingTheRuleAndItsParty() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            _ = try await registry.imposeRule(EligibilityRule(
                id: "no-men-15-55", imposedBy: "gov", description: "males aged 15 to 55 are excluded", effect: .exclude,
                sex: .male, hasAgeRange: true, minAgeMonths: 180, maxAgeMonths: 660
            ), actor: registrar)
            try await ListWorld.register(registry, "c-01", ageMonths: 300, sex: .male)
            try await ListWorld.register(registry, "c-02", ageMonths: 300, consent: false)
            try await ListWorld.register(registry, "c-03", ageMonths: 300)
            _ = try await ListWorld.create(registry, rules: ["no-men-15-55"])
            let response = try await ListWorld.select(registry)
            #expect(response.list?.activeCaseIDs == ["c-03"])
            #expect(response.leftOut == [
                LeftOutCase(caseID: "c-01", ruleID: "no-men-15-55", imposedBy: "gov",
                            reason: "excluded by rule no-men-15-55 (imposed by gov): males aged 15 to 55 are excluded"),
                LeftOutCase(caseID: "c-02", reason: "consent not given"),
            ])
            #expect(response.leftOutCounts == [
                LeftOutCount(reason: "consent not given", count: 1),
                LeftOutCount(reason: "rule no-men-15-55 (imposed by gov)", count: 1, ruleID: "no-men-15-55", imposedBy: "gov"),
            ])
            let now = try await registry.leftOut(listID: "l1")
            #expect(now.leftOutCounts == response.leftOutCounts)
            #expect(now.leftOut == response.leftOut)
            #expect(now.considered == 3 && now.leftOutTotal == 2)
        }
    }

    @Test func theLeftOutReportPages() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            for index in 1...9 { try await ListWorld.register(registry, "c-0\(index)") }
            _ = try await ListWorld.create(registry, quota: 2)
            let response = try await ListWorld.select(registry)
            #expect(response.leftOutTotal == 7)
            let page = try await registry.leftOut(listID: "l1", limit: 3, offset: 2)
            #expect(page.leftOut.map(\.rank) == [5, 6, 7])
            #expect(page.leftOutTotal == 7)
            #expect(page.leftOut == Array(response.leftOut[2..<5]))
            let error = try await #require(throws: RegistryError.self) { try await registry.leftOut(listID: "l1", limit: 20_000) }
            #expect(error.fields == ["limit"])
            let missing = try await #require(throws: RegistryError.self) { try await registry.leftOut(listID: "nope") }
            #expect(missing.code == .notFound)
        }
    }

    @Test func theAnswerCarriesAtMostAThousandLeftOutRowsAndLeftOutPagesTheRest() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            // 1500 waiting cases, registered 200 to a command (ids in registration order).
            let registered = (1...1500).map { index -> EventKind in
                let number = String(index)
                let id = "c-" + String(repeating: "0", count: 4 - number.count) + number
                return .caseRegistered(CaseRegistered(case: Case(
                    id: id, siteID: "douma-shelter", ageMonths: 400, sex: .female, precedence: index.isMultiple(of: 100) ? .urgent : .routine,
                    conditions: [.cancer], consentGiven: !index.isMultiple(of: 250), registeredAtMs: 1_790_000_000_000 + UInt64(index),
                    originSiteID: "douma-shelter"
                ), personal: nil))
            }
            for start in stride(from: 0, to: registered.count, by: 200) {
                try await registry.commit(Array(registered[start..<min(start + 200, registered.count)]), actor: registrar)
            }
            _ = try await ListWorld.create(registry, quota: 20)
            let response = try await ListWorld.select(registry)
            #expect(response.considered == 1500)
            #expect(response.leftOutTotal == 1480)
            #expect(response.leftOut.count == 1000)
            #expect(response.list?.entries.prefix(12).allSatisfy { $0.explanation.hasPrefix("URGENT") } == true)
            // Consent first (6 cases), then by rank from 21.
            #expect(response.leftOut.prefix(6).map(\.reason) == Array(repeating: "consent not given", count: 6))
            #expect(response.leftOut[6].rank == 21)
            #expect(response.leftOutCounts == [LeftOutCount(reason: "consent not given", count: 6), LeftOutCount(reason: "quota filled", count: 1474)])
            var all: [LeftOutCase] = []
            while all.count < 1480 {
                let page = try await registry.leftOut(listID: "l1", limit: 400, offset: UInt32(all.count))
                #expect(page.leftOutTotal == 1480)
                if page.leftOut.isEmpty { break }
                all += page.leftOut
            }
            #expect(all.count == 1480)
            #expect(Array(all.prefix(1000)) == response.leftOut)
            #expect(all.last?.rank == 1494)
        }
    }

    @Test func companionsAreListedWithTheirCase() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            try await ListWorld.register(registry, "mother", ageMonths: 360)
            try await ListWorld.register(registry, "child", precedence: .urgent, ageMonths: 30, companions: ["mother"])
            try await ListWorld.register(registry, "c-03")
            _ = try await ListWorld.create(registry, quota: 2, companionsCount: true)
            let list = try #require(try await ListWorld.select(registry).list)
            #expect(list.activeCaseIDs == ["child"])
            #expect(list.entries[0].companionIDs == ["mother"])
            #expect(list.entries[0].explanation.contains("with companion mother"))
            #expect(await ListWorld.status(registry, "mother") == .listed)
            #expect(try await registry.getList("l1").placesTaken == 2)
        }
    }

    @Test func refusals() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            try await ListWorld.register(registry, "c-01")
            _ = try await ListWorld.create(registry)
            let unknown = try await #require(throws: RegistryError.self) {
                try await registry.selectList(listID: "l1", policyVersion: "priority-v9", asOf: "2026-13-01", actor: registrar)
            }
            #expect(unknown.code == .invalidArgument)
            #expect(unknown.fields == ["policy_version", "as_of"])
            #expect(unknown.fieldViolations[0].reason.contains("priority-v1"))
            let missing = try await #require(throws: RegistryError.self) { try await ListWorld.select(registry, "nope") }
            #expect(missing.code == .notFound)
            try await ListWorld.select(registry)
            _ = try await registry.submitList(listID: "l1", actor: registrar)
            let before = await registry.currentState
            let submitted = try await #require(throws: RegistryError.self) { try await ListWorld.select(registry) }
            #expect(submitted.code == .failedPrecondition)
            #expect(submitted.message.contains("is SUBMITTED") && submitted.message.contains("DRAFT"))
            #expect(await registry.currentState == before)
        }
    }
}

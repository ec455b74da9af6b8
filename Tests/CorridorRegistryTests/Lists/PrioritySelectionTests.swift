@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing
import CorridorTestSupport

/// The priority selection as a pure function: each criterion of the order,
/// consent, rules with the imposing party, companions, quota, determinism.
@Suite struct PrioritySelectionTests {
    let asOf: Int64 = 20_041

    func select(_ cases: [Case], quota: UInt32 = 10, rules: [EligibilityRule] = [], companionsCount: Bool = false) -> PrioritySelection.Outcome {
        PrioritySelection(quota: quota, companionsCount: companionsCount, rules: rules, asOfDay: asOf).run(candidates: cases)
    }

    @Test func precedenceComesFirst() {
        let outcome = select([
            candidate("a", precedence: .routine), candidate("b", precedence: .priority),
            candidate("c", precedence: .urgentSurgical), candidate("d", precedence: .urgent),
        ])
        #expect(outcome.entries.map(\.caseID) == ["d", "c", "b", "a"])
        #expect(outcome.entries.map(\.rank) == [1, 2, 3, 4])
    }

    @Test func thenVulnerabilityInfantChildElderlyPregnantNone() {
        let outcome = select([
            candidate("none", ageMonths: 400), candidate("pregnant", ageMonths: 300, pregnant: true),
            candidate("elderly", ageMonths: 840), candidate("child", ageMonths: 108), candidate("infant", ageMonths: 6),
            candidate("urgent-adult", precedence: .urgent, ageMonths: 400),
        ])
        #expect(outcome.entries.map(\.caseID) == ["urgent-adult", "infant", "child", "elderly", "pregnant", "none"])
    }

    @Test func vulnerabilityBoundaries() {
        #expect(PrioritySelection.vulnerability(candidate("x", ageMonths: 11)) == .infant)
        #expect(PrioritySelection.vulnerability(candidate("x", ageMonths: 12)) == .child)
        #expect(PrioritySelection.vulnerability(candidate("x", ageMonths: 215, pregnant: true)) == .child)
        #expect(PrioritySelection.vulnerability(candidate("x", ageMonths: 216)) == .none)
        #expect(PrioritySelection.vulnerability(candidate("x", ageMonths: 779)) == .none)
        #expect(PrioritySelection.vulnerability(candidate("x", ageMonths: 780)) == .elderly)
        #expect(PrioritySelection.vulnerability(candidate("x", ageMonths: 300, pregnant: true)) == .pregnant)
    }

    @Test func thenLongestWaitingThenID() {
        let outcome = select([
            candidate("b-late", day: 20_030), candidate("z-early", day: 20_000), candidate("b-mid", day: 20_010),
            candidate("a-mid", day: 20_010),
        ])
        #expect(outcome.entries.map(\.caseID) == ["z-early", "a-mid", "b-mid", "b-late"])
    }

    @Test func eachEntryExplainsItsRank() {
        let outcome = select([
            candidate("infant", precedence: .urgent, ageMonths: 6, day: asOf - 41),
            candidate("child", precedence: .urgentSurgical, ageMonths: 110, day: asOf - 1),
            candidate("elderly", precedence: .priority, ageMonths: 842, day: asOf),
            candidate("pregnant", ageMonths: 300, pregnant: true, day: asOf - 2),
            candidate("adult", ageMonths: 300, day: asOf - 3),
        ])
        #expect(outcome.entries.map(\.explanation) == [
            "URGENT; infant 6 months; waiting 41 days",
            "URGENT_SURGICAL; child 9 years; waiting 1 day",
            "PRIORITY; elderly 70 years; waiting 0 days",
            "ROUTINE; pregnant; waiting 2 days",
            "ROUTINE; waiting 3 days",
        ])
    }

    @Test func theQuotaLeavesTheRestOutWithTheirRank() {
        let cases = (1...5).map { candidate("c\($0)", day: 20_000 + Int64($0)) }
        let outcome = select(cases, quota: 3)
        #expect(outcome.entries.map(\.caseID) == ["c1", "c2", "c3"])
        #expect(outcome.leftOutTotal == 2)
        #expect(outcome.leftOut() == [
            LeftOutCase(caseID: "c4", rank: 4, reason: "rank 4; quota of 3 filled"),
            LeftOutCase(caseID: "c5", rank: 5, reason: "rank 5; quota of 3 filled"),
        ])
        #expect(outcome.leftOut(offset: 1, limit: 5).map(\.caseID) == ["c5"])
        #expect(outcome.leftOut(offset: 2).isEmpty)
    }

    @Test func noConsentAndTheFirstExcludingRuleLeaveCasesOutFirstInTheReport() {
        let men = EligibilityRule(id: "no-men-15-55", imposedBy: "gov", description: "males aged 15 to 55 are excluded", effect: .exclude,
                                  sex: .male, hasAgeRange: true, minAgeMonths: 180, maxAgeMonths: 660)
        let urgentOnly = EligibilityRule(id: "urgent-only", imposedBy: "jaish", description: "only urgent cases", effect: .includeOnly,
                                         precedences: [.urgent])
        let outcome = select([
            candidate("man", precedence: .urgent, ageMonths: 300, sex: .male),
            candidate("boy", precedence: .urgent, ageMonths: 120, sex: .male),
            candidate("routine", precedence: .routine),
            candidate("refuses", precedence: .urgent, consent: false),
            candidate("old-man", precedence: .routine, ageMonths: 700, sex: .male),
        ], quota: 1, rules: [men, urgentOnly])
        #expect(outcome.entries.map(\.caseID) == ["boy"])
        let report = outcome.leftOut()
        #expect(report.map(\.caseID) == ["man", "refuses", "old-man", "routine"])
        #expect(report[0] == LeftOutCase(caseID: "man", ruleID: "no-men-15-55", imposedBy: "gov",
                                        reason: "excluded by rule no-men-15-55 (imposed by gov): males aged 15 to 55 are excluded"))
        #expect(report[1] == LeftOutCase(caseID: "refuses", reason: "consent not given"))
        #expect(report[2].ruleID == "urgent-only" && report[2].imposedBy == "jaish")
        #expect(outcome.leftOutCounts().map(\.count) == [1, 1, 2])
    }

    @Test func aLiftedRuleAppliesToNothing() {
        var rule = EligibilityRule(id: "no-men", imposedBy: "gov", description: "no men", effect: .exclude, sex: .male)
        rule.lifted = true
        let outcome = select([candidate("man", sex: .male)], rules: [rule])
        #expect(outcome.entries.map(\.caseID) == ["man"])
    }

    @Test func companionsMatchLetsTheMotherOfAMatchingChildThrough() {
        let rule = EligibilityRule(id: "children-and-mothers", imposedBy: "gov", description: "children and their mothers only",
                                   effect: .includeOnly, hasAgeRange: true, minAgeMonths: 0, maxAgeMonths: 215, companionsMatch: true)
        let outcome = select([
            candidate("child", ageMonths: 60, companions: ["mother"]), candidate("mother", ageMonths: 360), candidate("stranger", ageMonths: 360),
        ], rules: [rule])
        #expect(outcome.entries.map(\.caseID) == ["child"])
        #expect(outcome.entries[0].companionIDs == ["mother"])
        #expect(outcome.selectedCaseIDs == ["child", "mother"])
        #expect(outcome.leftOut().map(\.caseID) == ["stranger"])
    }

    @Test func aCompanionTravelsWithItsCaseAndIsNotSelectedAgainOnItsOwn() {
        let outcome = select([
            candidate("child", precedence: .urgent, ageMonths: 60, companions: ["mother", "gone", "refuses"]),
            candidate("mother", ageMonths: 360), candidate("refuses", ageMonths: 360, consent: false), candidate("other"),
        ], quota: 2)
        #expect(outcome.entries.map(\.caseID) == ["child", "other"])
        #expect(outcome.entries[0].companionIDs == ["mother"])
        #expect(outcome.entries[0].explanation.hasPrefix("URGENT; child 5 years; waiting 41 days; with companion mother"))
        #expect(outcome.entries[0].explanation.contains("companion gone not taken: not waiting at the origin"))
        #expect(outcome.entries[0].explanation.contains("companion refuses not taken: consent not given"))
        #expect(outcome.leftOut().map(\.caseID) == ["refuses"])
    }

    @Test func whenCompanionsCountAnEntryThatDoesNotFitIsLeftOutAndSmallerOnesStillFit() {
        let outcome = select([
            candidate("a", precedence: .urgent),
            candidate("family", precedence: .priority, ageMonths: 60, companions: ["m1", "m2"]),
            candidate("m1", ageMonths: 400, day: 20_030), candidate("m2", ageMonths: 400, day: 20_030),
            candidate("b", day: 20_001), candidate("c", day: 20_002),
        ], quota: 3, companionsCount: true)
        // a takes 1; the family needs 3 with 2 left; b and c fit.
        #expect(outcome.entries.map(\.caseID) == ["a", "b", "c"])
        let family = outcome.leftOut().first { $0.caseID == "family" }
        #expect(family?.reason == "rank 2; needs 3 places, 2 left")
        #expect(family?.rank == 2)
        #expect(outcome.placesUsed == 3)
    }

    @Test func whenCompanionsDoNotCountTheyTakeNoPlace() {
        let outcome = select([
            candidate("family", precedence: .urgent, ageMonths: 60, companions: ["m1", "m2"]),
            candidate("m1", day: 20_030), candidate("m2", day: 20_030), candidate("b", day: 20_001),
        ], quota: 2)
        #expect(outcome.entries.map(\.caseID) == ["family", "b"])
        #expect(outcome.entries[0].explanation.contains("with companions m1, m2"))
        #expect(outcome.leftOutTotal == 0)
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        var random = SeededGenerator(seed: 7)
        let cases = (0..<2000).map { index in
            candidate("c\(index)", precedence: [.urgent, .urgentSurgical, .priority, .routine][Int.random(in: 0..<4, using: &random)],
                      ageMonths: UInt32.random(in: 0...1000, using: &random), day: 19_000 + Int64.random(in: 0..<30, using: &random))
        }
        let first = select(cases, quota: 300)
        let second = select(cases.reversed(), quota: 300)
        let one = Corridor_V1_EvacuationList(EvacuationList(id: "l", entries: first.entries)).serializedBytes()
        let two = Corridor_V1_EvacuationList(EvacuationList(id: "l", entries: second.entries)).serializedBytes()
        #expect(one == two)
        #expect(first.leftOut() == second.leftOut())
    }

    /// Only the head of the order is sorted eagerly: the report must read as
    /// if everything had been, page by page and across the parts.
    @Test(arguments: [false, true])
    func theLeftOutReportIsInFullPriorityOrderAcrossPages(companionsCount: Bool) {
        var random = SeededGenerator(seed: 11)
        let cases = (0..<6000).map { index in
            candidate("c\(index)", precedence: [.urgent, .urgentSurgical, .priority, .routine][Int.random(in: 0..<4, using: &random)],
                      ageMonths: UInt32.random(in: 0...1000, using: &random), consent: Int.random(in: 0..<15, using: &random) != 0,
                      day: 19_000 + Int64.random(in: 0..<5, using: &random),
                      companions: index % 7 == 3 ? ["c\(Int.random(in: 0..<6000, using: &random))", "c\(index + 1)"].filter { $0 != "c\(index)" } : [])
        }
        let rule = EligibilityRule(id: "no-men", imposedBy: "gov", description: "no men", effect: .exclude, sex: .male, hasAgeRange: true, minAgeMonths: 200, maxAgeMonths: 300)
        let outcome = select(cases, quota: 50, rules: [rule], companionsCount: companionsCount)
        let report = outcome.leftOut()
        #expect(report.count == outcome.leftOutTotal)
        // Every case is either taken or left out, once.
        let listed = Set(outcome.selectedCaseIDs)
        #expect(listed.count == outcome.selectedCaseIDs.count)
        #expect(Set(report.map(\.caseID)).count == report.count)
        #expect(listed.isDisjoint(with: report.map(\.caseID)))
        #expect(listed.count + report.count == cases.count)
        // Excluded first, then ranks strictly rising, in the priority order.
        let firstRanked = try! #require(report.firstIndex { $0.rank > 0 })
        #expect(report[..<firstRanked].allSatisfy { $0.rank == 0 })
        let ranked = Array(report[firstRanked...])
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.rank < $1.rank })
        let byID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0) })
        func before(_ a: String, _ b: String) -> Bool {
            let (x, y) = (PrioritySelection.sortKey(byID[a]!), PrioritySelection.sortKey(byID[b]!))
            return x != y ? x < y : a < b
        }
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { before($0.caseID, $1.caseID) })
        #expect(zip(report[..<firstRanked], report[..<firstRanked].dropFirst()).allSatisfy { before($0.caseID, $1.caseID) })
        // Pages are slices of the whole.
        for (offset, limit) in [(0, 10), (firstRanked - 5, 10), (firstRanked + 2040, 100), (report.count - 3, 10), (report.count, 5)] {
            #expect(outcome.leftOut(offset: offset, limit: limit) == Array(report[offset..<min(report.count, offset + limit)]), "offset \(offset)")
        }
    }

    @Test func partialSortPutsTheSmallestFirstInOrder() {
        var random = SeededGenerator(seed: 3)
        for count in [0, 1, 2, 7, 100, 1000] {
            let keys = (0..<count).map { PrioritySelection.SortKey(key: UInt64.random(in: 0..<50, using: &random), idKey: 0, index: Int32($0)) }
            let less: (PrioritySelection.SortKey, PrioritySelection.SortKey) -> Bool = { ($0.key, $0.index) < ($1.key, $1.index) }
            let full = keys.sorted(by: less)
            for head in [0, 1, count / 10, count / 3, count] {
                var partial = keys
                PrioritySelection.partialSort(&partial, head, by: less)
                #expect(partial.prefix(head).map(\.index) == full.prefix(head).map(\.index), "\(count) \(head)")
                #expect(Set(partial.map(\.index)) == Set(keys.map(\.index)))
            }
        }
    }

    @Test func datesRoundTrip() {
        #expect(PrioritySelection.day(of: "1970-01-01") == 0)
        #expect(PrioritySelection.day(of: "2026-11-21") == 20_778)
        #expect(PrioritySelection.date(ofDay: 20_778) == "2026-11-21")
        #expect(PrioritySelection.date(ofDay: 19_782) == "2024-02-29")
        #expect(PrioritySelection.day(of: "2026-02-30") == nil)
    }
}

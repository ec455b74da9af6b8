@testable import CorridorRegistry
import CorridorModel
import Testing
import CorridorTestSupport

/// Selection tests rules on CaseFacts through CompiledRule, manifests on the
/// full Case through EligibilityRule: the two must never disagree.
@Suite struct CompiledRuleTests {
    @Test func compiledRulesAgreeWithTheRulesOnRandomCasesAndRules() {
        var random = SeededGenerator(seed: 20261121)
        let conditions = Case.Condition.allCases.filter { $0 != .unspecified }
        let precedences = Case.Precedence.allCases.filter { $0 != .unspecified }
        for _ in 0..<2_000 {
            let low = UInt32.random(in: 0...900, using: &random)
            let rule = EligibilityRule(
                id: "r", imposedBy: "gov", description: "random",
                effect: Bool.random(using: &random) ? .exclude : .includeOnly,
                sex: [.unspecified, .female, .male].randomElement(using: &random)!,
                hasAgeRange: Bool.random(using: &random), minAgeMonths: low, maxAgeMonths: low + UInt32.random(in: 0...600, using: &random),
                conditions: Array(conditions.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))),
                precedences: Array(precedences.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random))),
                pregnantOnly: Int.random(in: 0..<5, using: &random) == 0,
                lifted: Int.random(in: 0..<10, using: &random) == 0
            )
            let compiled = CompiledRule(rule)
            for _ in 0..<20 {
                let female = Bool.random(using: &random)
                let record = Case(
                    id: "C-1", siteID: "s", ageMonths: UInt32.random(in: 0...1_500, using: &random), sex: female ? .female : .male,
                    precedence: precedences.randomElement(using: &random)!,
                    conditions: Array(conditions.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))),
                    consentGiven: true, pregnant: female && Bool.random(using: &random)
                )
                let facts = CaseFacts(record)
                #expect(compiled.criteriaHold(for: facts) == rule.criteriaHold(for: record), "\(rule) on \(record)")
                #expect(compiled.excludes(facts) == rule.excludes(record), "\(rule) on \(record)")
            }
        }
    }
}

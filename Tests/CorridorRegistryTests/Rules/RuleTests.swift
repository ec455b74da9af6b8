@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

/// Eligibility rules: imposed by a party, lifted with a reason and kept on record.
@Suite struct RuleTests {
    static let menRule = EligibilityRule(
        id: "no-men-15-55", imposedBy: "gov", description: "males aged 15 to 55 are excluded", effect: .exclude,
        sex: .male, hasAgeRange: true, minAgeMonths: 180, maxAgeMonths: 660
    )

    @Test func aRuleIsImposedAndShown() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let rule = try await registry.imposeRule(Self.menRule, actor: registrar)
            #expect(rule == Self.menRule)
            #expect(try await registry.getRule("no-men-15-55") == Self.menRule)
            _ = try await registry.imposeRule(EligibilityRule(id: "urgent-only", imposedBy: "jaish", description: "urgent only", effect: .includeOnly, precedences: [.urgent]), actor: registrar)
            #expect(try await registry.listRules().map(\.id) == ["no-men-15-55", "urgent-only"])
            #expect(try await registry.listRules(imposedBy: "jaish").map(\.id) == ["urgent-only"])
            let missing = try await #require(throws: RegistryError.self) { try await registry.getRule("nope") }
            #expect(missing.code == .notFound)
        }
    }

    @Test func badRulesAreRefusedNamingEachField() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.imposeRule(EligibilityRule(
                    id: "Bad Rule", imposedBy: "nobody", description: " ", effect: .unspecified, hasAgeRange: true,
                    minAgeMonths: 600, maxAgeMonths: 100, conditions: [.unspecified]
                ), actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["rule.id", "rule.imposed_by", "rule.description", "rule.effect", "rule.min_age_months", "rule.conditions"])
            let none = try await #require(throws: RegistryError.self) { try await registry.imposeRule(nil, actor: registrar) }
            #expect(none.fields == ["rule"])
            let noParty = try await #require(throws: RegistryError.self) {
                try await registry.imposeRule(EligibilityRule(id: "r", description: "d", effect: .exclude), actor: registrar)
            }
            #expect(noParty.fields == ["rule.imposed_by"])
        }
    }

    @Test func aTakenIDIsRefused() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            _ = try await registry.imposeRule(Self.menRule, actor: registrar)
            let error = try await #require(throws: RegistryError.self) { try await registry.imposeRule(Self.menRule, actor: registrar) }
            #expect(error.code == .alreadyExists)
        }
    }

    @Test func liftingKeepsTheRuleOnRecordOnce() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            _ = try await registry.imposeRule(Self.menRule, actor: registrar)
            let noReason = try await #require(throws: RegistryError.self) { try await registry.liftRule(ruleID: "no-men-15-55", reason: "", actor: registrar) }
            #expect(noReason.fields == ["reason"])
            let lifted = try await registry.liftRule(ruleID: "no-men-15-55", reason: "agreement amended", actor: registrar)
            #expect(lifted.lifted && lifted.liftedReason == "agreement amended")
            #expect(try await registry.getRule("no-men-15-55").lifted)
            let twice = try await #require(throws: RegistryError.self) { try await registry.liftRule(ruleID: "no-men-15-55", reason: "again", actor: registrar) }
            #expect(twice.code == .failedPrecondition)
            let missing = try await #require(throws: RegistryError.self) { try await registry.liftRule(ruleID: "nope", reason: "x", actor: registrar) }
            #expect(missing.code == .notFound)
            let history = try await registry.history(of: "rule:no-men-15-55")
            #expect(history.count == 2)
            #expect(history.last?.event?.reason == "agreement amended")
        }
    }
}

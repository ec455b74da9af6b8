import CorridorModel

// The rules commands and queries.

extension Registry {
    public func imposeRule(_ proposed: EligibilityRule?, actor: Actor) async throws(RegistryError) -> EligibilityRule {
        let (events, rule) = try currentState.decideImposeRule(proposed)
        try await commit(events, actor: actor)
        return rule
    }

    public func liftRule(ruleID: String, reason: String, actor: Actor) async throws(RegistryError) -> EligibilityRule {
        let (events, rule) = try currentState.decideLiftRule(ruleID: ruleID, reason: reason)
        try await commit(events, actor: actor, reason: reason)
        return rule
    }

    public func getRule(_ id: String) async throws(RegistryError) -> EligibilityRule {
        guard let rule = try await readDurably({ $0.rules[id] }) else {
            throw RegistryError.notFound("no rule with id \"\(id)\"")
        }
        return rule
    }

    /// Rules by id, optionally those one party imposed.
    public func listRules(imposedBy: String = "") async throws(RegistryError) -> [EligibilityRule] {
        return try await readDurably { state throws(RegistryError) in
            return state.rules.values
                .filter { imposedBy.isEmpty || $0.imposedBy == imposedBy }
                .sorted { $0.id < $1.id }
        }
    }
}

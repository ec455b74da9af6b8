import CorridorModel
import CorridorWire

// The rules commands and queries.

extension Registry {
    public func imposeRule(_ request: ImposeRuleRequest, actor: Actor) async throws(RegistryError) -> EligibilityRule {
        let (events, rule) = try currentState.decideImposeRule(request.rule)
        try await commit(events, actor: actor)
        return rule
    }

    public func liftRule(_ request: LiftRuleRequest, actor: Actor) async throws(RegistryError) -> EligibilityRule {
        let (events, rule) = try currentState.decideLiftRule(request)
        try await commit(events, actor: actor, reason: request.reason)
        return rule
    }

    public func getRule(_ request: GetRequest) async throws(RegistryError) -> EligibilityRule {
        guard let rule = try await durableState().rules[request.id] else {
            throw RegistryError.notFound("no rule with id \"\(request.id)\"")
        }
        return rule
    }

    public func listRules(_ request: ListRulesRequest) async throws(RegistryError) -> ListRulesResponse {
        let state = try await durableState()
        let rules = state.rules.values
            .filter { request.imposedBy.isEmpty || $0.imposedBy == request.imposedBy }
            .sorted { $0.id < $1.id }
        return ListRulesResponse(rules: rules)
    }
}

import CorridorModel
import CorridorWire

// The rules commands and queries.

extension Registry {
    public func imposeRule(_ request: ImposeRuleRequest, actor: Actor) async throws(RPCError) -> EligibilityRule {
        throw RPCError(.unimplemented, "ImposeRule is not implemented yet")
    }

    public func liftRule(_ request: LiftRuleRequest, actor: Actor) async throws(RPCError) -> EligibilityRule {
        throw RPCError(.unimplemented, "LiftRule is not implemented yet")
    }

    public func getRule(_ request: GetRequest) async throws(RPCError) -> EligibilityRule {
        throw RPCError(.unimplemented, "GetRule is not implemented yet")
    }

    public func listRules(_ request: ListRulesRequest) async throws(RPCError) -> ListRulesResponse {
        throw RPCError(.unimplemented, "ListRules is not implemented yet")
    }
}

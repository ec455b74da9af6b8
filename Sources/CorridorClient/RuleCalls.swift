import CorridorWire

// Typed calls of the Registry service: rules (proto/corridor/v1/registry.proto).

extension CorridorClient {
    public func imposeRule(_ request: ImposeRuleRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EligibilityRule {
        try await unary("/corridor.v1.Registry/ImposeRule", request, timeout: timeout)
    }

    public func liftRule(_ request: LiftRuleRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EligibilityRule {
        try await unary("/corridor.v1.Registry/LiftRule", request, timeout: timeout)
    }

    public func getRule(_ request: GetRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EligibilityRule {
        try await unary("/corridor.v1.Registry/GetRule", request, timeout: timeout)
    }

    public func listRules(_ request: ListRulesRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> ListRulesResponse {
        try await unary("/corridor.v1.Registry/ListRules", request, timeout: timeout)
    }
}

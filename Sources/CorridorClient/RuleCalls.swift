import CorridorWire

// Typed calls of the Registry service: rules (proto/corridor/v1/registry.proto).
// Each takes the generated request and goes through its generated RPCMethod;
// the result is the model value (mapped by CorridorWire/Mapping) where the model has
// one, else the generated response.

extension CorridorClient {
    public func imposeRule(_ request: Corridor_V1_ImposeRuleRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EligibilityRule {
        let reply = try await unary(Corridor_V1_Registry.imposeRule, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try EligibilityRule(proto: reply) }
    }

    public func liftRule(_ request: Corridor_V1_LiftRuleRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EligibilityRule {
        let reply = try await unary(Corridor_V1_Registry.liftRule, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try EligibilityRule(proto: reply) }
    }

    public func getRule(_ request: Corridor_V1_GetRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EligibilityRule {
        let reply = try await unary(Corridor_V1_Registry.getRule, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try EligibilityRule(proto: reply) }
    }

    public func listRules(_ request: Corridor_V1_ListRulesRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Corridor_V1_ListRulesResponse {
        try await unary(Corridor_V1_Registry.listRules, request, timeout: timeout)
    }
}

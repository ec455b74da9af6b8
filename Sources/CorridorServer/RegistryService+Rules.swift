import CorridorModel
import CorridorRegistry
import CorridorWire

// The rules methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerRules(_ registry: Registry, on router: inout MethodRouter) {
        let rpc = Corridor_V1_Registry.self
        router.register(rpc.imposeRule) { request, context in
            let rule = try request.rule.map { try EligibilityRule(proto: $0) }
            return Corridor_V1_EligibilityRule(try await registry.imposeRule(rule, actor: context.actor))
        }
        router.register(rpc.liftRule) { request, context in
            Corridor_V1_EligibilityRule(try await registry.liftRule(ruleID: request.ruleID, reason: request.reason, actor: context.actor))
        }
        router.register(rpc.getRule) { request, _ in
            Corridor_V1_EligibilityRule(try await registry.getRule(request.id))
        }
        router.register(rpc.listRules) { request, _ in
            Corridor_V1_ListRulesResponse(rules: try await registry.listRules(imposedBy: request.imposedBy).map(Corridor_V1_EligibilityRule.init))
        }
    }
}

import CorridorModel
import CorridorRegistry
import CorridorWire

// The rules methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerRules(_ registry: Registry, on router: inout MethodRouter) {
        let prefix = "/corridor.v1.Registry/"
        router.registerUnary(prefix + "ImposeRule") { (request: ImposeRuleRequest, context) in
            try await registry.imposeRule(request.rule, actor: context.actor)
        }
        router.registerUnary(prefix + "LiftRule") { (request: LiftRuleRequest, context) in
            try await registry.liftRule(ruleID: request.ruleID, reason: request.reason, actor: context.actor)
        }
        router.registerUnary(prefix + "GetRule") { (request: GetRequest, _) in
            try await registry.getRule(request.id)
        }
        router.registerUnary(prefix + "ListRules") { (request: ListRulesRequest, _) in
            ListRulesResponse(rules: try await registry.listRules(imposedBy: request.imposedBy))
        }
    }
}

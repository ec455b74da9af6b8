// RuleImposed ⇄ Corridor_V1_RuleImposed: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_RuleImposed {
    public init(_ model: CorridorModel.RuleImposed) {
        self.init(
            rule: model.rule.map(Corridor_V1_EligibilityRule.init)
        )
    }
}

extension CorridorModel.RuleImposed {
    public init(proto: Corridor_V1_RuleImposed) throws(MappingError) {
        self.init(
            rule: try proto.rule.map { value throws(MappingError) in try CorridorModel.EligibilityRule(proto: value) }
        )
    }
}

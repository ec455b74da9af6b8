// EligibilityRule ⇄ Corridor_V1_EligibilityRule: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_EligibilityRule {
    public init(_ model: CorridorModel.EligibilityRule) {
        self.init(
            id: model.id,
            imposedBy: model.imposedBy,
            description: model.description,
            effect: Corridor_V1_EligibilityRule.Effect(model.effect),
            sex: Corridor_V1_Case.Sex(model.sex),
            hasAgeRange: model.hasAgeRange,
            minAgeMonths: model.minAgeMonths,
            maxAgeMonths: model.maxAgeMonths,
            conditions: model.conditions.map(Corridor_V1_Case.Condition.init),
            precedences: model.precedences.map(Corridor_V1_Case.Precedence.init),
            pregnantOnly: model.pregnantOnly,
            companionsMatch: model.companionsMatch,
            lifted: model.lifted,
            liftedReason: model.liftedReason
        )
    }
}

extension CorridorModel.EligibilityRule {
    public init(proto: Corridor_V1_EligibilityRule) throws(MappingError) {
        self.init(
            id: proto.id,
            imposedBy: proto.imposedBy,
            description: proto.description,
            effect: try CorridorModel.EligibilityRule.Effect(proto: proto.effect, field: "corridor.v1.EligibilityRule.effect"),
            sex: try CorridorModel.Case.Sex(proto: proto.sex, field: "corridor.v1.EligibilityRule.sex"),
            hasAgeRange: proto.hasAgeRange,
            minAgeMonths: proto.minAgeMonths,
            maxAgeMonths: proto.maxAgeMonths,
            conditions: try proto.conditions.map { value throws(MappingError) in try CorridorModel.Case.Condition(proto: value, field: "corridor.v1.EligibilityRule.conditions") },
            precedences: try proto.precedences.map { value throws(MappingError) in try CorridorModel.Case.Precedence(proto: value, field: "corridor.v1.EligibilityRule.precedences") },
            pregnantOnly: proto.pregnantOnly,
            companionsMatch: proto.companionsMatch,
            lifted: proto.lifted,
            liftedReason: proto.liftedReason
        )
    }
}

extension Corridor_V1_EligibilityRule.Effect {
    public init(_ model: CorridorModel.EligibilityRule.Effect) {
        switch model {
        case .unspecified: self = .unspecified
        case .exclude: self = .exclude
        case .includeOnly: self = .includeOnly
        }
    }
}

extension CorridorModel.EligibilityRule.Effect {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: Corridor_V1_EligibilityRule.Effect, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .exclude: self = .exclude
        case .includeOnly: self = .includeOnly
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Effect this build knows")
        }
    }
}

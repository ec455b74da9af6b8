// Case ⇄ Corridor_V1_Case: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_Case {
    public init(_ model: CorridorModel.Case) {
        self.init(
            id: model.id,
            siteID: model.siteID,
            ageMonths: model.ageMonths,
            sex: Corridor_V1_Case.Sex(model.sex),
            precedence: Corridor_V1_Case.Precedence(model.precedence),
            conditions: model.conditions.map(Corridor_V1_Case.Condition.init),
            needs: model.needs.map(Corridor_V1_Case.Need.init),
            consentGiven: model.consentGiven,
            companionIDs: model.companionIDs,
            pregnant: model.pregnant,
            status: Corridor_V1_Case.Status(model.status),
            registeredAtMs: model.registeredAtMs,
            statusReason: model.statusReason,
            statusDate: model.statusDate,
            originSiteID: model.originSiteID,
            fieldRegisteredOn: model.fieldRegisteredOn
        )
    }
}

extension CorridorModel.Case {
    public init(proto: __shared Corridor_V1_Case) throws(MappingError) {
        self.init(
            id: proto.id,
            siteID: proto.siteID,
            ageMonths: proto.ageMonths,
            sex: try CorridorModel.Case.Sex(proto: proto.sex, field: "corridor.v1.Case.sex"),
            precedence: try CorridorModel.Case.Precedence(proto: proto.precedence, field: "corridor.v1.Case.precedence"),
            conditions: try proto.conditions.map { value throws(MappingError) in try CorridorModel.Case.Condition(proto: value, field: "corridor.v1.Case.conditions") },
            needs: try proto.needs.map { value throws(MappingError) in try CorridorModel.Case.Need(proto: value, field: "corridor.v1.Case.needs") },
            consentGiven: proto.consentGiven,
            companionIDs: proto.companionIDs,
            pregnant: proto.pregnant,
            status: try CorridorModel.Case.Status(proto: proto.status, field: "corridor.v1.Case.status"),
            registeredAtMs: proto.registeredAtMs,
            statusReason: proto.statusReason,
            statusDate: proto.statusDate,
            originSiteID: proto.originSiteID,
            fieldRegisteredOn: proto.fieldRegisteredOn
        )
    }
}

extension Corridor_V1_Case.Sex {
    public init(_ model: CorridorModel.Case.Sex) {
        switch model {
        case .unspecified: self = .unspecified
        case .female: self = .female
        case .male: self = .male
        }
    }
}

extension CorridorModel.Case.Sex {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Case.Sex, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .female: self = .female
        case .male: self = .male
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Sex this build knows")
        }
    }
}

extension Corridor_V1_Case.Precedence {
    public init(_ model: CorridorModel.Case.Precedence) {
        switch model {
        case .unspecified: self = .unspecified
        case .urgent: self = .urgent
        case .urgentSurgical: self = .urgentSurgical
        case .priority: self = .priority
        case .routine: self = .routine
        }
    }
}

extension CorridorModel.Case.Precedence {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Case.Precedence, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .urgent: self = .urgent
        case .urgentSurgical: self = .urgentSurgical
        case .priority: self = .priority
        case .routine: self = .routine
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Precedence this build knows")
        }
    }
}

extension Corridor_V1_Case.Condition {
    public init(_ model: CorridorModel.Case.Condition) {
        switch model {
        case .unspecified: self = .unspecified
        case .cancer: self = .cancer
        case .kidneyFailure: self = .kidneyFailure
        case .heartDisease: self = .heartDisease
        case .bloodDisease: self = .bloodDisease
        case .needsSurgery: self = .needsSurgery
        case .trauma: self = .trauma
        case .malnutrition: self = .malnutrition
        case .other: self = .otherCondition  // OTHER_CONDITION: the names differ, the value is the same
        }
    }
}

extension CorridorModel.Case.Condition {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Case.Condition, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .cancer: self = .cancer
        case .kidneyFailure: self = .kidneyFailure
        case .heartDisease: self = .heartDisease
        case .bloodDisease: self = .bloodDisease
        case .needsSurgery: self = .needsSurgery
        case .trauma: self = .trauma
        case .malnutrition: self = .malnutrition
        case .otherCondition: self = .other  // OTHER_CONDITION
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Condition this build knows")
        }
    }
}

extension Corridor_V1_Case.Need {
    public init(_ model: CorridorModel.Case.Need) {
        switch model {
        case .unspecified: self = .unspecified
        case .stretcher: self = .stretcher
        case .wheelchair: self = .wheelchair
        case .oxygen: self = .oxygen
        case .dialysis: self = .dialysis
        case .incubator: self = .incubator
        }
    }
}

extension CorridorModel.Case.Need {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Case.Need, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .stretcher: self = .stretcher
        case .wheelchair: self = .wheelchair
        case .oxygen: self = .oxygen
        case .dialysis: self = .dialysis
        case .incubator: self = .incubator
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Need this build knows")
        }
    }
}

extension Corridor_V1_Case.Status {
    public init(_ model: CorridorModel.Case.Status) {
        switch model {
        case .unspecified: self = .unspecified
        case .waiting: self = .waiting
        case .listed: self = .listed
        case .scheduled: self = .scheduled
        case .inTransit: self = .inTransit
        case .evacuated: self = .evacuated
        case .deceased: self = .deceased
        case .withdrawn: self = .withdrawn
        }
    }
}

extension CorridorModel.Case.Status {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Case.Status, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .waiting: self = .waiting
        case .listed: self = .listed
        case .scheduled: self = .scheduled
        case .inTransit: self = .inTransit
        case .evacuated: self = .evacuated
        case .deceased: self = .deceased
        case .withdrawn: self = .withdrawn
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Status this build knows")
        }
    }
}

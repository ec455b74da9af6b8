// Agreement ⇄ Corridor_V1_Agreement: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_Agreement {
    public init(_ model: CorridorModel.Agreement) {
        self.init(
            id: model.id,
            title: model.title,
            parties: model.parties.map(Corridor_V1_Agreement.PartyRole.init),
            terms: model.terms.map(Corridor_V1_Agreement.Term.init),
            agreedOn: model.agreedOn,
            implementationStartedOn: model.implementationStartedOn,
            status: Corridor_V1_Agreement.Status(model.status),
            statusReason: model.statusReason
        )
    }
}

extension CorridorModel.Agreement {
    public init(proto: __shared Corridor_V1_Agreement) throws(MappingError) {
        self.init(
            id: proto.id,
            title: proto.title,
            parties: try proto.parties.map { value throws(MappingError) in try CorridorModel.Agreement.PartyRole(proto: value) },
            terms: try proto.terms.map { value throws(MappingError) in try CorridorModel.Agreement.Term(proto: value) },
            agreedOn: proto.agreedOn,
            implementationStartedOn: proto.implementationStartedOn,
            status: try CorridorModel.Agreement.Status(proto: proto.status, field: "corridor.v1.Agreement.status"),
            statusReason: proto.statusReason
        )
    }
}

extension Corridor_V1_Agreement.Status {
    public init(_ model: CorridorModel.Agreement.Status) {
        switch model {
        case .unspecified: self = .unspecified
        case .negotiating: self = .negotiating
        case .agreed: self = .agreed
        case .implementing: self = .implementing
        case .completed: self = .completed
        case .suspended: self = .suspended
        case .collapsed: self = .collapsed
        }
    }
}

extension CorridorModel.Agreement.Status {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Agreement.Status, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .negotiating: self = .negotiating
        case .agreed: self = .agreed
        case .implementing: self = .implementing
        case .completed: self = .completed
        case .suspended: self = .suspended
        case .collapsed: self = .collapsed
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Status this build knows")
        }
    }
}

extension Corridor_V1_Agreement.Role {
    public init(_ model: CorridorModel.Agreement.Role) {
        switch model {
        case .unspecified: self = .unspecified
        case .party: self = .party
        case .mediator: self = .mediator
        case .facilitator: self = .facilitator
        case .guarantor: self = .guarantor
        case .monitor: self = .monitor
        }
    }
}

extension CorridorModel.Agreement.Role {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Agreement.Role, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .party: self = .party
        case .mediator: self = .mediator
        case .facilitator: self = .facilitator
        case .guarantor: self = .guarantor
        case .monitor: self = .monitor
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Role this build knows")
        }
    }
}

extension Corridor_V1_Agreement.Measure {
    public init(_ model: CorridorModel.Agreement.Measure) {
        switch model {
        case .unspecified: self = .unspecified
        case .evacuations: self = .evacuations
        case .detaineeReleases: self = .detaineeReleases
        case .otherCount: self = .otherCount
        }
    }
}

extension CorridorModel.Agreement.Measure {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Agreement.Measure, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .evacuations: self = .evacuations
        case .detaineeReleases: self = .detaineeReleases
        case .otherCount: self = .otherCount
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Measure this build knows")
        }
    }
}

extension Corridor_V1_Agreement.Counting {
    public init(_ model: CorridorModel.Agreement.Counting) {
        switch model {
        case .unspecified: self = .unspecified
        case .cases: self = .cases
        case .people: self = .people
        }
    }
}

extension CorridorModel.Agreement.Counting {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Agreement.Counting, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .cases: self = .cases
        case .people: self = .people
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Counting this build knows")
        }
    }
}

extension Corridor_V1_Agreement.PartyRole {
    public init(_ model: CorridorModel.Agreement.PartyRole) {
        self.init(
            partyID: model.partyID,
            role: Corridor_V1_Agreement.Role(model.role)
        )
    }
}

extension CorridorModel.Agreement.PartyRole {
    public init(proto: __shared Corridor_V1_Agreement.PartyRole) throws(MappingError) {
        self.init(
            partyID: proto.partyID,
            role: try CorridorModel.Agreement.Role(proto: proto.role, field: "corridor.v1.Agreement.PartyRole.role")
        )
    }
}

extension Corridor_V1_Agreement.Term {
    public init(_ model: CorridorModel.Agreement.Term) {
        self.init(
            id: model.id,
            description: model.description,
            obligorID: model.obligorID,
            measure: Corridor_V1_Agreement.Measure(model.measure),
            target: model.target,
            listID: model.listID,
            fulfilled: model.fulfilled,
            counting: Corridor_V1_Agreement.Counting(model.counting)
        )
    }
}

extension CorridorModel.Agreement.Term {
    public init(proto: __shared Corridor_V1_Agreement.Term) throws(MappingError) {
        self.init(
            id: proto.id,
            description: proto.description,
            obligorID: proto.obligorID,
            measure: try CorridorModel.Agreement.Measure(proto: proto.measure, field: "corridor.v1.Agreement.Term.measure"),
            target: proto.target,
            listID: proto.listID,
            fulfilled: proto.fulfilled,
            counting: try CorridorModel.Agreement.Counting(proto: proto.counting, field: "corridor.v1.Agreement.Term.counting")
        )
    }
}

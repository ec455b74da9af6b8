// Site ⇄ Corridor_V1_Site: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_Site {
    public init(_ model: CorridorModel.Site) {
        self.init(
            id: model.id,
            name: model.name,
            kind: Corridor_V1_Site.Kind(model.kind),
            parentID: model.parentID,
            controlledBy: model.controlledBy,
            besiegedBy: model.besiegedBy,
            besiegedSince: model.besiegedSince,
            designations: model.designations,
            crossingStatus: Corridor_V1_Site.CrossingStatus(model.crossingStatus)
        )
    }
}

extension CorridorModel.Site {
    public init(proto: __shared Corridor_V1_Site) throws(MappingError) {
        self.init(
            id: proto.id,
            name: proto.name,
            kind: try CorridorModel.Site.Kind(proto: proto.kind, field: "corridor.v1.Site.kind"),
            parentID: proto.parentID,
            controlledBy: proto.controlledBy,
            besiegedBy: proto.besiegedBy,
            besiegedSince: proto.besiegedSince,
            designations: proto.designations,
            crossingStatus: try CorridorModel.Site.CrossingStatus(proto: proto.crossingStatus, field: "corridor.v1.Site.crossing_status")
        )
    }
}

extension Corridor_V1_Site.Kind {
    public init(_ model: CorridorModel.Site.Kind) {
        switch model {
        case .unspecified: self = .unspecified
        case .enclave: self = .enclave
        case .city: self = .city
        case .district: self = .district
        case .crossing: self = .crossing
        case .hospital: self = .hospital
        case .shelter: self = .shelter
        case .camp: self = .camp
        case .prison: self = .prison
        case .governorate: self = .governorate
        case .town: self = .town
        case .checkpoint: self = .checkpoint
        }
    }
}

extension CorridorModel.Site.Kind {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Site.Kind, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .enclave: self = .enclave
        case .city: self = .city
        case .district: self = .district
        case .crossing: self = .crossing
        case .hospital: self = .hospital
        case .shelter: self = .shelter
        case .camp: self = .camp
        case .prison: self = .prison
        case .governorate: self = .governorate
        case .town: self = .town
        case .checkpoint: self = .checkpoint
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Kind this build knows")
        }
    }
}

extension Corridor_V1_Site.CrossingStatus {
    public init(_ model: CorridorModel.Site.CrossingStatus) {
        switch model {
        case .unspecified: self = .unspecified
        case .`open`: self = .`open`
        case .restricted: self = .restricted
        case .closed: self = .closed
        }
    }
}

extension CorridorModel.Site.CrossingStatus {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Site.CrossingStatus, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .`open`: self = .`open`
        case .restricted: self = .restricted
        case .closed: self = .closed
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a CrossingStatus this build knows")
        }
    }
}

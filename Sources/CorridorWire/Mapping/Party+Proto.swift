// Party ⇄ Corridor_V1_Party: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_Party {
    public init(_ model: CorridorModel.Party) {
        self.init(
            id: model.id,
            shortName: model.shortName,
            fullName: model.fullName,
            kind: Corridor_V1_Party.Kind(model.kind),
            aliases: model.aliases
        )
    }
}

extension CorridorModel.Party {
    public init(proto: __shared Corridor_V1_Party) throws(MappingError) {
        self.init(
            id: proto.id,
            shortName: proto.shortName,
            fullName: proto.fullName,
            kind: try CorridorModel.Party.Kind(proto: proto.kind, field: "corridor.v1.Party.kind"),
            aliases: proto.aliases
        )
    }
}

extension Corridor_V1_Party.Kind {
    public init(_ model: CorridorModel.Party.Kind) {
        switch model {
        case .unspecified: self = .unspecified
        case .government: self = .government
        case .armedGroup: self = .armedGroup
        case .unAgency: self = .unAgency
        case .redCrossRedCrescent: self = .redCrossRedCrescent
        case .ngo: self = .ngo
        case .monitor: self = .monitor
        case .state: self = .state
        case .media: self = .media
        case .localCouncil: self = .localCouncil
        case .civilSociety: self = .civilSociety
        }
    }
}

extension CorridorModel.Party.Kind {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Party.Kind, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .government: self = .government
        case .armedGroup: self = .armedGroup
        case .unAgency: self = .unAgency
        case .redCrossRedCrescent: self = .redCrossRedCrescent
        case .ngo: self = .ngo
        case .monitor: self = .monitor
        case .state: self = .state
        case .media: self = .media
        case .localCouncil: self = .localCouncil
        case .civilSociety: self = .civilSociety
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Kind this build knows")
        }
    }
}

// PartyUpdated ⇄ Corridor_V1_PartyUpdated: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_PartyUpdated {
    public init(_ model: CorridorModel.PartyUpdated) {
        self.init(
            party: model.party.map(Corridor_V1_Party.init),
            changedFields: model.changedFields
        )
    }
}

extension CorridorModel.PartyUpdated {
    public init(proto: Corridor_V1_PartyUpdated) throws(MappingError) {
        self.init(
            party: try proto.party.map { value throws(MappingError) in try CorridorModel.Party(proto: value) },
            changedFields: proto.changedFields
        )
    }
}

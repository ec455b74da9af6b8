// PartyRegistered ⇄ Corridor_V1_PartyRegistered: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_PartyRegistered {
    public init(_ model: CorridorModel.PartyRegistered) {
        self.init(
            party: model.party.map(Corridor_V1_Party.init)
        )
    }
}

extension CorridorModel.PartyRegistered {
    public init(proto: Corridor_V1_PartyRegistered) throws(MappingError) {
        self.init(
            party: try proto.party.map { value throws(MappingError) in try CorridorModel.Party(proto: value) }
        )
    }
}

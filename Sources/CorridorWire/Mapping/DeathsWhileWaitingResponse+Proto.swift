// DeathsWhileWaitingResponse ⇄ Corridor_V1_DeathsWhileWaitingResponse: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_DeathsWhileWaitingResponse {
    public init(_ model: CorridorModel.DeathsWhileWaitingResponse) {
        self.init(
            sites: model.sites.map(Corridor_V1_DeathsAtSite.init),
            total: model.total
        )
    }
}

extension CorridorModel.DeathsWhileWaitingResponse {
    public init(proto: Corridor_V1_DeathsWhileWaitingResponse) {
        self.init(
            sites: proto.sites.map { CorridorModel.DeathsAtSite(proto: $0) },
            total: proto.total
        )
    }
}

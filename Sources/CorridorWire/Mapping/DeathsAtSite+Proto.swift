// DeathsAtSite ⇄ Corridor_V1_DeathsAtSite: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_DeathsAtSite {
    public init(_ model: CorridorModel.DeathsAtSite) {
        self.init(
            siteID: model.siteID,
            count: model.count,
            caseIDs: model.caseIDs
        )
    }
}

extension CorridorModel.DeathsAtSite {
    public init(proto: Corridor_V1_DeathsAtSite) {
        self.init(
            siteID: proto.siteID,
            count: proto.count,
            caseIDs: proto.caseIDs
        )
    }
}

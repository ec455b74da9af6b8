// CrossingStatusChanged ⇄ Corridor_V1_CrossingStatusChanged: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_CrossingStatusChanged {
    public init(_ model: CorridorModel.CrossingStatusChanged) {
        self.init(
            siteID: model.siteID,
            from: Corridor_V1_Site.CrossingStatus(model.from),
            to: Corridor_V1_Site.CrossingStatus(model.to)
        )
    }
}

extension CorridorModel.CrossingStatusChanged {
    public init(proto: Corridor_V1_CrossingStatusChanged) throws(MappingError) {
        self.init(
            siteID: proto.siteID,
            from: try CorridorModel.Site.CrossingStatus(proto: proto.from, field: "corridor.v1.CrossingStatusChanged.from"),
            to: try CorridorModel.Site.CrossingStatus(proto: proto.to, field: "corridor.v1.CrossingStatusChanged.to")
        )
    }
}

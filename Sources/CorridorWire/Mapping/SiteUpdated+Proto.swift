// SiteUpdated ⇄ Corridor_V1_SiteUpdated: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_SiteUpdated {
    public init(_ model: CorridorModel.SiteUpdated) {
        self.init(
            site: model.site.map(Corridor_V1_Site.init),
            changedFields: model.changedFields
        )
    }
}

extension CorridorModel.SiteUpdated {
    public init(proto: Corridor_V1_SiteUpdated) throws(MappingError) {
        self.init(
            site: try proto.site.map { value throws(MappingError) in try CorridorModel.Site(proto: value) },
            changedFields: proto.changedFields
        )
    }
}

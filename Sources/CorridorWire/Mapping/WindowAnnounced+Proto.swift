// WindowAnnounced ⇄ Corridor_V1_WindowAnnounced: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_WindowAnnounced {
    public init(_ model: CorridorModel.WindowAnnounced) {
        self.init(
            window: model.window.map(Corridor_V1_AccessWindow.init)
        )
    }
}

extension CorridorModel.WindowAnnounced {
    public init(proto: Corridor_V1_WindowAnnounced) throws(MappingError) {
        self.init(
            window: try proto.window.map { value throws(MappingError) in try CorridorModel.AccessWindow(proto: value) }
        )
    }
}

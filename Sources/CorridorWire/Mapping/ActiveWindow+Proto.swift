// ActiveWindow ⇄ Corridor_V1_ActiveWindow: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ActiveWindow {
    public init(_ model: CorridorModel.ActiveWindow) {
        self.init(
            window: model.window.map(Corridor_V1_AccessWindow.init),
            fromMs: model.fromMs,
            untilMs: model.untilMs,
            hours: model.hours
        )
    }
}

extension CorridorModel.ActiveWindow {
    public init(proto: Corridor_V1_ActiveWindow) throws(MappingError) {
        self.init(
            window: try proto.window.map { value throws(MappingError) in try CorridorModel.AccessWindow(proto: value) },
            fromMs: proto.fromMs,
            untilMs: proto.untilMs,
            hours: proto.hours
        )
    }
}

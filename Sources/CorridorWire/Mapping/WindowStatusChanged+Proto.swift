// WindowStatusChanged ⇄ Corridor_V1_WindowStatusChanged: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_WindowStatusChanged {
    public init(_ model: CorridorModel.WindowStatusChanged) {
        self.init(
            window: model.window.map(Corridor_V1_AccessWindow.init),
            from: Corridor_V1_AccessWindow.Status(model.from),
            to: Corridor_V1_AccessWindow.Status(model.to),
            report: model.report
        )
    }
}

extension CorridorModel.WindowStatusChanged {
    public init(proto: Corridor_V1_WindowStatusChanged) throws(MappingError) {
        self.init(
            window: try proto.window.map { value throws(MappingError) in try CorridorModel.AccessWindow(proto: value) },
            from: try CorridorModel.AccessWindow.Status(proto: proto.from, field: "corridor.v1.WindowStatusChanged.from"),
            to: try CorridorModel.AccessWindow.Status(proto: proto.to, field: "corridor.v1.WindowStatusChanged.to"),
            report: proto.report
        )
    }
}

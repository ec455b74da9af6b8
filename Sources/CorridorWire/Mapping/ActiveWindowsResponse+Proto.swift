// ActiveWindowsResponse ⇄ Corridor_V1_ActiveWindowsResponse: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ActiveWindowsResponse {
    public init(_ model: CorridorModel.ActiveWindowsResponse) {
        self.init(
            atMs: model.atMs,
            windows: model.windows.map(Corridor_V1_ActiveWindow.init)
        )
    }
}

extension CorridorModel.ActiveWindowsResponse {
    public init(proto: Corridor_V1_ActiveWindowsResponse) throws(MappingError) {
        self.init(
            atMs: proto.atMs,
            windows: try proto.windows.map { value throws(MappingError) in try CorridorModel.ActiveWindow(proto: value) }
        )
    }
}

// FigureEntry ⇄ Corridor_V1_FigureEntry: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_FigureEntry {
    public init(_ model: CorridorModel.FigureEntry) {
        self.init(
            figure: model.figure.map(Corridor_V1_Figure.init),
            history: model.history
        )
    }
}

extension CorridorModel.FigureEntry {
    public init(proto: Corridor_V1_FigureEntry) throws(MappingError) {
        self.init(
            figure: try proto.figure.map { value throws(MappingError) in try CorridorModel.Figure(proto: value) },
            history: proto.history
        )
    }
}

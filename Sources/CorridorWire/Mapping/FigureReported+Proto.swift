// FigureReported ⇄ Corridor_V1_FigureReported: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_FigureReported {
    public init(_ model: CorridorModel.FigureReported) {
        self.init(
            figure: model.figure.map(Corridor_V1_Figure.init)
        )
    }
}

extension CorridorModel.FigureReported {
    public init(proto: Corridor_V1_FigureReported) throws(MappingError) {
        self.init(
            figure: try proto.figure.map { value throws(MappingError) in try CorridorModel.Figure(proto: value) }
        )
    }
}

// PrecedenceCount ⇄ Corridor_V1_PrecedenceCount: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_PrecedenceCount {
    public init(_ model: CorridorModel.PrecedenceCount) {
        self.init(
            precedence: Corridor_V1_Case.Precedence(model.precedence),
            count: model.count,
            longestWaitDays: model.longestWaitDays
        )
    }
}

extension CorridorModel.PrecedenceCount {
    public init(proto: Corridor_V1_PrecedenceCount) throws(MappingError) {
        self.init(
            precedence: try CorridorModel.Case.Precedence(proto: proto.precedence, field: "corridor.v1.PrecedenceCount.precedence"),
            count: proto.count,
            longestWaitDays: proto.longestWaitDays
        )
    }
}

// CaseUpdated ⇄ Corridor_V1_CaseUpdated: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_CaseUpdated {
    public init(_ model: CorridorModel.CaseUpdated) {
        self.init(
            case: model.`case`.map(Corridor_V1_Case.init),
            changedFields: model.changedFields
        )
    }
}

extension CorridorModel.CaseUpdated {
    public init(proto: Corridor_V1_CaseUpdated) throws(MappingError) {
        self.init(
            case: try proto.`case`.map { value throws(MappingError) in try CorridorModel.Case(proto: value) },
            changedFields: proto.changedFields
        )
    }
}

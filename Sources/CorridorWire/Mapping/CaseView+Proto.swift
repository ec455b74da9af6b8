// CaseView ⇄ Corridor_V1_CaseView: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_CaseView {
    public init(_ model: CorridorModel.CaseView) {
        self.init(
            case: model.`case`.map(Corridor_V1_Case.init),
            personal: model.personal.map(Corridor_V1_CasePersonal.init),
            daysWaiting: model.daysWaiting
        )
    }
}

extension CorridorModel.CaseView {
    public init(proto: Corridor_V1_CaseView) throws(MappingError) {
        self.init(
            case: try proto.`case`.map { value throws(MappingError) in try CorridorModel.Case(proto: value) },
            personal: proto.personal.map { CorridorModel.CasePersonal(proto: $0) },
            daysWaiting: proto.daysWaiting
        )
    }
}

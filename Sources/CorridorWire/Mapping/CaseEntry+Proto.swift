// CaseEntry ⇄ Corridor_V1_CaseEntry: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_CaseEntry {
    public init(_ model: CorridorModel.CaseEntry) {
        self.init(
            case: model.`case`.map(Corridor_V1_Case.init),
            personal: model.personal.map(Corridor_V1_CasePersonal.init),
            history: model.history,
            // Sealing is ProtobufRecordCoding's, with the case's data key.
            sealedPersonal: nil
        )
    }
}

extension CorridorModel.CaseEntry {
    public init(proto: __shared Corridor_V1_CaseEntry) throws(MappingError) {
        self.init(
            case: try proto.`case`.map { value throws(MappingError) in try CorridorModel.Case(proto: value) },
            personal: proto.personal.map { CorridorModel.CasePersonal(proto: $0) },
            history: proto.history
        )
    }
}

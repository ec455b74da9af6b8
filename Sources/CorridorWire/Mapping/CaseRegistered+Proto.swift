// CaseRegistered ⇄ Corridor_V1_CaseRegistered: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_CaseRegistered {
    public init(_ model: CorridorModel.CaseRegistered) {
        self.init(
            case: model.`case`.map(Corridor_V1_Case.init),
            personal: model.personal.map(Corridor_V1_CasePersonal.init),
            // Sealing is ProtobufRecordCoding's, with the case's data key.
            sealedPersonal: nil
        )
    }
}

extension CorridorModel.CaseRegistered {
    public init(proto: __shared Corridor_V1_CaseRegistered) throws(MappingError) {
        self.init(
            case: try proto.`case`.map { value throws(MappingError) in try CorridorModel.Case(proto: value) },
            personal: proto.personal.map { CorridorModel.CasePersonal(proto: $0) }
        )
    }
}

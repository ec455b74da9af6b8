// CasePersonalUpdated ⇄ Corridor_V1_CasePersonalUpdated: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_CasePersonalUpdated {
    public init(_ model: CorridorModel.CasePersonalUpdated) {
        self.init(
            caseID: model.caseID,
            personal: model.personal.map(Corridor_V1_CasePersonal.init),
            changedFields: model.changedFields,
            // Sealing is ProtobufRecordCoding's, with the case's data key.
            sealedPersonal: nil
        )
    }
}

extension CorridorModel.CasePersonalUpdated {
    public init(proto: __shared Corridor_V1_CasePersonalUpdated) {
        self.init(
            caseID: proto.caseID,
            personal: proto.personal.map { CorridorModel.CasePersonal(proto: $0) },
            changedFields: proto.changedFields
        )
    }
}

// AgreementUpdated ⇄ Corridor_V1_AgreementUpdated: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_AgreementUpdated {
    public init(_ model: CorridorModel.AgreementUpdated) {
        self.init(
            agreement: model.agreement.map(Corridor_V1_Agreement.init),
            changedFields: model.changedFields
        )
    }
}

extension CorridorModel.AgreementUpdated {
    public init(proto: Corridor_V1_AgreementUpdated) throws(MappingError) {
        self.init(
            agreement: try proto.agreement.map { value throws(MappingError) in try CorridorModel.Agreement(proto: value) },
            changedFields: proto.changedFields
        )
    }
}

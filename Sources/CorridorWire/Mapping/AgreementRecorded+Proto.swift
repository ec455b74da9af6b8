// AgreementRecorded ⇄ Corridor_V1_AgreementRecorded: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_AgreementRecorded {
    public init(_ model: CorridorModel.AgreementRecorded) {
        self.init(
            agreement: model.agreement.map(Corridor_V1_Agreement.init)
        )
    }
}

extension CorridorModel.AgreementRecorded {
    public init(proto: Corridor_V1_AgreementRecorded) throws(MappingError) {
        self.init(
            agreement: try proto.agreement.map { value throws(MappingError) in try CorridorModel.Agreement(proto: value) }
        )
    }
}

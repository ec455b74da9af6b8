// AgreementStatusChanged ⇄ Corridor_V1_AgreementStatusChanged: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_AgreementStatusChanged {
    public init(_ model: CorridorModel.AgreementStatusChanged) {
        self.init(
            agreement: model.agreement.map(Corridor_V1_Agreement.init),
            from: Corridor_V1_Agreement.Status(model.from),
            to: Corridor_V1_Agreement.Status(model.to)
        )
    }
}

extension CorridorModel.AgreementStatusChanged {
    public init(proto: Corridor_V1_AgreementStatusChanged) throws(MappingError) {
        self.init(
            agreement: try proto.agreement.map { value throws(MappingError) in try CorridorModel.Agreement(proto: value) },
            from: try CorridorModel.Agreement.Status(proto: proto.from, field: "corridor.v1.AgreementStatusChanged.from"),
            to: try CorridorModel.Agreement.Status(proto: proto.to, field: "corridor.v1.AgreementStatusChanged.to")
        )
    }
}

// FulfilmentRecorded ⇄ Corridor_V1_FulfilmentRecorded: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_FulfilmentRecorded {
    public init(_ model: CorridorModel.FulfilmentRecorded) {
        self.init(
            agreement: model.agreement.map(Corridor_V1_Agreement.init),
            termID: model.termID,
            count: model.count,
            date: model.date
        )
    }
}

extension CorridorModel.FulfilmentRecorded {
    public init(proto: Corridor_V1_FulfilmentRecorded) throws(MappingError) {
        self.init(
            agreement: try proto.agreement.map { value throws(MappingError) in try CorridorModel.Agreement(proto: value) },
            termID: proto.termID,
            count: proto.count,
            date: proto.date
        )
    }
}

// AgreementProgress ⇄ Corridor_V1_AgreementProgress: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_AgreementProgress {
    public init(_ model: CorridorModel.AgreementProgress) {
        self.init(
            agreement: model.agreement.map(Corridor_V1_Agreement.init),
            terms: model.terms.map(Corridor_V1_TermProgress.init),
            allMet: model.allMet
        )
    }
}

extension CorridorModel.AgreementProgress {
    public init(proto: Corridor_V1_AgreementProgress) throws(MappingError) {
        self.init(
            agreement: try proto.agreement.map { value throws(MappingError) in try CorridorModel.Agreement(proto: value) },
            terms: try proto.terms.map { value throws(MappingError) in try CorridorModel.TermProgress(proto: value) },
            allMet: proto.allMet
        )
    }
}

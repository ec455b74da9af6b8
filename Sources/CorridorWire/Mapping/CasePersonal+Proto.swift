// CasePersonal ⇄ Corridor_V1_CasePersonal: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_CasePersonal {
    public init(_ model: CorridorModel.CasePersonal) {
        self.init(
            name: model.name,
            dateOfBirth: model.dateOfBirth,
            contacts: model.contacts,
            identityNumbers: model.identityNumbers,
            clinicalNotes: model.clinicalNotes,
            erasure: model.erasure.map(Corridor_V1_PersonalErasure.init)
        )
    }
}

extension CorridorModel.CasePersonal {
    public init(proto: __shared Corridor_V1_CasePersonal) {
        self.init(
            name: proto.name,
            dateOfBirth: proto.dateOfBirth,
            contacts: proto.contacts,
            identityNumbers: proto.identityNumbers,
            clinicalNotes: proto.clinicalNotes,
            erasure: proto.erasure.map { CorridorModel.PersonalErasure(proto: $0) }
        )
    }
}

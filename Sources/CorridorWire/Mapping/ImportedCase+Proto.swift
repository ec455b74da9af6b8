// ImportedCase ⇄ Corridor_V1_ImportedCase: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ImportedCase {
    public init(_ model: CorridorModel.ImportedCase) {
        self.init(
            row: model.row,
            caseID: model.caseID
        )
    }
}

extension CorridorModel.ImportedCase {
    public init(proto: Corridor_V1_ImportedCase) {
        self.init(
            row: proto.row,
            caseID: proto.caseID
        )
    }
}

// ImportCasesResponse ⇄ Corridor_V1_ImportCasesResponse: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ImportCasesResponse {
    public init(_ model: CorridorModel.ImportCasesResponse) {
        self.init(
            cases: model.cases.map(Corridor_V1_ImportedCase.init),
            dryRun: model.dryRun,
            sequence: model.sequence
        )
    }
}

extension CorridorModel.ImportCasesResponse {
    public init(proto: Corridor_V1_ImportCasesResponse) {
        self.init(
            cases: proto.cases.map { CorridorModel.ImportedCase(proto: $0) },
            dryRun: proto.dryRun,
            sequence: proto.sequence
        )
    }
}

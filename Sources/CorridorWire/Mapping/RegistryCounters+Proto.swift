// RegistryCounters ⇄ Corridor_V1_RegistryCounters: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_RegistryCounters {
    public init(_ model: CorridorModel.RegistryCounters) {
        self.init(
            nextCaseNumber: model.nextCaseNumber,
            nextFigureNumber: model.nextFigureNumber
        )
    }
}

extension CorridorModel.RegistryCounters {
    public init(proto: Corridor_V1_RegistryCounters) {
        self.init(
            nextCaseNumber: proto.nextCaseNumber,
            nextFigureNumber: proto.nextFigureNumber
        )
    }
}

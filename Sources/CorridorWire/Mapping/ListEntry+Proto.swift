// ListEntry ⇄ Corridor_V1_ListEntry: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ListEntry {
    public init(_ model: CorridorModel.ListEntry) {
        self.init(
            rank: model.rank,
            caseID: model.caseID,
            explanation: model.explanation,
            companionIDs: model.companionIDs,
            state: Corridor_V1_ListEntry.State(model.state),
            struckBy: model.struckBy,
            reason: model.reason,
            addedInVersion: model.addedInVersion,
            companionsLeft: model.companionsLeft.map(Corridor_V1_ListEntry.LeftCompanion.init)
        )
    }
}

extension CorridorModel.ListEntry {
    public init(proto: __shared Corridor_V1_ListEntry) throws(MappingError) {
        self.init(
            rank: proto.rank,
            caseID: proto.caseID,
            explanation: proto.explanation,
            companionIDs: proto.companionIDs,
            state: try CorridorModel.ListEntry.State(proto: proto.state, field: "corridor.v1.ListEntry.state"),
            struckBy: proto.struckBy,
            reason: proto.reason,
            addedInVersion: proto.addedInVersion,
            companionsLeft: proto.companionsLeft.map(CorridorModel.ListEntry.LeftCompanion.init(proto:))
        )
    }
}

extension Corridor_V1_ListEntry.LeftCompanion {
    public init(_ model: CorridorModel.ListEntry.LeftCompanion) {
        self.init(caseID: model.caseID, reason: model.reason)
    }
}

extension CorridorModel.ListEntry.LeftCompanion {
    public init(proto: __shared Corridor_V1_ListEntry.LeftCompanion) {
        self.init(caseID: proto.caseID, reason: proto.reason)
    }
}

extension Corridor_V1_ListEntry.State {
    public init(_ model: CorridorModel.ListEntry.State) {
        switch model {
        case .unspecified: self = .unspecified
        case .active: self = .active
        case .struck: self = .struck
        case .dropped: self = .dropped
        }
    }
}

extension CorridorModel.ListEntry.State {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_ListEntry.State, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .active: self = .active
        case .struck: self = .struck
        case .dropped: self = .dropped
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a State this build knows")
        }
    }
}

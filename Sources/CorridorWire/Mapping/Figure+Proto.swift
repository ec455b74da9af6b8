// Figure ⇄ Corridor_V1_Figure: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_Figure {
    public init(_ model: CorridorModel.Figure) {
        self.init(
            id: model.id,
            subjectKind: Corridor_V1_Figure.SubjectKind(model.subjectKind),
            subjectID: model.subjectID,
            measure: Corridor_V1_Figure.Measure(model.measure),
            low: model.low,
            high: model.high,
            qualifier: Corridor_V1_Figure.Qualifier(model.qualifier),
            asOf: model.asOf,
            asOfEnd: model.asOfEnd,
            // The first source also in the single field, so that a reader of
            // before joint figures still sees who reported it.
            sourcePartyID: model.sourcePartyIDs.first ?? "",
            reportedIn: model.reportedIn,
            note: model.note,
            recordedAtMs: model.recordedAtMs,
            sourcePartyIDs: model.sourcePartyIDs
        )
    }
}

extension CorridorModel.Figure {
    public init(proto: __shared Corridor_V1_Figure) throws(MappingError) {
        self.init(
            id: proto.id,
            subjectKind: try CorridorModel.Figure.SubjectKind(proto: proto.subjectKind, field: "corridor.v1.Figure.subject_kind"),
            subjectID: proto.subjectID,
            measure: try CorridorModel.Figure.Measure(proto: proto.measure, field: "corridor.v1.Figure.measure"),
            low: proto.low,
            high: proto.high,
            qualifier: try CorridorModel.Figure.Qualifier(proto: proto.qualifier, field: "corridor.v1.Figure.qualifier"),
            asOf: proto.asOf,
            asOfEnd: proto.asOfEnd,
            sourcePartyIDs: Self.sources(proto),
            reportedIn: proto.reportedIn,
            note: proto.note,
            recordedAtMs: proto.recordedAtMs
        )
    }
}

extension CorridorModel.Figure {
    /// A figure recorded before joint figures has only `source_party_id`: it
    /// reads as a one-element list. When both are set, a single source the
    /// list does not name goes first, so nothing a writer gave is dropped.
    static func sources(_ proto: __shared Corridor_V1_Figure) -> [String] {
        let single = proto.sourcePartyID
        if proto.sourcePartyIDs.isEmpty { return single.isEmpty ? [] : [single] }
        return single.isEmpty || proto.sourcePartyIDs.contains(single) ? proto.sourcePartyIDs : [single] + proto.sourcePartyIDs
    }
}

extension Corridor_V1_Figure.SubjectKind {
    public init(_ model: CorridorModel.Figure.SubjectKind) {
        switch model {
        case .unspecified: self = .unspecified
        case .site: self = .site
        case .agreement: self = .agreement
        case .movement: self = .movement
        case .namedEvent: self = .namedEvent
        }
    }
}

extension CorridorModel.Figure.SubjectKind {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Figure.SubjectKind, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .site: self = .site
        case .agreement: self = .agreement
        case .movement: self = .movement
        case .namedEvent: self = .namedEvent
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a SubjectKind this build knows")
        }
    }
}

extension Corridor_V1_Figure.Measure {
    public init(_ model: CorridorModel.Figure.Measure) {
        switch model {
        case .unspecified: self = .unspecified
        case .killed: self = .killed
        case .injured: self = .injured
        case .population: self = .population
        case .children: self = .children
        case .trapped: self = .trapped
        case .needingEvacuation: self = .needingEvacuation
        case .evacuated: self = .evacuated
        case .detaineesReleased: self = .detaineesReleased
        case .diedWhileWaiting: self = .diedWhileWaiting
        case .peopleServed: self = .peopleServed
        case .fighters: self = .fighters
        case .families: self = .families
        case .woundedEvacuated: self = .woundedEvacuated
        case .bodiesRecovered: self = .bodiesRecovered
        }
    }
}

extension CorridorModel.Figure.Measure {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Figure.Measure, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .killed: self = .killed
        case .injured: self = .injured
        case .population: self = .population
        case .children: self = .children
        case .trapped: self = .trapped
        case .needingEvacuation: self = .needingEvacuation
        case .evacuated: self = .evacuated
        case .detaineesReleased: self = .detaineesReleased
        case .diedWhileWaiting: self = .diedWhileWaiting
        case .peopleServed: self = .peopleServed
        case .fighters: self = .fighters
        case .families: self = .families
        case .woundedEvacuated: self = .woundedEvacuated
        case .bodiesRecovered: self = .bodiesRecovered
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Measure this build knows")
        }
    }
}

extension Corridor_V1_Figure.Qualifier {
    public init(_ model: CorridorModel.Figure.Qualifier) {
        switch model {
        case .unspecified: self = .unspecified
        case .exact: self = .exact
        case .about: self = .about
        case .almost: self = .almost
        case .atLeast: self = .atLeast
        case .moreThan: self = .moreThan
        case .upTo: self = .upTo
        }
    }
}

extension CorridorModel.Figure.Qualifier {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Figure.Qualifier, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .exact: self = .exact
        case .about: self = .about
        case .almost: self = .almost
        case .atLeast: self = .atLeast
        case .moreThan: self = .moreThan
        case .upTo: self = .upTo
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Qualifier this build knows")
        }
    }
}

import CorridorWire

extension RecordFixtureTests {
    /// Fields added to proto/ after the fixtures were written, by their JSON
    /// names. The old bytes cannot hold them, so the every-field samples are
    /// compared without them: a log written before they existed replays with
    /// them empty. Issue 10 (companions): ListEntry.companions_left,
    /// ListEntryDropped.companion_of, Movement.Passenger's companion_of,
    /// without_companions, companions_left_reason and companions_left,
    /// Agreement.Term.counting; Case.field_registered_on and
    /// Figure.source_party_ids (intake history, joint sources). Issue 11
    /// (personal data at rest): CasePersonal.erasure and the sealed_personal
    /// of CaseRegistered, CasePersonalUpdated and CaseEntry.
    static let fieldsAddedAfterTheFixtures: Set<String> = [
        "companionsLeft", "companionOf", "withoutCompanions", "companionsLeftReason", "counting",
        "fieldRegisteredOn", "sourcePartyIds", "erasure", "sealedPersonal",
    ]

    static func withoutFieldsAddedLater(_ json: ProtoJSON) -> ProtoJSON {
        switch json {
        case .object(let members):
            .object(members.filter { !fieldsAddedAfterTheFixtures.contains($0.key) }.map { .init($0.key, withoutFieldsAddedLater($0.value)) })
        case .array(let elements):
            .array(elements.map(withoutFieldsAddedLater))
        default:
            json
        }
    }

    /// The sample as the fixtures' coder could have written it.
    static func asTheFixturesSawIt(_ event: Corridor_V1_Event) throws -> Corridor_V1_Event {
        try Corridor_V1_Event(json: withoutFieldsAddedLater(event.jsonValue()))
    }

    static func asTheFixturesSawIt(_ entry: Corridor_V1_SnapshotEntry) throws -> Corridor_V1_SnapshotEntry {
        try Corridor_V1_SnapshotEntry(json: withoutFieldsAddedLater(entry.jsonValue()))
    }
}

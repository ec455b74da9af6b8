import CorridorModel
import CorridorWire
import Testing

/// Event's kind is one non-optional enum now, with a hand-written Codable
/// for the run-time coder; the bytes in the log and on the wire must not
/// change. The hex below was written by the last build before that change
/// (main at 4e7a4c6, Event with one optional property per kind), for these
/// very events; today's build must write the same bytes and read them back.
@Suite struct EventCodingTests {
    static let actor = Actor(uid: 1000, userName: "amina", pid: 4242, role: "registrar", requestID: "req-7")

    static let record = Case(
        id: "case-000042", siteID: "douma-hospital", ageMonths: 96, sex: .female, precedence: .urgent,
        conditions: [.kidneyFailure, .heartDisease], needs: [.dialysis], consentGiven: true, companionIDs: ["case-000041"],
        pregnant: false, status: .waiting, registeredAtMs: 1_763_000_000_123, statusReason: "", statusDate: "", originSiteID: "douma"
    )

    static let registered = Event(actor: actor, reason: "", atMs: 1_763_000_000_123, .caseRegistered(CaseRegistered(
        case: record,
        personal: CasePersonal(
            name: "Layla H.", dateOfBirth: "2017-11-02", contacts: ["+963 11 000 0000"], identityNumbers: ["NID-0001"],
            clinicalNotes: "haemodialysis twice a week"
        )
    )))
    static let registeredHex = "0a1f08e8071205616d696e6118922122097265676973747261722a057265712d3718fbbcf4d7a733f2019b010a490a0b636173652d303030303432120e646f756d612d686f73706974616c186020012801320202033a010440014a0b636173652d303030303431580160fbbcf4d7a7337a05646f756d61124e0a084c61796c6120482e120a323031372d31312d30321a102b39363320313120303030203030303022084e49442d303030312a1a6861656d6f6469616c797369732074776963652061207765656b"

    static let crossing = Event(
        actor: actor, reason: "shelling", atMs: 1_763_000_100_000,
        .crossingStatusChanged(CrossingStatusChanged(siteID: "wafideen", from: .open, to: .restricted))
    )
    static let crossingHex = "0a1f08e8071205616d696e6118922122097265676973747261722a057265712d3712087368656c6c696e6718a0c9fad7a733b2010e0a08776166696465656e10011802"

    static let partyUpdated = Event(actor: actor, reason: "renamed", atMs: 1_763_000_200_000, .partyUpdated(PartyUpdated(
        party: Party(id: "sarc", shortName: "SARC-Rif", fullName: "Syrian Arab Red Crescent", kind: .ngo, aliases: ["SARC", "الهلال"]),
        changedFields: ["short_name", "aliases"]
    )))
    static let partyUpdatedHex = "0a1f08e8071205616d696e6118922122097265676973747261722a057265712d37120772656e616d656418c0d680d8a7335a570a400a04736172631208534152432d5269661a1853797269616e204172616220526564204372657363656e7420052a04534152432a0cd8a7d984d987d984d8a7d984120a73686f72745f6e616d651207616c6961736573"

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
    }

    @Test(arguments: [(registered, registeredHex), (crossing, crossingHex), (partyUpdated, partyUpdatedHex)])
    func anEventHasTheBytesTheOldCodableWrote(event: Event, hex: String) throws {
        #expect(Self.hex(try ProtobufRecordCoding().encode(event)) == hex)
    }

    @Test(arguments: [(registered, registeredHex), (crossing, crossingHex), (partyUpdated, partyUpdatedHex)])
    func theOldBytesDecodeToTheEvent(event: Event, hex: String) throws {
        #expect(try ProtobufRecordCoding().decodeEvent(Self.bytes(hex)) == event)
    }

    /// Actor, reason and time, but no kind this build knows (field 200 of
    /// the oneof is not in events.proto): refused, saying so.
    @Test func anEventOfAnUnknownKindDoesNotDecode() throws {
        let unknownKind = Self.bytes("0a0a08e8071205616d696e61" + "18a0c9fad7a733" + "c20c00")
        let error = try #require(throws: RecordCodingError.self) { try ProtobufRecordCoding().decodeEvent(unknownKind) }
        #expect(error.description.contains("an event of an unknown kind"), "\(error)")
        let noKind = Self.bytes("0a0a08e8071205616d696e61" + "18a0c9fad7a733")
        #expect(throws: RecordCodingError.self) { try ProtobufRecordCoding().decodeEvent(noKind) }
    }

    /// Snapshot entries likewise: one kind, and the bytes the old struct of
    /// optionals wrote, since one entry of each kind round-trips and an
    /// entry with none is refused.
    @Test func aSnapshotEntryRoundTripsAndOneOfNoKnownKindIsRefused() throws {
        let entries: [SnapshotEntry] = [
            .counters(RegistryCounters(nextCaseNumber: 43, nextFigureNumber: 2)),
            .party(PartyEntry(party: Party(id: "gov", shortName: "Government", kind: .government), history: [1, 9])),
            .caseEntry(CaseEntry(case: Self.record, personal: nil, history: [3])),
        ]
        for entry in entries {
            #expect(try ProtobufRecordCoding().decodeSnapshotEntry(ProtobufRecordCoding().encode(entry)) == entry)
        }
        // counters (field 4) = { next_case_number: 43 }: the tag and bytes of a SnapshotEntry.
        #expect(Self.hex(try ProtobufRecordCoding().encode(entries[0])) == "2204082b1002")
        let error = try #require(throws: RecordCodingError.self) { try ProtobufRecordCoding().decodeSnapshotEntry([]) }
        #expect(error.description.contains("a snapshot entry of an unknown kind"), "\(error)")
    }
}

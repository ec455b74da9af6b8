import CorridorModel
import CorridorWire
import Testing

@Suite struct ProtobufCodingTests {
    static let fullCase = Case(
        id: "C-000042", siteID: "ghouta", ageMonths: 6, sex: .female, precedence: .urgent,
        conditions: [.heartDisease, .needsSurgery], needs: [.incubator, .oxygen], consentGiven: true,
        companionIDs: ["C-000043"], pregnant: false, status: .listed, registeredAtMs: 1_700_000_000_123,
        statusReason: "on list L1", statusDate: "2017-12-26", originSiteID: "ghouta"
    )

    @Test func aPartyHasTheBytesProtobufGivesIt() throws {
        // id = "a" (field 1, string), kind = GOVERNMENT (field 4, enum 1).
        let bytes = try Party(id: "a", shortName: "", kind: .government).protobufBytes()
        #expect(bytes == [0x0A, 0x01, 0x61, 0x20, 0x01])
    }

    @Test func everyFieldOfACaseSurvivesARoundTrip() throws {
        let decoded = try Case(protobufBytes: Self.fullCase.protobufBytes())
        #expect(decoded == Self.fullCase)
    }

    @Test func aSiteWithListsSurvivesARoundTrip() throws {
        let site = Site(
            id: "ghouta", name: "Eastern Ghouta", kind: .enclave, parentID: "rif-dimashq", controlledBy: "jaish",
            besiegedBy: ["gov", "allied"], besiegedSince: "2013-04-01", designations: ["de-escalation zone"],
            crossingStatus: .unspecified
        )
        #expect(try Site(protobufBytes: site.protobufBytes()) == site)
    }

    @Test func emptyValuesStayEmpty() throws {
        let party = Party(id: "x", shortName: "X", kind: .ngo)
        let decoded = try Party(protobufBytes: party.protobufBytes())
        #expect(decoded.aliases.isEmpty)
        #expect(decoded.fullName == "")
    }

    /// The oneof of Event: exactly the kind that was set comes back.
    @Test func eventsKeepTheirKind() throws {
        let actor = Actor(uid: 1000, userName: "medco", pid: 4242, role: "", requestID: "r-1")
        let kinds: [EventKind] = [
            .partyRegistered(PartyRegistered(party: Party(id: "sarc", shortName: "SARC", kind: .redCrossRedCrescent))),
            .caseRegistered(CaseRegistered(case: Self.fullCase, personal: CasePersonal(name: "N", contacts: ["+963"]))),
            .caseStatusChanged(CaseStatusChanged(caseID: "C-000042", from: .listed, to: .deceased, date: "2017-12-26")),
            .crossingStatusChanged(CrossingStatusChanged(siteID: "wafideen", from: .open, to: .closed)),
        ]
        for kind in kinds {
            let event = Event(actor: actor, reason: "because", atMs: 99, kind)
            let decoded = try Event(protobufBytes: event.protobufBytes())
            #expect(decoded == event)
            #expect(decoded.kind == kind)
        }
    }

    @Test func nestedRepeatedMessagesSurviveARoundTrip() throws {
        let response = ListCasesResponse(
            cases: (0..<50).map { index in
                var value = Self.fullCase
                value.id = "C-\(index)"
                return CaseView(case: value, personal: index.isMultiple(of: 2) ? CasePersonal(name: "P\(index)") : nil, daysWaiting: UInt32(index))
            },
            nextPageToken: "C-50", total: 500
        )
        #expect(try ListCasesResponse(protobufBytes: response.protobufBytes()) == response)
    }

    @Test func bytesThatAreNotTheMessageAreInvalidArgument() {
        do {
            _ = try Party(protobufBytes: [0x0A, 0x7F, 0x61])
            Issue.record("decoded a truncated message")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("corridor.v1.Party"))
        }
    }

    @Test(arguments: [("ageMonths", "age_months"), ("siteID", "site_id"), ("companionIDs", "companion_ids"), ("registeredAtMs", "registered_at_ms"), ("case", "case")])
    func swiftNamesMapToProtoNames(swift: String, proto: String) {
        #expect(ProtobufNames.snakeCase(swift) == proto)
    }
}

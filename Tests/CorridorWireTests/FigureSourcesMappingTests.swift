import CorridorModel
import CorridorWire
import Testing

/// Figures recorded before joint figures carry one `source_party_id`; they
/// read as a one-element list of sources. New figures write the list and
/// keep the first source in the single field for readers of before.
@Suite struct FigureSourcesMappingTests {
    static func proto(single: String, list: [String]) -> Corridor_V1_Figure {
        var figure = Corridor_V1_Figure(Figure(id: "F-000001", subjectKind: .site, subjectID: "ghouta", measure: .killed, low: 1, high: 1,
                                               qualifier: .exact, asOf: "2018-02-01"))
        figure.sourcePartyID = single
        figure.sourcePartyIDs = list
        return figure
    }

    @Test func anOldFigureWithOneSourceReadsAsAOneElementList() throws {
        let old = Self.proto(single: "sarc", list: [])
        // Through its bytes, as an old event in the log holds it.
        let decoded = try Corridor_V1_Figure(serializedBytes: old.serializedBytes())
        #expect(try Figure(proto: decoded).sourcePartyIDs == ["sarc"])
        #expect(try Figure(proto: Self.proto(single: "", list: [])).sourcePartyIDs == [])
    }

    @Test func aJointFigureWritesTheListAndTheFirstSourceAlone() throws {
        let figure = Figure(subjectKind: .site, subjectID: "ghouta", measure: .killed, low: 1, high: 1, qualifier: .exact,
                            asOf: "2018-02-01", sourcePartyIDs: ["sarc", "icrc"])
        let proto = Corridor_V1_Figure(figure)
        #expect(proto.sourcePartyIDs == ["sarc", "icrc"])
        #expect(proto.sourcePartyID == "sarc")
        #expect(try Figure(proto: Corridor_V1_Figure(serializedBytes: proto.serializedBytes())) == figure)
    }

    @Test func aSingleSourceTheListDoesNotNameIsKeptFirst() throws {
        #expect(try Figure(proto: Self.proto(single: "gov", list: ["sarc", "icrc"])).sourcePartyIDs == ["gov", "sarc", "icrc"])
        #expect(try Figure(proto: Self.proto(single: "icrc", list: ["sarc", "icrc"])).sourcePartyIDs == ["sarc", "icrc"])
    }
}

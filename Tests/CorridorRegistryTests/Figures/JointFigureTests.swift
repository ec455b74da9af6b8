@testable import CorridorRegistry
import CorridorModel
import Testing

/// A figure several parties reported together keeps every one of them, and
/// is found under each; the new measures are figures like the others.
@Suite struct JointFigureTests {
    private func report(_ registry: Registry, sources: [String], measure: Figure.Measure = .woundedEvacuated) async throws -> Figure {
        try await registry.reportFigure(
            Figure(subjectKind: .site, subjectID: "ghouta", measure: measure, low: 120, qualifier: .exact, asOf: "2018-03-20", sourcePartyIDs: sources),
            actor: registrar
        )
    }

    @Test func aJointFigureKeepsEverySourceAndIsFoundUnderEach() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let joint = try await report(registry, sources: ["sarc", "un-ocha"])
            #expect(joint.sourcePartyIDs == ["sarc", "un-ocha"])
            let alone = try await report(registry, sources: ["gov"])
            #expect(try await registry.listFigures(sourcePartyID: "sarc") == [joint])
            #expect(try await registry.listFigures(sourcePartyID: "un-ocha") == [joint])
            #expect(try await registry.listFigures(sourcePartyID: "gov") == [alone])
            #expect(try await registry.listFigures(sourcePartyID: "jaish").isEmpty)
            #expect(try await registry.listFigures().count == 2)
            // Compared once, with all its sources.
            let compared = try await registry.compareFigures(subjectID: "ghouta", measure: .woundedEvacuated)
            #expect(compared.claims == [joint, alone])
            let event = try #require(try await registry.history(of: joint.id).last?.event)
            #expect(event.figureReported?.figure?.sourcePartyIDs == ["sarc", "un-ocha"])
        }
    }

    @Test func everySourceIsAKnownPartyNamedOnce() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let noSource = try await #require(throws: RegistryError.self) { try await report(registry, sources: []) }
            #expect(noSource.fields == ["figure.source_party_ids"], "\(noSource)")
            let bad = try await #require(throws: RegistryError.self) { try await report(registry, sources: ["sarc", "nobody", "", "sarc"]) }
            #expect(bad.code == .invalidArgument)
            #expect(bad.fields == ["figure.source_party_ids[1]", "figure.source_party_ids[2]", "figure.source_party_ids"], "\(bad)")
            let many = try await #require(throws: RegistryError.self) {
                try await report(registry, sources: Array(repeating: "sarc", count: RegistryState.maximumFigureSources + 1))
            }
            #expect(many.fields.first == "figure.source_party_ids", "\(many)")
            #expect(await registry.currentState.figures.isEmpty)
        }
    }

    @Test(arguments: [Figure.Measure.fighters, .families, .woundedEvacuated, .bodiesRecovered])
    func theNewMeasuresAreRecorded(measure: Figure.Measure) async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let figure = try await report(registry, sources: ["sarc"], measure: measure)
            #expect(try await registry.listFigures(measure: measure) == [figure])
        }
    }
}

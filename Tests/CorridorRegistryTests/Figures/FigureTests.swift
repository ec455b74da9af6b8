@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Figures: every claim kept as reported, and compared side by side with
/// what the registry itself counts.
@Suite struct FigureTests {
    static func claim(
        _ kind: Figure.SubjectKind = .site, _ subject: String = "ghouta", _ measure: Figure.Measure = .needingEvacuation,
        low: UInt64 = 500, high: UInt64 = 0, qualifier: Figure.Qualifier = .about, asOf: String = "2017-11-20", source: String = "un-ocha"
    ) -> Figure {
        Figure(subjectKind: kind, subjectID: subject, measure: measure, low: low, high: high, qualifier: qualifier, asOf: asOf,
               sourcePartyIDs: [source], reportedIn: "OCHA flash update")
    }

    private func report(_ registry: Registry, _ figure: Figure) async throws -> Figure {
        try await registry.reportFigure(figure, actor: registrar)
    }

    @Test func figuresGetRegistryIdsAndAreKeptAsReported() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let first = try await report(registry, Self.claim())
            #expect(first.id == "F-000001")
            #expect(first.high == 500, "a single value has high = low")
            #expect(first.recordedAtMs > 0)
            let second = try await report(registry, Self.claim(low: 400, high: 600, qualifier: .upTo, source: "sarc"))
            #expect(second.id == "F-000002")
            #expect((second.low, second.high) == (400, 600))
            let listed = try await registry.listFigures()
            #expect(listed == [first, second])
            let event = try #require(try await registry.history(of: "F-000002").last?.event)
            #expect(event.figureReported == FigureReported(figure: second))
        }
    }

    @Test func everyViolationIsNamedByItsField() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let before = await registry.currentState
            let bad = Figure(id: "F-1", subjectKind: .unspecified, subjectID: "", measure: .unspecified, low: 10, high: 5, qualifier: .unspecified,
                             asOf: "2017-11-31", asOfEnd: "never", sourcePartyIDs: ["nobody"], recordedAtMs: 7)
            let error = try await #require(throws: RegistryError.self) { try await report(registry, bad) }
            #expect(error.code == .invalidArgument)
            #expect(Set(error.fields) == [
                "figure.id", "figure.recorded_at_ms", "figure.subject_kind", "figure.subject_id", "figure.measure", "figure.qualifier",
                "figure.high", "figure.as_of", "figure.as_of_end", "figure.source_party_ids[0]",
            ], "\(error)")
            #expect(await registry.currentState == before)
        }
    }

    @Test(arguments: [Figure.SubjectKind.site, .agreement, .movement])
    func anUnknownSubjectIsInvalidArgumentNamingSubjectID(kind: Figure.SubjectKind) async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) { try await report(registry, Self.claim(kind, "atlantis")) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["figure.subject_id"], "\(error)")
            #expect(error.fieldViolations.first?.reason.contains("\(kind.rawValue.lowercased()) with id \"atlantis\"") == true, "\(error)")
        }
    }

    @Test func aNamedEventTakesFreeTextAndAPeriodEndsOnOrAfterItsStart() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var figure = Self.claim(.namedEvent, "the February 2018 offensive", .killed, low: 1_000, qualifier: .moreThan, asOf: "2018-02-18")
            figure.asOfEnd = "2018-03-05"
            #expect(try await report(registry, figure).asOfEnd == "2018-03-05")
            figure.asOfEnd = "2018-02-17"
            let error = try await #require(throws: RegistryError.self) { try await report(registry, figure) }
            #expect(error.fields == ["figure.as_of_end"], "\(error)")
        }
    }

    @Test func figuresAreListedByFilter() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            _ = try await report(registry, Self.claim())
            _ = try await report(registry, Self.claim(.site, "ghouta", .population, low: 400_000))
            _ = try await report(registry, Self.claim(.agreement, "a-29", .detaineesReleased, low: 29, qualifier: .exact))
            _ = try await report(registry, Self.claim(.namedEvent, "ghouta", .killed, low: 12))
            #expect(try await registry.listFigures(subjectKind: .site).map(\.id) == ["F-000001", "F-000002"])
            #expect(try await registry.listFigures(subjectID: "ghouta").map(\.id) == ["F-000001", "F-000002", "F-000004"])
            #expect(try await registry.listFigures(measure: .detaineesReleased).map(\.id) == ["F-000003"])
            #expect(try await registry.listFigures(subjectKind: .site, measure: .population).map(\.id) == ["F-000002"])
        }
    }

    @Test func scenarioOneNeedingEvacuationShowsAround500BesideTheCasesStillWaiting() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let waiting = try await Deal.registerCases(registry, count: 7)
            let atShelter = try await Deal.registerCases(registry, count: 2, site: "douma-shelter")
            _ = try await Deal.registerCases(registry, count: 3, site: "damascus")
            try await Deal.kill(registry, waiting[0], on: "2017-12-20")
            _ = try await registry.setCaseStatus(caseID: atShelter[0], status: .withdrawn, date: "", reason: "recovered", actor: registrar)
            // A case listed or scheduled is still waiting.
            try await registry.commit([.caseStatusChanged(CaseStatusChanged(caseID: waiting[1], from: .waiting, to: .listed, date: ""))], actor: registrar)
            try await registry.commit([.caseStatusChanged(CaseStatusChanged(caseID: waiting[2], from: .waiting, to: .scheduled, date: ""))], actor: registrar)
            let older = try await report(registry, Self.claim(low: 400, asOf: "2017-10-01", source: "sarc"))
            let un = try await report(registry, Self.claim())
            let same = try await report(registry, Self.claim(low: 450, qualifier: .atLeast, asOf: "2017-10-01", source: "gov"))
            _ = try await report(registry, Self.claim(.site, "ghouta", .population, low: 400_000))

            let compared = try await registry.compareFigures(subjectID: "ghouta", measure: .needingEvacuation)
            #expect(compared.claims == [older, same, un], "oldest as-of first, then by id")
            #expect(compared.registryCounts)
            #expect(compared.registryCount == 7, "6 at the hospital (one died) and 1 at the shelter (one withdrew); none in Damascus")
            #expect(compared.registryCountDescription == "cases at site ghouta and the 3 sites within it still waiting (WAITING, LISTED or SCHEDULED)")

            let town = try await registry.compareFigures(subjectID: "douma-shelter", measure: .needingEvacuation)
            #expect(town.claims.isEmpty)
            #expect(town.registryCount == 1)
            #expect(town.registryCountDescription == "cases at site douma-shelter still waiting (WAITING, LISTED or SCHEDULED)")
        }
    }

    @Test func aSitesEvacuatedAndDiedWhileWaitingAreCountedFromItsTree() async throws {
        try await withRegistry { registry in
            let ids = try await Deal.setUp(registry, cases: 5)
            let elsewhere = try await Deal.registerCases(registry, count: 2, site: "damascus")
            try await Deal.evacuate(registry, movementID: "m-1", caseIDs: [ids[0], ids[1], elsewhere[0]])
            // Evacuated cases are moved to their destination: counted by origin.
            var moved = await registry.currentState.cases[ids[0]]!
            moved.siteID = "damascus"
            try await registry.commit([.caseUpdated(CaseUpdated(case: moved, changedFields: ["site_id"]))], actor: registrar)
            try await Deal.kill(registry, ids[2], on: "2017-12-01")
            try await Deal.kill(registry, elsewhere[1], on: "2017-12-01")
            _ = try await report(registry, Self.claim(.site, "ghouta", .evacuated, low: 3, qualifier: .exact, source: "sarc"))

            let evacuated = try await registry.compareFigures(subjectID: "ghouta", measure: .evacuated)
            #expect(evacuated.claims.count == 1)
            #expect((evacuated.registryCounts, evacuated.registryCount) == (true, 2))
            #expect(evacuated.registryCountDescription == "cases EVACUATED from site ghouta and the 3 sites within it")
            let died = try await registry.compareFigures(subjectID: "ghouta", measure: .diedWhileWaiting)
            #expect((died.registryCounts, died.registryCount) == (true, 1))
            #expect(died.registryCountDescription.contains("died while waiting"))
            let capital = try await registry.compareFigures(subjectID: "damascus", measure: .diedWhileWaiting)
            #expect(capital.registryCount == 1)
        }
    }

    @Test func anAgreementsEvacuatedDiedAndReleasedAreCounted() async throws {
        try await withRegistry { registry in
            let ids = try await Deal.setUp(registry, cases: 6)
            try await Deal.list(registry, id: "l-29", caseIDs: Array(ids.prefix(5)))
            try await Deal.evacuate(registry, movementID: "m-1", caseIDs: [ids[0], ids[1], ids[2]])
            try await Deal.kill(registry, ids[3], on: "2017-12-27")
            try await Deal.kill(registry, ids[5], on: "2017-12-27")   // not on the agreement's list
            _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 29, actor: registrar)
            _ = try await report(registry, Self.claim(.agreement, "a-29", .detaineesReleased, low: 25, qualifier: .almost, source: "jaish"))
            _ = try await report(registry, Self.claim(.agreement, "a-29", .detaineesReleased, low: 29, qualifier: .exact, source: "gov"))

            let released = try await registry.compareFigures(subjectID: "a-29", measure: .detaineesReleased)
            #expect(released.claims.map(\.sourcePartyIDs) == [["jaish"], ["gov"]])
            #expect((released.registryCounts, released.registryCount) == (true, 29))
            #expect(released.registryCountDescription.contains("DETAINEE_RELEASES term of agreement a-29 (releases)"))
            let evacuated = try await registry.compareFigures(subjectID: "a-29", measure: .evacuated)
            #expect((evacuated.registryCounts, evacuated.registryCount) == (true, 3))
            let died = try await registry.compareFigures(subjectID: "a-29", measure: .diedWhileWaiting)
            #expect((died.registryCounts, died.registryCount) == (true, 1))
            #expect(died.registryCountDescription == "cases on the lists of agreement a-29 that died while waiting (DECEASED)")
        }
    }

    @Test func aMovementsEvacuatedAreTheEvacuatedCasesOnItsManifest() async throws {
        try await withRegistry { registry in
            let ids = try await Deal.setUp(registry, cases: 4)
            try await Deal.evacuate(registry, movementID: "m-1", caseIDs: [ids[0], ids[1], ids[2]], removed: [ids[2]])
            let figure = try await report(registry, Self.claim(.movement, "m-1", .evacuated, low: 3, qualifier: .exact, source: "sarc"))
            #expect(figure.subjectKind == .movement)
            let compared = try await registry.compareFigures(subjectID: "m-1", measure: .evacuated)
            #expect(compared.claims == [figure])
            #expect((compared.registryCounts, compared.registryCount) == (true, 2))
            #expect(compared.registryCountDescription == "cases on the manifest of movement m-1 that are EVACUATED")
            // A movement's other measures are not counted.
            #expect(try await registry.compareFigures(subjectID: "m-1", measure: .killed).registryCounts == false)
        }
    }

    @Test func measuresTheRegistryDoesNotCountSayIt() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            _ = try await report(registry, Self.claim(.site, "ghouta", .killed, low: 1_000, qualifier: .moreThan))
            _ = try await report(registry, Self.claim(.namedEvent, "the February offensive", .killed, low: 900))
            for (subject, measure) in [("ghouta", Figure.Measure.killed), ("the February offensive", .killed), ("ghouta", .population)] {
                let compared = try await registry.compareFigures(subjectID: subject, measure: measure)
                #expect(!compared.registryCounts)
                #expect(compared.registryCount == 0)
                #expect(compared.registryCountDescription.contains("does not count \(measure.rawValue)"))
            }
        }
    }

    @Test func compareChecksItsRequest() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var error = try await #require(throws: RegistryError.self) { try await registry.compareFigures(subjectID: "", measure: .unspecified) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["subject_id", "measure"])
            error = try await #require(throws: RegistryError.self) {
                try await registry.compareFigures(subjectID: "atlantis", measure: .killed)
            }
            #expect(error.code == .notFound)
            #expect(error.message.contains("\"atlantis\""))
        }
    }

    @Test func figuresAndCountsAreTheSameAfterReopening() async throws {
        try await withTemporaryDirectory { directory in
            let before: CompareFiguresResponse = try await withRegistryReleasedAfterwards(directory) { registry in
                _ = try await Deal.setUp(registry, cases: 4)
                _ = try await report(registry, Self.claim())
                _ = try await report(registry, Self.claim(low: 480, qualifier: .almost, source: "sarc"))
                return try await registry.compareFigures(subjectID: "ghouta", measure: .needingEvacuation)
            }
            let reopened = try openRegistry(directory)
            #expect(try await reopened.compareFigures(subjectID: "ghouta", measure: .needingEvacuation) == before)
            // Numbering goes on after the replayed figures.
            #expect(try await reopened.reportFigure(Self.claim(), actor: registrar).id == "F-000003")
            await reopened.close()
        }
    }
}

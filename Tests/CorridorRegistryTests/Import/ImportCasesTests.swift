@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Rows as a file would give them: row numbers from 2 (the header is row 1).
private func rows(_ cases: [(Case, CasePersonal?)]) -> [ImportCaseRow] {
    cases.enumerated().map { ImportCaseRow(row: UInt32($0.offset + 2), case: $0.element.0, personal: $0.element.1) }
}

/// Born as `World.patient()`'s default age says, unless told.
private func person(_ name: String, born: String = World.personal.dateOfBirth, id: String = "") -> CasePersonal {
    CasePersonal(name: name, dateOfBirth: born, identityNumbers: id.isEmpty ? [] : [id])
}

@Suite struct ImportCasesTests {
    @Test func everyRowIsRegisteredInOneCommit() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let before = await registry.currentState.lastSequence
            let importRows = rows([
                (World.patient(), person("A", id: "N-1")),
                (World.patient(id: "msf-9", ageMonths: 400), person("B", born: dateOfBirth(ageMonths: 400), id: "N-2")),
                // A companion registered by an earlier row of the same import.
                (World.patient(ageMonths: 6, companions: ["msf-9"]), nil),
            ])
            let response = try await registry.importCases(importRows, actor: registrar)
            #expect(response.dryRun == false)
            #expect(response.cases == [ImportedCase(row: 2, caseID: "C-000001"), ImportedCase(row: 3, caseID: "msf-9"), ImportedCase(row: 4, caseID: "C-000002")])
            let state = await registry.currentState
            #expect(state.lastSequence == before + 3)
            #expect(response.sequence == state.lastSequence)
            #expect(state.cases["C-000002"]?.companionIDs == ["msf-9"])
            #expect(state.cases["msf-9"]?.status == .waiting)
            #expect(state.personal["C-000001"]?.identityNumbers == ["N-1"])
            // One unit in the log: each event names the operator and the import.
            let events = registry.allRecordedEvents().suffix(3)
            #expect(events.allSatisfy { $0.event?.actor == registrar && $0.event?.reason == "imported with 3 cases" })
            let view = try await registry.caseView("msf-9")
            // A reason given is kept instead.
            _ = try await registry.importCases(rows([(World.patient(), nil)]), reason: "imported from intake.csv", actor: registrar)
            #expect(registry.allRecordedEvents().last?.event?.reason == "imported from intake.csv")
            #expect(view.case?.ageMonths == 400)
        }
    }

    @Test func aDryRunChecksEverythingAndRecordsNothing() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let before = await registry.currentState
            let response = try await registry.importCases(rows([(World.patient(), nil), (World.patient(), nil)]), dryRun: true, actor: registrar)
            #expect(response.dryRun)
            #expect(response.sequence == 0)
            #expect(response.cases.map(\.caseID) == ["C-000001", "C-000002"])
            expectSameState(await registry.currentState, before, "after a dry run")

            // The same checks as a real import.
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.importCases(rows([(World.patient(site: "nowhere"), nil)]), dryRun: true, actor: registrar)
            }
            #expect(refusal?.code == .invalidArgument)
            #expect(refusal?.fields == ["rows[0].case.site_id"])
            expectSameState(await registry.currentState, before, "after a refused dry run")
        }
    }

    @Test func oneBadRowImportsNothingAndEveryFaultIsNamedByRow() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let before = await registry.currentState
            var unspecified = World.patient(ageMonths: 2_000)
            unspecified.sex = .unspecified
            let importRows = rows([
                (World.patient(), nil),
                (unspecified, nil),
                (World.patient(), nil),
                (World.patient(site: "nowhere", companions: ["ghost"]), CasePersonal(dateOfBirth: "1990-13-01")),
            ])
            let refusal = await #expect(throws: RegistryError.self) { try await registry.importCases(importRows, actor: registrar) }
            #expect(refusal?.code == .invalidArgument)
            #expect(refusal?.message == "2 of 4 rows refused; nothing was imported")
            #expect(refusal?.fields == [
                "rows[1].case.age_months", "rows[1].case.sex",
                "rows[3].case.site_id", "rows[3].case.companion_ids[0]", "rows[3].personal.date_of_birth",
            ])
            #expect(refusal?.fieldViolations.first?.reason == "row 3: 2000 is more than 1560 (130 years)")
            #expect(refusal?.fieldViolations.allSatisfy { $0.reason.hasPrefix("row 3: ") || $0.reason.hasPrefix("row 5: ") } == true)
            expectSameState(await registry.currentState, before, "after a refused import")
        }
    }

    @Test func duplicatesWithinTheFileAreRefusedNamingTheEarlierRow() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let born = dateOfBirth(ageMonths: 96)
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.importCases(rows([
                    (World.patient(id: "msf-1"), person("Layla Haddad", born: born, id: "NID 0001")),
                    (World.patient(id: "msf-1"), nil),
                    (World.patient(), person("Someone Else", id: "nid-0001")),
                    (World.patient(), person("  layla   HADDAD ", born: born)),
                    (World.patient(), person("Layla Haddad", born: dateOfBirth(ageMonths: 96, plusDays: 1))),
                ]), actor: registrar)
            }
            #expect(refusal?.code == .alreadyExists)
            #expect(refusal?.fieldViolations.map(\.field) == ["rows[1].case.id", "rows[2].personal.identity_numbers[0]", "rows[3].personal.name"])
            #expect(refusal?.fieldViolations.map(\.reason) == [
                "row 3: duplicate: the id \"msf-1\" is already row 2",
                "row 4: duplicate: the identity number \"nid-0001\" is already row 2",
                "row 5: duplicate: the same name and date of birth (\(born)) are already row 2",
            ])
            #expect(await registry.currentState.cases.isEmpty)
        }
    }

    @Test func duplicatesOfCasesInTheRegistryAreRefused() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            _ = try await registry.registerCase(World.patient(id: "msf-17"), personal: World.personal, actor: registrar)
            let before = await registry.currentState
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.importCases(rows([
                    (World.patient(), nil),
                    (World.patient(id: "msf-17"), nil),
                    (World.patient(), CasePersonal(identityNumbers: ["nid0001"])),
                    (World.patient(), CasePersonal(name: World.personal.name, dateOfBirth: World.personal.dateOfBirth)),
                ]), actor: registrar)
            }
            #expect(refusal?.code == .alreadyExists)
            #expect(refusal?.fieldViolations.map(\.reason) == [
                "row 3: duplicate: the id \"msf-17\" is already case msf-17",
                "row 4: duplicate: the identity number \"nid0001\" is already case msf-17",
                "row 5: duplicate: the same name and date of birth (\(World.personal.dateOfBirth)) are already case msf-17",
            ])
            expectSameState(await registry.currentState, before, "after refused duplicates")
        }
    }

    @Test func aMixOfDuplicatesAndBadFieldsIsInvalidArgument() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.importCases(rows([
                    (World.patient(id: "a-1"), nil), (World.patient(id: "a-1"), nil), (World.patient(site: ""), nil),
                ]), actor: registrar)
            }
            #expect(refusal?.code == .invalidArgument)
            #expect(refusal?.fields == ["rows[1].case.id", "rows[2].case.site_id"])
        }
    }

    @Test func aCompanionMustComeBeforeTheRowThatNamesIt() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.importCases(rows([
                    (World.patient(ageMonths: 6, companions: ["mother-1"]), nil), (World.patient(id: "mother-1", ageMonths: 300), nil),
                ]), actor: registrar)
            }
            #expect(refusal?.fields == ["rows[0].case.companion_ids[0]"])
            #expect(refusal?.fieldViolations.first?.reason == "row 2: no case with id \"mother-1\"")
        }
    }

    static let many = (0..<2_000).map { (World.patient(ageMonths: UInt32($0 % 1_000)), Optional(CasePersonal(identityNumbers: ["N-\($0)"]))) }

    @Test func aLargeImportIsOneUnitOfTheLog() async throws {
        try await withTemporaryDirectory { directory in
            // The default segment size (64 MiB) holds far more than a request's 4 MiB.
            let registry = try openRegistry(directory, options: RegistryOptions())
            try await World.seed(registry)
            let before = await registry.currentState.lastSequence
            let response = try await registry.importCases(rows(Self.many), actor: registrar)
            #expect(response.cases.count == 2_000)
            #expect(response.cases.last == ImportedCase(row: 2_001, caseID: "C-002000"))
            let state = await registry.currentState
            #expect(state.cases.count == 2_000)
            #expect(state.lastSequence == before + 2_000)
            #expect(response.sequence == state.lastSequence)
            await registry.close()
        }
    }

    @Test func anImportTooLargeForTheLogCommitsNothing() async throws {
        try await withRegistry { registry in
            // Test registries have 64 KiB segments: 2,000 cases do not fit one.
            try await World.seed(registry)
            let before = await registry.currentState
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.importCases(rows(Self.many), actor: registrar)
            }
            #expect(refusal?.storeError?.kind == .tooLarge, "\(String(describing: refusal))")
            #expect(refusal?.message.contains("a segment holds") == true)
            expectSameState(await registry.currentState, before, "after an import too large")
        }
    }

    @Test func anEmptyImportIsRefused() async throws {
        try await withRegistry { registry in
            let refusal = await #expect(throws: RegistryError.self) { try await registry.importCases([], actor: registrar) }
            #expect(refusal?.code == .invalidArgument)
            #expect(refusal?.fields == ["rows"])
            let missing = await #expect(throws: RegistryError.self) { try await registry.importCases([ImportCaseRow(row: 2)], actor: registrar) }
            #expect(missing?.fields == ["rows[0].case"])
            #expect(missing?.fieldViolations.first?.reason == "row 2: is required")
        }
    }

    @Test func anImportSurvivesAReopen() async throws {
        try await withTemporaryDirectory { directory in
            let expected = try await withRegistryReleasedAfterwards(directory) { registry in
                try await World.seed(registry)
                _ = try await registry.importCases(rows([(World.patient(), World.personal), (World.patient(id: "x-2"), nil)]), actor: registrar)
                let state = await registry.currentState
                await registry.close()
                return state
            }
            try await withRegistryReleasedAfterwards(directory) { registry in
                expectSameState(await registry.currentState, expected, "after reopening")
                await registry.close()
            }
        }
    }
}

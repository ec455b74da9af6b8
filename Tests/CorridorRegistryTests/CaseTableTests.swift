@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// The case table keeps every case in one slot, found through one index, with
/// its facts beside it and its slot in its site's array at a recorded
/// position: those agree after commands, after a replay of the log and after
/// a snapshot is loaded, and the states compare equal whatever slots hold
/// which case.
@Suite struct CaseTableTests {
    /// Cases moved between sites, back and forth, so the by-site arrays lose
    /// members from the middle as well as the end; status changes, personal
    /// parts set and cleared, and histories of one, two and more events.
    private func movedCases(_ registry: Registry) async throws -> [String] {
        try await World.seed(registry)
        var ids: [String] = []
        for index in 0..<9 {
            let site = index.isMultiple(of: 2) ? "douma-hospital" : "douma-shelter"
            let personal = index.isMultiple(of: 3) ? CasePersonal(name: "Person \(index)", contacts: ["+963 \(index)"]) : nil
            let view = try await registry.registerCase(World.patient(site: site, conditions: [.trauma]), personal: personal, actor: registrar)
            ids.append(try #require(view.case?.id))
        }
        let moves = [(ids[0], "douma-shelter"), (ids[4], "douma-shelter"), (ids[1], "douma-hospital"), (ids[4], "douma-hospital"), (ids[8], "douma-shelter")]
        for (id, site) in moves {
            var moved = try #require(await registry.currentState.cases[id])
            moved.siteID = site
            _ = try await registry.updateCase(moved, personal: nil, fields: ["site_id"], reason: "moved", actor: registrar)
        }
        _ = try await registry.setCaseStatus(caseID: ids[2], status: .deceased, date: "2018-02-20", reason: "died waiting", actor: registrar)
        _ = try await registry.setCaseStatus(caseID: ids[3], status: .withdrawn, date: "", reason: "recovered", actor: registrar)
        _ = try await registry.updateCase(World.patient(id: ids[5]), personal: CasePersonal(name: "Named later"), fields: ["personal.name"], reason: "", actor: registrar)
        _ = try await registry.updateCase(World.patient(id: ids[0]), personal: CasePersonal(), fields: ["personal.name", "personal.contacts"], reason: "", actor: registrar)
        return ids
    }

    @Test func theTableIsConsistentAfterCommandsReplayAndASnapshot() async throws {
        try await withTemporaryDirectory { directory in
            let (before, ids) = try await withRegistryReleasedAfterwards(directory) { registry in
                let ids = try await movedCases(registry)
                return (await registry.currentState, ids)
            }
            #expect(before.caseTable.inconsistency() == nil)
            #expect(before.history[RecordKey(kind: .case, id: ids[4])]?.count == 3, "registered and moved twice")
            #expect(before.history[RecordKey(kind: .case, id: ids[7])]?.count == 1)
            #expect(before.casesBySite["douma-hospital"]?.contains(ids[4]) == true && before.casesBySite["douma-shelter"]?.contains(ids[4]) == false)
            #expect(before.casesBySite["douma-shelter"]?.contains(ids[0]) == true)
            #expect(before.personal[ids[0]] == nil && before.personal[ids[5]] == CasePersonal(name: "Named later"))

            // Replayed from the log alone (the registry was dropped unclosed).
            let afterReplay = try await withRegistryReleasedAfterwards(directory) { replayed in
                let state = await replayed.currentState
                await replayed.close()
                return state
            }
            #expect(afterReplay.caseTable.inconsistency() == nil)
            expectSameState(afterReplay, before, "after replay")

            // Loaded from the snapshot close() wrote: the slots are in id order now.
            let (loaded, fromSnapshot) = try Registry.open(dataDirectory: directory, recordCoding: testRecordCoding, options: smallSegmentOptions(), logger: quietLogger)
            #expect(fromSnapshot.replayed == 0)
            let afterSnapshot = await loaded.currentState
            #expect(afterSnapshot.caseTable.inconsistency() == nil)
            expectSameState(afterSnapshot, before, "after a snapshot load")

            // And the table stays consistent as the loaded state changes on.
            var moved = try #require(afterSnapshot.cases[ids[6]])
            moved.siteID = "douma-shelter"
            _ = try await loaded.updateCase(moved, personal: nil, fields: ["site_id"], reason: "", actor: registrar)
            let changed = await loaded.currentState
            #expect(changed.caseTable.inconsistency() == nil)
            #expect(changed.casesBySite["douma-shelter"]?.contains(ids[6]) == true)
            #expect(changed != afterSnapshot)
            await loaded.close()
        }
    }

    /// The table keeps a case as its facts and the rest: every field comes
    /// back, and a field added to `Case` fails here until the table keeps it.
    @Test func aCaseComesBackWholeFromTheTable() {
        let record = Case(
            id: "C-000007", siteID: "douma", ageMonths: 30, sex: .male, precedence: .urgentSurgical, conditions: [.trauma, .cancer],
            needs: [.oxygen], consentGiven: true, companionIDs: ["C-000008"], pregnant: true, status: .deceased,
            registeredAtMs: 1_700_000_000_123, statusReason: "shelling", statusDate: "2018-02-20", originSiteID: "ghouta",
            fieldRegisteredOn: "2023-10-30"
        )
        #expect(Mirror(reflecting: record).children.count == 16, "a new Case field: keep it in CaseFacts or CaseRest, and add it here")
        var table = CaseTable()
        table.put(record)
        #expect(table.record(at: 0) == record)
        var changed = record
        changed.siteID = "ghouta"
        changed.needs = []
        table.put(changed)
        #expect(table.count == 1 && table.record(at: 0) == changed)
        table.setStatus(of: record.id, to: .withdrawn, date: "", reason: "recovered")
        changed.status = .withdrawn
        changed.statusDate = ""
        changed.statusReason = "recovered"
        #expect(CaseRecords(table: table)[record.id] == changed)
        #expect(table.inconsistency() == nil)
    }

    @Test func aHistoryKeepsItsOrderPastTheInlineEvents() {
        for count in 0..<6 {
            let sequences = (0..<count).map { UInt64(10 * $0 + 3) }
            var built = SequenceList()
            for sequence in sequences { built.append(sequence) }
            #expect(built.array == sequences)
            #expect(SequenceList(sequences) == built)
        }
    }

    @Test func equalConditionListsShareOneArray() async throws {
        let state = try await withRegistry { registry in
            try await World.seed(registry)
            for _ in 0..<3 {
                _ = try await registry.registerCase(World.patient(conditions: [.cancer, .trauma]), personal: nil, actor: registrar)
            }
            return await registry.currentState
        }
        let buffers = state.cases.values.map { $0.conditions.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }
        #expect(buffers.count == 3 && Set(buffers).count == 1, "one shared buffer: \(buffers)")
    }
}

@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// A snapshot's payload holds the whole state: decoding what was encoded
/// gives an equal state; a payload cut short is DATA_LOSS.
@Suite struct SnapshotEncodingTests {
    /// The state a scenario leaves: parties, sites, cases with and without
    /// personal parts, deaths, withdrawals, and every record's history.
    private func scenarioState(cases: Int = 12) async throws -> RegistryState {
        try await withRegistry { registry in
            try await runScenario(registry, cases: cases)
            return await registry.currentState
        }
    }

    @Test func anEncodedStateDecodesEqual() async throws {
        let state = try await scenarioState()
        #expect(!state.personal.isEmpty && state.personal.count < state.cases.count, "cases with and without personal parts")
        #expect(state.cases.values.contains { $0.status == .deceased } && state.cases.values.contains { $0.status == .withdrawn })
        let payload = try state.snapshotPayload(coding: testRecordCoding)
        let decoded = try RegistryState(snapshotPayload: payload, sequence: state.lastSequence, coding: testRecordCoding)
        expectSameState(decoded, state)
    }

    @Test func anEmptyStateRoundTrips() throws {
        let state = RegistryState()
        let decoded = try RegistryState(snapshotPayload: try state.snapshotPayload(coding: testRecordCoding), sequence: 0, coding: testRecordCoding)
        #expect(decoded == state)
    }

    @Test func theNextCaseNumberRoundTripsEvenWithoutRegistryNumberedCases() async throws {
        let state = try await withRegistry { registry in
            try await World.seed(registry)
            _ = try await registry.registerCase(World.patient(), personal: nil, actor: registrar)
            _ = try await registry.registerCase(World.patient(), personal: nil, actor: registrar)
            _ = try await registry.registerCase(World.patient(id: "own-id"), personal: nil, actor: registrar)
            return await registry.currentState
        }
        let decoded = try RegistryState(snapshotPayload: try state.snapshotPayload(coding: testRecordCoding), sequence: state.lastSequence, coding: testRecordCoding)
        #expect(decoded.nextCaseNumber == 3)
        #expect(decoded == state)
    }

    /// A case that moved from one site to another leaves an empty set for the
    /// old site in `casesBySite`; the snapshot does not bring that set back.
    @Test func aStateWithACaseMovedAwayFromItsSiteRoundTrips() async throws {
        let state = try await withRegistry { registry in
            try await World.seed(registry)
            var moved = try #require(try await registry.registerCase(World.patient(), personal: nil, actor: registrar).case)
            moved.siteID = "douma-shelter"
            _ = try await registry.updateCase(moved, personal: nil, fields: ["site_id"], reason: "", actor: registrar)
            return await registry.currentState
        }
        let decoded = try RegistryState(snapshotPayload: try state.snapshotPayload(coding: testRecordCoding), sequence: state.lastSequence, coding: testRecordCoding)
        expectSameState(decoded, state)
    }

    @Test func everyCutInsideAnEntryIsDataLoss() async throws {
        let state = try await scenarioState(cases: 4)
        let payload = try state.snapshotPayload(coding: testRecordCoding)
        // Entry boundaries, from the length prefixes.
        var boundaries: Set<Int> = [0]
        var offset = 0
        while offset < payload.count {
            let length = Int(payload[offset]) | Int(payload[offset + 1]) << 8 | Int(payload[offset + 2]) << 16 | Int(payload[offset + 3]) << 24
            offset += 4 + length
            boundaries.insert(offset)
        }
        #expect(offset == payload.count)
        #expect(boundaries.count > 10)
        var cuts = 0
        for length in 1..<payload.count where !boundaries.contains(length) {
            cuts += 1
            let truncated = Array(payload.prefix(length))
            let error = try #require(throws: RegistryError.self, "cut at \(length) of \(payload.count)") {
                try RegistryState(snapshotPayload: truncated, sequence: state.lastSequence, coding: testRecordCoding)
            }
            #expect(error.code == .dataLoss, "cut at \(length): \(error)")
            if error.code != .dataLoss { break }
        }
        #expect(cuts > 0)
    }

    @Test func aCutThroughTheLengthPrefixIsDataLoss() async throws {
        let state = try await scenarioState()
        let payload = try state.snapshotPayload(coding: testRecordCoding)
        let error = try #require(throws: RegistryError.self) { try RegistryState(snapshotPayload: Array(payload.prefix(2)), sequence: 1, coding: testRecordCoding) }
        #expect(error.code == .dataLoss)
    }

    /// The payload passed its checksum but an entry is not a SnapshotEntry:
    /// stored data this build cannot read is DATA_LOSS, as it is for the log
    /// (StoreError.undecodable), not a caller's INVALID_ARGUMENT.
    @Test func anEntryThatIsNotASnapshotEntryIsDataLoss() throws {
        let garbage: [UInt8] = [8, 0, 0, 0] + [UInt8](repeating: 0xFF, count: 8)
        let error = try #require(throws: RegistryError.self) { try RegistryState(snapshotPayload: garbage, sequence: 1, coding: testRecordCoding) }
        #expect(error.code == .dataLoss, "\(error)")
    }
}

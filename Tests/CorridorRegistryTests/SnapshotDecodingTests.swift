@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import Testing

/// A snapshot's entries are counted first (SnapshotDecoding.entryCount), so
/// the case table makes room for them all; each case then goes into the table
/// with one probe of its index (CaseTable.load), moved out of its entry.
@Suite struct SnapshotDecodingTests {
    /// Counters, the world's parties and sites, then `cases` case entries
    /// (every third with a personal part, histories of one to three events),
    /// as a snapshot holds them; with where each entry's bytes start.
    private func payload(cases: Int, duplicate: (of: Int, at: Int)? = nil) throws -> (bytes: [UInt8], entries: [SnapshotEntry], starts: [Int]) {
        var entries: [SnapshotEntry] = [.counters(RegistryCounters(nextCaseNumber: UInt64(cases + 1), nextFigureNumber: 1))]
        entries += World.parties.map { .party(PartyEntry(party: $0, history: [1])) }
        entries += World.sites.map { .site(SiteEntry(site: $0, history: [2])) }
        var caseEntries = (0..<cases).map { index in
            var record = World.patient(id: "C-" + String(repeating: "0", count: max(0, 6 - String(index + 1).count)) + String(index + 1), site: index % 2 == 0 ? "douma-hospital" : "douma-shelter",
                                       ageMonths: UInt32(index % 1_200))
            record.status = .waiting
            record.registeredAtMs = 1_700_000_000_000 + UInt64(index)
            let personal = index % 3 == 0 ? CasePersonal(name: "Person \(index)") : nil
            return CaseEntry(case: record, personal: personal, history: (0...(index % 3)).map { UInt64(100 + index * 3 + $0) })
        }
        if let duplicate {
            var again = caseEntries[duplicate.of]
            again.case?.ageMonths += 1
            again.history = [999_999]
            caseEntries.insert(again, at: duplicate.at)
        }
        entries += caseEntries.map { .caseEntry($0) }
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for entry in entries {
            let encoded = try testRecordCoding.encode(entry)
            withUnsafeBytes(of: UInt32(encoded.count).littleEndian) { bytes.append(contentsOf: $0) }
            starts.append(bytes.count)
            bytes += encoded
        }
        return (bytes, entries, starts)
    }

    @Test func theEntriesAreCountedAndABadLengthIsDataLoss() throws {
        let (bytes, written, starts) = try payload(cases: 50)
        #expect(try SnapshotDecoding.entryCount(bytes) == written.count)
        #expect(try SnapshotDecoding.entryCount([]) == 0)
        // A length that runs past the end, and one cut short.
        var past = bytes
        past[starts[10] - 4] = 0xFF
        past[starts[10] - 3] = 0xFF
        let error = try #require(throws: RegistryError.self) { try SnapshotDecoding.entryCount(past) }
        #expect(error.code == .dataLoss)
        #expect("\(error)".contains("runs past the end"), "\(error)")
        let cut = try #require(throws: RegistryError.self) { try SnapshotDecoding.entryCount(Array(bytes.prefix(starts[3] - 2))) }
        #expect("\(cut)".contains("cut short"), "\(cut)")
    }

    @Test func aLargeSnapshotLoadsEveryCaseWithItsPersonalPartAndHistory() throws {
        let cases = 5_000
        let (bytes, written, _) = try payload(cases: cases)
        let state = try RegistryState(snapshotPayload: bytes, sequence: 50_000, coding: testRecordCoding)
        #expect(state.caseTable.inconsistency() == nil)
        #expect(state.cases.count == cases)
        #expect(state.nextCaseNumber == UInt64(cases + 1))
        #expect(state.parties.count == World.parties.count && state.sites.count == World.sites.count)
        for case .caseEntry(let entry) in written {
            let record = try #require(entry.case)
            guard state.cases[record.id] == record, state.personal(of: record.id) == entry.personal,
                  state.history(of: RecordKey(kind: .case, id: record.id)) == entry.history else {
                Issue.record("case \(record.id) did not load as written")
                return
            }
        }
        #expect(state.casesBySite["douma-hospital"]?.count == (cases + 1) / 2)
    }

    @Test func theFirstEntryThatDoesNotDecodeIsNamed() throws {
        var (bytes, _, starts) = try payload(cases: 200)
        let early = starts[starts.count / 2]
        let late = starts[starts.count - 5]
        for start in [early, late] {
            for offset in start..<(start + 6) { bytes[offset] = 0xFF }
        }
        let error = try #require(throws: RegistryError.self) {
            try RegistryState(snapshotPayload: bytes, sequence: 1, coding: testRecordCoding)
        }
        #expect(error.code == .dataLoss)
        #expect("\(error)".contains("snapshot entry at byte \(early) does not decode"), "\(error)")
    }

    @Test func aCaseWrittenTwiceIsKeptOnceAsItsLaterEntrySays() throws {
        let (bytes, written, _) = try payload(cases: 40, duplicate: (of: 3, at: 30))
        let state = try RegistryState(snapshotPayload: bytes, sequence: 1, coding: testRecordCoding)
        #expect(state.caseTable.inconsistency() == nil)
        #expect(state.cases.count == 40)
        let later = try #require(written.compactMap { entry -> CaseEntry? in
            if case .caseEntry(let value) = entry, value.history == [999_999] { return value }
            return nil
        }.first)
        let id = try #require(later.case?.id)
        #expect(state.cases[id] == later.case)
        #expect(state.history(of: RecordKey(kind: .case, id: id)) == [999_999])
        #expect(state.personal(of: id) == later.personal)
    }

    @Test func aTableWithRoomMadeLoadsConsistently() {
        var table = CaseTable()
        table.reserveCapacity(5_000)
        for index in 0..<5_000 {
            table.load(World.patient(id: "C-\(index)"), personal: nil, history: [UInt64(index)])
        }
        #expect(table.count == 5_000)
        #expect(table.inconsistency() == nil)
        #expect(table.slot(of: "C-4999") == 4_999)
        #expect(table.slot(of: "C-5000") == nil)
    }
}

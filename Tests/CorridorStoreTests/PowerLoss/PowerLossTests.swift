@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// Power loss, not only kill -9 (issue 12): the store's syncs are recorded,
/// and at every one of them (and after every acknowledgement) images of the
/// data directory a power cut could leave are built, then recovered as
/// corridord would (no --repair). In every image every acknowledged record,
/// snapshot and key is there and intact, and no image is refused as damaged:
/// each only lost what was never synced. docs/STORAGE.md, "Power loss".
@Suite struct PowerLossTests {
    static let segmentBytes = 16 * 1024

    private static func options(observer: PowerLossRecorder? = nil) -> StoreOptions {
        var options = smallSegments(segmentBytes)
        options.durabilityObserver = observer
        return options
    }

    /// One command of 1-3 records of 40-2,000 bytes: rolls come every few commands.
    private static func command(_ index: Int, using generator: inout SeededGenerator) -> [PendingRecord] {
        (0..<(1 + generator.next(below: 3))).map { part in
            PendingRecord(
                type: UInt16(30 + part), payload: patternPayload(count: 40 + generator.next(below: 1_960), seed: UInt64(index * 8 + part)),
                timestampNanoseconds: UInt64(index)
            )
        }
    }

    private static func makeDataDirectory(in scratch: String) throws -> String {
        let data = scratch + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: false)
        return data
    }

    /// Appends `commands` commands through `log`, telling the recorder of each acknowledgement.
    private static func append(
        _ commands: Int, to log: EventLog, recorder: PowerLossRecorder, using generator: inout SeededGenerator,
        written: inout [StoredRecord], between: (Int, UInt64) throws -> Void = { _, _ in }
    ) async throws {
        for index in 0..<commands {
            recorder.setPhase("append")
            let records = command(index, using: &generator)
            let sequences = try await log.appendDurably(records)
            for (offset, record) in records.enumerated() {
                written.append(StoredRecord(sequence: sequences.lowerBound + UInt64(offset), type: record.type, payload: record.payload))
            }
            recorder.acknowledge(records: sequences.upperBound)
            try between(index, sequences.upperBound)
        }
    }

    /// The log recovered from an image holds every acknowledged record, then
    /// perhaps some unacknowledged ones, all as written and in order.
    private static func checkLog(
        _ replayed: [StoredRecord], after snapshot: UInt64, acknowledged: UInt64, written: [StoredRecord]
    ) -> String? {
        let last = snapshot + UInt64(replayed.count)
        guard last >= acknowledged else {
            return "recovered through sequence \(last) (\(replayed.count) records after \(snapshot)), but \(acknowledged) were acknowledged"
        }
        guard last <= UInt64(written.count) else { return "recovered \(last) records, only \(written.count) were written" }
        for (index, record) in replayed.enumerated() where record != written[Int(snapshot) + index] {
            return "record \(snapshot + UInt64(index) + 1) came back as \(record), written as \(written[Int(snapshot) + index])"
        }
        return nil
    }

    /// Builds `perState` images of every state (none, all, then random
    /// subsets of what was pending) and runs `recover` on each.
    private static func tryImages(
        of states: [CrashState], perState: Int, seed: UInt64, scratch: String,
        recover: (String, CrashState, inout ImageTally) throws -> String?
    ) throws -> ImageTally {
        var tally = ImageTally()
        let image = scratch + "/image"
        for (index, state) in states.enumerated() {
            for attempt in 0..<(state.hasPending ? perState : 1) {
                let choice: CrashImage.Choice = attempt == 0 ? .none : attempt == 1 ? .all : .random
                var generator = SeededGenerator(seed: seed ^ (UInt64(index) << 24) ^ UInt64(attempt))
                try? FileManager.default.removeItem(atPath: image)
                try FileManager.default.createDirectory(atPath: image, withIntermediateDirectories: false)
                try CrashImage.write(state, choice: choice, into: image, using: &generator)
                tally.count(state.kind)
                let failure: String?
                do {
                    failure = try recover(image, state, &tally)
                } catch {
                    failure = "refused: \(error)"
                }
                if let failure {
                    tally.failures.append("crash state \(index) (\(state.kind), \(state.acknowledgedRecords) records acknowledged), image \(attempt) (\(choice)): \(failure)")
                }
            }
        }
        try? FileManager.default.removeItem(atPath: image)
        return tally
    }

    @Test func everyAcknowledgedRecordSurvivesPowerLossDuringAppendsAndRolls() async throws {
        try await withTemporaryDirectory { scratch in
            let data = try Self.makeDataDirectory(in: scratch)
            let recorder = PowerLossRecorder(root: data)
            recorder.startCapturing()
            let (log, _) = try EventLog.open(directory: data, options: Self.options(observer: recorder), logger: quietLogger)
            var generator = SeededGenerator(seed: 0x1207_0001)
            var written: [StoredRecord] = []
            try await Self.append(24, to: log, recorder: recorder, using: &generator, written: &written)
            #expect(log.figures.segments >= 3, "the scenario rolls segments")

            let states = recorder.crashStates
            let tally = try Self.tryImages(
                of: states, perState: PowerLossBudget.imagesPerState(states, share: 0.5), seed: 0x1207_0001, scratch: scratch
            ) { image, state, tally in
                let (_, report, replayed) = try openLog(image, options: Self.options())
                if report.truncatedTail != nil { tally.cutTails += 1 }
                return Self.checkLog(replayed, after: 0, acknowledged: state.acknowledgedRecords, written: written)
            }
            print("power loss, appends and rolls: \(recorder.events) durability events, \(states.count) crash states; \(tally)")
            #expect(tally.failures.count == 0, "\(tally.failures.count) images failed; first: \(tally.failures.prefix(3).joined(separator: "\n"))")
        }
    }

    @Test func snapshotsLoadOrAreSkippedAndTheLogCompletesThemAfterPowerLoss() async throws {
        try await withTemporaryDirectory { scratch in
            let data = try Self.makeDataDirectory(in: scratch)
            let recorder = PowerLossRecorder(root: data)
            recorder.startCapturing()
            let (log, _) = try EventLog.open(directory: data, options: Self.options(observer: recorder), logger: quietLogger)
            let snapshots = SnapshotStore(dataDirectory: data, logger: quietLogger, observer: recorder)
            var generator = SeededGenerator(seed: 0x1207_0002)
            var written: [StoredRecord] = []
            try await Self.append(16, to: log, recorder: recorder, using: &generator, written: &written) { index, durable in
                guard index % 3 == 2 else { return }
                recorder.setPhase("snapshot")
                try snapshots.write(sequence: durable, payload: Self.snapshotPayload(durable))
                recorder.acknowledge("snapshot", durable, kind: "after a snapshot written")
            }

            let states = recorder.crashStates
            let tally = try Self.tryImages(
                of: states, perState: PowerLossBudget.imagesPerState(states, share: 0.35), seed: 0x1207_0002, scratch: scratch
            ) { image, state, tally in
                let (newest, skipped) = SnapshotStore(dataDirectory: image, logger: quietLogger).newestValid()
                if let (path, fault) = skipped.first {
                    return "snapshot \(path) refused (\(fault)): snapshots are renamed into place only once whole and synced"
                }
                let acknowledged = state.acknowledgedContext["snapshot"] ?? 0
                let loaded = newest?.header.sequence ?? 0
                guard loaded >= acknowledged else { return "the newest snapshot is through \(loaded), one through \(acknowledged) was written" }
                if let newest, newest.payload != Self.snapshotPayload(loaded) { return "snapshot \(loaded) holds other bytes than written" }
                let (_, report, replayed) = try openLog(image, options: Self.options(), replayAfter: loaded)
                if report.truncatedTail != nil { tally.cutTails += 1 }
                return Self.checkLog(replayed, after: loaded, acknowledged: state.acknowledgedRecords, written: written)
            }
            print("power loss, snapshots: \(recorder.events) durability events, \(states.count) crash states; \(tally)")
            #expect(tally.failures.count == 0, "\(tally.failures.count) images failed; first: \(tally.failures.prefix(3).joined(separator: "\n"))")
        }
    }

    private static func snapshotPayload(_ sequence: UInt64) -> [UInt8] {
        patternPayload(count: 3_000 + Int(sequence % 7) * 700, seed: 0x5AA0 + sequence)
    }

    @Test func everyAcknowledgedKeyAndKeyDestructionSurvivesPowerLoss() async throws {
        try await withTemporaryDirectory { scratch in
            let data = try Self.makeDataDirectory(in: scratch)
            let recorder = PowerLossRecorder(root: data)
            let keyID: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
            recorder.startCapturing()
            recorder.setPhase("key store")
            let store = try PersonalKeyStore(dataDirectory: data, newKeyID: keyID, observer: recorder)
            let keys = 24
            for index in 0..<keys {
                try store.add(caseID: "case-\(index)", wrappedKey: Self.wrappedKey(index))
                recorder.acknowledge("added case-\(index)", 1, kind: "after a key added")
                if index % 6 == 5 {
                    let destroyed: Set<String> = ["case-\(index - 5)", "case-\(index - 2)"]
                    for id in destroyed { recorder.acknowledge("destroying \(id)", 1, kind: "before keys destroyed") }
                    try store.remove(destroyed)
                    for id in destroyed { recorder.acknowledge("destroyed \(id)", 1, kind: "after keys destroyed") }
                }
            }

            let states = recorder.crashStates
            let tally = try Self.tryImages(
                of: states, perState: PowerLossBudget.imagesPerState(states, share: 0.15), seed: 0x1207_0003, scratch: scratch
            ) { image, state, _ in
                let recovered = try PersonalKeyStore(dataDirectory: image, newKeyID: keyID)
                for index in 0..<keys {
                    let id = "case-\(index)"
                    let found = recovered.wrappedKey(of: id)
                    if state.acknowledgedContext["destroyed \(id)"] != nil {
                        if found != nil { return "the key of \(id) was destroyed and acknowledged, and is back" }
                    } else if state.acknowledgedContext["added \(id)"] != nil, state.acknowledgedContext["destroying \(id)"] == nil, found == nil {
                        return "the key of \(id) was added and acknowledged, and is missing"
                    }
                    if let found, found != Self.wrappedKey(index) { return "the key of \(id) came back as other bytes" }
                }
                return nil
            }
            print("power loss, key store: \(recorder.events) durability events, \(states.count) crash states; \(tally)")
            #expect(tally.failures.count == 0, "\(tally.failures.count) images failed; first: \(tally.failures.prefix(3).joined(separator: "\n"))")
        }
    }

    private static func wrappedKey(_ index: Int) -> [UInt8] {
        patternPayload(count: 60, seed: 0x4B00 + UInt64(index))
    }
}

@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

/// Found by the power-loss simulation: `segments/` and `snapshots/` were made
/// with mkdir and never fsynced in the data directory, so a power cut could
/// take their entries, and with them every acknowledged record (recovery then
/// started a new, empty log) or every written snapshot. The image is the one
/// that showed it: the crash right after the first acknowledged append (or
/// snapshot), nothing unsynced kept.
@Suite struct NewDirectoryDurabilityTests {
    @Test func theFirstAcknowledgedRecordSurvivesWhenNothingUnsyncedDoes() async throws {
        try await withTemporaryDirectory { scratch in
            let data = scratch + "/data"
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: false)
            let recorder = PowerLossRecorder(root: data)
            var options = smallSegments(16 * 1024)
            options.durabilityObserver = recorder
            let (log, _) = try EventLog.open(directory: data, options: options, logger: quietLogger)
            recorder.startCapturing()
            let record = PendingRecord(type: 30, payload: Array("first".utf8), timestampNanoseconds: 1)
            let sequences = try await log.appendDurably([record])
            recorder.acknowledge(records: sequences.upperBound)

            let crash = try #require(recorder.crashStates.last)
            let image = scratch + "/image"
            try FileManager.default.createDirectory(atPath: image, withIntermediateDirectories: false)
            var generator = SeededGenerator(seed: 1)
            try CrashImage.write(crash, choice: .none, into: image, using: &generator)
            let (_, _, replayed) = try openLog(image, options: smallSegments(16 * 1024))
            #expect(replayed == [StoredRecord(sequence: 1, type: 30, payload: Array("first".utf8))])
        }
    }

    @Test func aWrittenSnapshotSurvivesWhenNothingUnsyncedDoes() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: false)
        let recorder = PowerLossRecorder(root: data)
        recorder.startCapturing()
        try SnapshotStore(dataDirectory: data, logger: quietLogger, observer: recorder).write(sequence: 7, payload: [1, 2, 3])
        recorder.acknowledge("snapshot", 7, kind: "after a snapshot written")

        let crash = try #require(recorder.crashStates.last)
        let image = scratch.file("image")
        try FileManager.default.createDirectory(atPath: image, withIntermediateDirectories: false)
        var generator = SeededGenerator(seed: 1)
        try CrashImage.write(crash, choice: .none, into: image, using: &generator)
        let newest = SnapshotStore(dataDirectory: image, logger: quietLogger).newestValid().snapshot
        #expect(newest?.header.sequence == 7)
        #expect(newest?.payload == [1, 2, 3])
    }
}

import Foundation

/// Start-up with N cases: the data set (CaseDataset) linked into a fresh data
/// directory, then, each in a child process of its own (StorageChild):
///   1. EventLog.open of its log, counting records: the store's share;
///   2. Registry.open with no snapshot: every event decoded and applied;
///      then snapshotNow(), timed, and the snapshot's size;
///   3. Registry.open again, now from that snapshot (the log is still checked
///      record by record, but nothing is replayed);
///   4. Registry.open of an empty directory: the memory baseline.
/// The page cache is warm throughout (the segment files are read once first).
enum RegistryStartup {
    struct Result: Sendable {
        var dataset: CaseDataset.Prepared
        /// read(2) of the log's bytes, warm: the floor under any replay.
        var read: LogReplay.Pass
        var logOpen: StorageChild.Report
        var withoutSnapshot: StorageChild.Report
        var withSnapshot: StorageChild.Report
        var empty: StorageChild.Report
    }

    static func run(scratch: StorageScratch, dataset: CaseDataset.Prepared) throws -> Result {
        let directory = try scratch.subdirectory("registry")
        try linkOrCopyTree(from: dataset.dataDirectory + "/segments", to: directory + "/segments")
        let extents = try segmentExtents(dataDirectory: directory, recordBytes: dataset.manifest.recordBytes)
        _ = try LogReplay.readFloor(extents)
        let read = try LogReplay.readFloor(extents)

        let cases = dataset.manifest.cases
        progress("EventLog.open of the \(cases)-case log (\(formatMiB(Double(dataset.manifest.recordBytes))) in \(extents.count) segments), no decoding…")
        let logOpen = try StorageChild.run(["log-replay", directory])
        progress("Registry.open with no snapshot: replaying \(dataset.manifest.lastSequence) events, then snapshotNow()…")
        let withoutSnapshot = try StorageChild.run(["registry-open", directory, "--snapshot"])
        guard withoutSnapshot.snapshotLoaded == false, withoutSnapshot.cases == cases else {
            throw BenchmarkFailure("the first open found a snapshot or \(withoutSnapshot.cases) cases where \(cases) were registered")
        }
        progress("Registry.open from the snapshot…")
        let withSnapshot = try StorageChild.run(["registry-open", directory])
        guard withSnapshot.snapshotLoaded == true, withSnapshot.cases == cases else {
            throw BenchmarkFailure("the second open did not load the snapshot, or holds \(withSnapshot.cases) cases")
        }
        progress("Registry.open of an empty data directory (the memory baseline)…")
        let empty = try StorageChild.run(["registry-empty", try scratch.subdirectory("registry-empty")])
        return Result(dataset: dataset, read: read, logOpen: logOpen, withoutSnapshot: withoutSnapshot, withSnapshot: withSnapshot, empty: empty)
    }
}

import Foundation

/// Start-up with N cases: the data set (CaseDataset) linked into a fresh data
/// directory, then, each in a child process of its own (StorageChild):
///   1. EventLog.open of its log, counting records: the store's share;
///   2. Registry.open with no snapshot: every event decoded and applied;
///      then snapshotNow(), timed, and the snapshot's size;
///   3. Registry.open again, now from that snapshot (the log is still checked
///      record by record, but nothing is replayed);
///   4. Registry.open of an empty directory: the memory baseline;
///   5. `corridorctl inspect verify` of the same directory (the issue's
///      baseline for start-up: reading and checking every record, offline,
///      without building any state), the median of three runs.
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
        /// Wall-clock seconds of `corridorctl inspect verify DIR`; nil without corridorctl.
        var verifySeconds: Double?
    }

    static func run(scratch: StorageScratch, dataset: CaseDataset.Prepared, corridorctl: String?) throws -> Result {
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
        var verifySeconds: Double?
        if let corridorctl, FileManager.default.isExecutableFile(atPath: corridorctl) {
            progress("corridorctl inspect verify of the same directory (three runs)…")
            var runs: [Double] = []
            for _ in 0..<3 { runs.append(try timeVerify(corridorctl: corridorctl, directory: directory)) }
            verifySeconds = runs.sorted()[1]
        } else {
            progress("no corridorctl at \(corridorctl ?? "(none)"): the inspect verify baseline is left out")
        }
        return Result(dataset: dataset, read: read, logOpen: logOpen, withoutSnapshot: withoutSnapshot, withSnapshot: withSnapshot, empty: empty, verifySeconds: verifySeconds)
    }

    /// One `corridorctl inspect verify DIR`, wall clock; its output is discarded, a failure is an error.
    private static func timeVerify(corridorctl: String, directory: String) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: corridorctl)
        process.arguments = ["inspect", "verify", directory]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure("corridorctl inspect verify \(directory) exited with \(process.terminationStatus)")
        }
        return seconds
    }
}

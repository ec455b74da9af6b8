import ArgumentParser
import Foundation
import Glibc

/// `storage`: the event log and the registry against the floor under them and
/// against SQLite, all in one run, on the data directory's own file system.
///   (1) raw pwrite + fdatasync of a 256-byte record: the floor (RawSync);
///   (2) durable appends through EventLog, 1/16/64 writers (DurableAppends);
///   (3) SQLite WAL synchronous=FULL through GRDB, the same writers (SQLiteInserts);
///   (4) replay rate of EventLog.open on 1M small records (LogReplay);
///   (5) start-up with 1M cases, with and without a snapshot (RegistryStartup,
///       on the cached data set of CaseDataset);
///   (6) resident memory per million cases (RegistryMemory).
struct StorageBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage",
        abstract: "Durable appends, replay and start-up of the event log and registry against raw fdatasync and SQLite."
    )

    @Option(help: "Where the run's data goes: a fresh directory is made inside it and removed after. Its file system is the one measured.")
    var dir = "/var/tmp"

    @Option(name: .customLong("cache-dir"), help: "Where the N-case data set is built once and kept between runs (same file system as --dir, so it can be hard-linked).")
    var cacheDir = "/var/tmp/corridor-benchmarks-cache"

    @Option(help: "Cases in the start-up data set.")
    var cases = 1_000_000

    @Flag(help: "Build the data set again even when a cached one matches.")
    var rebuild = false

    @Option(help: "Bytes of each appended record's payload, each SQLite row's blob and each raw write.")
    var size = 256

    @Option(help: "Timed pwrite + fdatasync iterations of the floor.")
    var syncs = 5_000

    @Option(help: "Concurrent writers, comma-separated.")
    var writers = "1,16,64"

    @Option(help: "Timed durable appends per run below 64 writers, across all writers.")
    var appends = 20_000

    @Option(name: .customLong("appends-64"), help: "Timed durable appends per run at 64 writers or more.")
    var appendsAt64 = 100_000

    @Option(help: "Timed SQLite inserts per run, across all writers.")
    var inserts = 20_000

    @Option(name: .customLong("replay-records"), help: "Records in the replay benchmark's log.")
    var replayRecords = 1_000_000

    @Option(name: .customLong("replay-size"), help: "Payload bytes of each replay record.")
    var replaySize = 64

    @Flag(name: .customLong("skip-sqlite"), help: "Leave out SQLite (and the ratios to it).")
    var skipSQLite = false

    @Flag(name: .customLong("skip-registry"), help: "Leave out start-up and memory (and the data set build).")
    var skipRegistry = false

    @Option(help: "The corridorctl whose `inspect verify` is the start-up baseline; skipped when missing.")
    var corridorctl = "../.build/release/corridorctl"

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print the table as Markdown.")
    var markdown = false

    @Option(name: .customLong("json-out"), help: "Also write the JSON report to this file.")
    var jsonOut: String?

    var writerCounts: [Int] { writers.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        guard (1...65_536).contains(size) else { throw ValidationError("--size must be between 1 and 65536 bytes.") }
        guard syncs >= 100 else { throw ValidationError("--syncs must be at least 100.") }
        let counts = writerCounts
        guard !counts.isEmpty, counts.count == writers.split(separator: ",").count, counts.allSatisfy({ (1...1024).contains($0) }) else {
            throw ValidationError("--writers must be a comma-separated list of counts from 1 to 1024.")
        }
        guard appends >= 100, appendsAt64 >= 100, inserts >= 100 else { throw ValidationError("--appends, --appends-64 and --inserts must be at least 100.") }
        guard counts.allSatisfy({ $0 <= appendCount(writers: $0) && $0 <= inserts }) else {
            throw ValidationError("every writer needs at least one append and one insert.")
        }
        guard replayRecords >= 1_000 else { throw ValidationError("--replay-records must be at least 1000.") }
        guard (1...65_536).contains(replaySize) else { throw ValidationError("--replay-size must be between 1 and 65536 bytes.") }
        guard cases >= 1_000 else { throw ValidationError("--cases must be at least 1000.") }
    }

    func appendCount(writers: Int) -> Int { writers >= 64 ? appendsAt64 : appends }

    func run() async throws {
        let machine = MachineInfo.current()
        let scratch = try StorageScratch(parent: dir)
        defer { scratch.remove() }
        let fileSystem = fileSystemName(scratch.path)
        progress("storage benchmarks in \(scratch.path) (\(fileSystem))")

        var figures: [BenchmarkFigure] = []
        var details: [String: LatencySummary] = [:]
        var notes: [String] = []
        let bytes = "\(size) B"
        if fileSystem == "tmpfs" {
            notes.append("the data directory is on tmpfs, where fdatasync and msync do nothing: these figures say nothing about a disk; pass --dir on a real file system")
        }

        // (1) The floor. The disk's sync latency moves with whatever else the
        // machine does, so it is measured before every group of writers and
        // once more at the end; the fastest pass is the baseline (the
        // conservative choice for ratios that should be high).
        var floorPasses: [(label: String, summary: LatencySummary)] = []
        func measureFloor(_ label: String) throws {
            progress("raw floor (\(label)): \(syncs) × (pwrite \(size) B at the end of a file + fdatasync)…")
            let summary = LatencySummary(nanoseconds: try RawSync.run(
                directory: scratch.path, recordBytes: size, iterations: syncs, warmup: 100, placement: .append))
            details["raw pwrite + fdatasync, \(label)"] = summary
            floorPasses.append((label, summary))
        }
        try measureFloor("at the start")
        progress("raw floor into preallocated blocks (as the log's segments are)…")
        let rawPreallocated = LatencySummary(nanoseconds: try RawSync.run(
            directory: scratch.path, recordBytes: size, iterations: syncs, warmup: 100, placement: .preallocated))
        details["raw pwrite + fdatasync into preallocated blocks"] = rawPreallocated

        // (2) and (3), concurrency by concurrency, ours then SQLite's, so both
        // see the same moment's disk and load.
        var runs: [(writers: Int, ours: DurableAppends.Result, peer: SQLiteInserts.Result?)] = []
        for (index, count) in writerCounts.enumerated() {
            if index > 0 { try measureFloor("before \(count) writers") }
            let total = appendCount(writers: count)
            progress("durable appends: \(total) × \(bytes), \(count) writer(s)…")
            let ours = try await DurableAppends.run(
                directory: try scratch.subdirectory("appends-\(count)"), writers: count, total: total, payloadBytes: size, warmup: 200)
            try? FileManager.default.removeItem(atPath: scratch.path + "/appends-\(count)")
            var peer: SQLiteInserts.Result?
            if !skipSQLite {
                progress("SQLite (GRDB DatabasePool, WAL, synchronous=FULL): \(inserts) inserts of \(bytes), \(count) writer(s)…")
                peer = try await SQLiteInserts.run(
                    directory: try scratch.subdirectory("sqlite-\(count)"), writers: count, total: inserts, payloadBytes: size, warmup: 100)
                try? FileManager.default.removeItem(atPath: scratch.path + "/sqlite-\(count)")
            }
            runs.append((count, ours, peer))
        }
        try measureFloor("at the end")

        let best = floorPasses.max { $0.summary.meanMicroseconds > $1.summary.meanMicroseconds }!
        let raw = best.summary
        let rawRate = 1e6 / raw.meanMicroseconds
        let passesText = floorPasses.map { "\($0.label) \(Report.grouped(Int(1e6 / $0.summary.meanMicroseconds)))/s (p50 \(formatNumber($0.summary.p50Microseconds, decimals: 0)) µs)" }.joined(separator: ", ")
        let rawBaseline = Baseline(label: "raw fdatasync rate, this run", value: rawRate, unit: "appends/s", sameRun: true)
        figures.append(BenchmarkFigure("raw pwrite + fdatasync, 1 writer (\(bytes) appended)", value: rawRate, unit: "appends/s",
                              note: "the floor: one file, each write extended it and was made durable alone (1 / mean latency); the fastest of \(floorPasses.count) passes, which were: \(passesText)"))
        figures.append(BenchmarkFigure("raw pwrite + fdatasync p50", value: raw.p50Microseconds, unit: "µs"))
        figures.append(BenchmarkFigure("raw pwrite + fdatasync p99", value: raw.p99Microseconds, unit: "µs"))
        figures.append(BenchmarkFigure("raw pwrite + fdatasync into posix_fallocate'd blocks", value: 1e6 / rawPreallocated.meanMicroseconds, unit: "appends/s",
                              baseline: rawBaseline, note: "context: the segment files are reserved this way; p50 \(formatNumber(rawPreallocated.p50Microseconds, decimals: 1)) µs, p99 \(formatNumber(rawPreallocated.p99Microseconds, decimals: 1)) µs"))

        var sqliteVersion = "?"
        for (count, ours, peer) in runs {
            let oursLatency = LatencySummary(nanoseconds: ours.run.latencies)
            let oursFairness = ours.run.fairness(start: ours.start)
            details["durable append, \(count) writer(s)"] = oursLatency
            let shape = count == 1 ? "1 writer" : "\(count) writers"
            let syncMicroseconds = ours.syncs > 0 ? ours.run.seconds * 1e6 / Double(ours.syncs) : 0
            figures.append(BenchmarkFigure("durable appends, \(shape)", value: ours.run.perSecond, unit: "appends/s", baseline: rawBaseline,
                                  goal: count >= 64 ? .ratioAtLeast(20) : nil,
                                  note: "\(ours.run.operations) single-record appendDurably calls in \(formatNumber(ours.run.seconds, decimals: 2)) s; \(ours.syncs) msyncs, one per \(formatNumber(syncMicroseconds, decimals: 0)) µs of the run"))
            if let peer {
                sqliteVersion = peer.sqliteVersion
                let peerBaseline = Baseline(label: "SQLite, \(shape), this run", value: peer.run.perSecond, unit: "inserts/s", sameRun: true)
                // The goal is at 64 writers, where group commit pays; with one
                // writer both sync once per write, so that ratio is context.
                figures.append(BenchmarkFigure("durable appends vs SQLite, \(shape)", value: ours.run.perSecond, unit: "appends/s",
                                      baseline: peerBaseline, goal: count >= 64 ? .ratioAtLeast(20) : nil))
            }
            figures.append(BenchmarkFigure("records per sync, \(shape)", value: ours.recordsPerSync, unit: "records/sync",
                                  note: "syncedRecords / syncs from EventLog.figures over the timed part"))
            figures.append(BenchmarkFigure("durable append p50, \(shape)", value: oursLatency.p50Microseconds, unit: "µs",
                                  baseline: Baseline(label: "raw p50, this run", value: raw.p50Microseconds, unit: "µs", sameRun: true)))
            figures.append(BenchmarkFigure("durable append p99, \(shape)", value: oursLatency.p99Microseconds, unit: "µs",
                                  baseline: Baseline(label: "raw p99, this run", value: raw.p99Microseconds, unit: "µs", sameRun: true)))
            if count > 1 {
                figures.append(BenchmarkFigure("writers starved, durable appends, \(shape)", value: Double(oursFairness.starved), unit: "writers",
                                      goal: .atMost(0), note: fairnessText(oursFairness)))
            }
            if let peer {
                let peerLatency = LatencySummary(nanoseconds: peer.run.latencies)
                let peerFairness = peer.run.fairness(start: peer.start)
                details["SQLite insert, \(count) writer(s)"] = peerLatency
                figures.append(BenchmarkFigure("SQLite inserts, \(shape)", value: peer.run.perSecond, unit: "inserts/s", baseline: rawBaseline,
                                      note: "\(peer.run.operations) inserts, each its own transaction, in \(formatNumber(peer.run.seconds, decimals: 2)) s"))
                figures.append(BenchmarkFigure("SQLite insert p50 / p99 / max, \(shape)", value: peerLatency.p50Microseconds, unit: "µs",
                                      note: "p99 \(formatNumber(peerLatency.p99Microseconds, decimals: 1)) µs, max \(formatNumber(peerLatency.maxMicroseconds, decimals: 1)) µs"))
                if count > 1 {
                    figures.append(BenchmarkFigure("writers starved, SQLite, \(shape)", value: Double(peerFairness.starved), unit: "writers",
                                          note: fairnessText(peerFairness)))
                }
            }
        }

        // (4) Replay.
        progress("replay: writing \(replayRecords) records of \(replaySize) B, then EventLog.open 3 times warm and once cold…")
        let replay = try LogReplay.run(directory: try scratch.subdirectory("replay"), records: replayRecords, payloadBytes: replaySize, passes: 3)
        try? FileManager.default.removeItem(atPath: scratch.path + "/replay")
        let replayShape = "\(replayRecords) × \(replaySize) B records"
        figures.append(BenchmarkFigure("EventLog.open replay, \(replayShape), warm", value: replay.warm.recordsPerSecond, unit: "records/s",
                              note: "median of 3 opens: \(formatNumber(replay.warm.seconds, decimals: 3)) s for \(formatMiB(Double(replay.recordBytes))) in \(replay.segments) segment(s); every record's CRC32C checked, handed to a closure that counts it (no decoding)"))
        figures.append(BenchmarkFigure("EventLog.open replay bandwidth, warm", value: replay.warm.megabytesPerSecond, unit: "MB/s",
                              baseline: Baseline(label: "read(2) of the same bytes, warm, this run", value: replay.warmRead.megabytesPerSecond, unit: "MB/s", sameRun: true)))
        figures.append(BenchmarkFigure("EventLog.open replay bandwidth, cold", value: replay.cold.megabytesPerSecond, unit: "MB/s",
                              baseline: Baseline(label: "read(2) of the same bytes, cold, this run", value: replay.coldRead.megabytesPerSecond, unit: "MB/s", sameRun: true),
                              note: "after posix_fadvise(DONTNEED) on the segment files: \(formatNumber(replay.cold.seconds, decimals: 3)) s, \(Report.grouped(Int(replay.cold.recordsPerSecond))) records/s (cold in this VM; the host may still cache the disk)"))

        // (5) and (6) Start-up and memory.
        if !skipRegistry {
            let dataset = try CaseDataset.prepare(cacheDirectory: cacheDir, cases: cases, writers: 64, rebuild: rebuild)
            let manifest = dataset.manifest
            let casesText = Report.grouped(cases)
            figures.append(BenchmarkFigure("data set: \(casesText) registerCase calls, 64 tasks", value: Double(manifest.cases) / manifest.buildSeconds, unit: "cases/s",
                                  note: "\(formatNumber(manifest.buildSeconds, decimals: 1)) s, \(formatNumber(Double(manifest.syncedRecords) / Double(max(1, manifest.syncs)), decimals: 1)) records per sync, periodic snapshots every 50,000 events as the daemon runs; close (final snapshot) \(formatNumber(manifest.closeSeconds, decimals: 1)) s; \(dataset.reused ? "built \(manifest.builtAt), reused from \(cacheDir)" : "built in this run")"))
            figures.append(BenchmarkFigure("registerCase p50 during the build (64 tasks)", value: manifest.latency.p50Microseconds, unit: "µs",
                                  note: "p99 \(formatNumber(manifest.latency.p99Microseconds, decimals: 1)) µs\(dataset.reused ? " (from the build's manifest)" : "")"))
            figures.append(BenchmarkFigure("registerCase max during the build (64 tasks)", value: manifest.latency.maxMicroseconds / 1000, unit: "ms",
                                  note: "the longest any one registration waited: periodic snapshots are encoded on the registry actor, so commands queue behind them"))
            details["registerCase during the data set build (64 tasks)"] = manifest.latency

            progress("start-up with \(casesText) cases…")
            let startup = try RegistryStartup.run(scratch: scratch, dataset: dataset, corridorctl: corridorctl)
            let events = startup.withoutSnapshot.records
            let logBytes = Double(startup.logOpen.recordBytes)
            let logOpenBaseline = Baseline(label: "EventLog.open of the same log, no decoding, this run", value: startup.logOpen.seconds, unit: "s", sameRun: true)
            figures.append(BenchmarkFigure("EventLog.open of the \(casesText)-case log", value: startup.logOpen.seconds, unit: "s",
                                  baseline: Baseline(label: "read(2) of the same bytes, warm, this run", value: startup.read.seconds, unit: "s", sameRun: true),
                                  note: "\(startup.logOpen.records) records, \(formatMiB(logBytes)), \(startup.logOpen.segments) segments: \(Report.grouped(Int(Double(startup.logOpen.records) / startup.logOpen.seconds))) records/s, \(formatNumber(logBytes / 1e6 / startup.logOpen.seconds, decimals: 1)) MB/s"))
            figures.append(BenchmarkFigure("Registry.open, \(casesText) cases, no snapshot", value: startup.withoutSnapshot.seconds, unit: "s",
                                  baseline: logOpenBaseline, note: "replays all \(events) events: each decoded (Event from protobuf) and applied"))
            figures.append(BenchmarkFigure("registry replay rate (decode + apply)", value: Double(events) / startup.withoutSnapshot.seconds, unit: "records/s",
                                  baseline: Baseline(label: "EventLog.open alone, this run", value: Double(startup.logOpen.records) / startup.logOpen.seconds, unit: "records/s", sameRun: true),
                                  note: "\(formatNumber(logBytes / 1e6 / startup.withoutSnapshot.seconds, decimals: 1)) MB/s of log"))
            if let snapshotSeconds = startup.withoutSnapshot.snapshotSeconds, let snapshotBytes = startup.withoutSnapshot.snapshotBytes {
                figures.append(BenchmarkFigure("snapshotNow(), \(casesText) cases", value: snapshotSeconds, unit: "s",
                                      note: "encode every entry, write, fsync, rename, fsync the directory; on the registry actor"))
                figures.append(BenchmarkFigure("snapshot size, \(casesText) cases", value: Double(snapshotBytes) / 1_048_576, unit: "MiB",
                                      baseline: Baseline(label: "the log's record bytes", value: logBytes / 1_048_576, unit: "MiB", sameRun: true)))
            }
            figures.append(BenchmarkFigure("Registry.open, \(casesText) cases, from a snapshot", value: startup.withSnapshot.seconds, unit: "s",
                                  baseline: Baseline(label: "Registry.open with no snapshot, this run", value: startup.withoutSnapshot.seconds, unit: "s", sameRun: true),
                                  note: "loads and decodes the snapshot, then checks every record of the log (CRC) but replays none (\(startup.withSnapshot.records) replayed)"))
            if let verify = startup.verifySeconds {
                let verifyBaseline = Baseline(label: "corridorctl inspect verify of the same directory, this run", value: verify, unit: "s", sameRun: true)
                figures.append(BenchmarkFigure("corridorctl inspect verify, \(casesText)-case directory", value: verify, unit: "s",
                                      note: "median of 3 runs, wall clock: every record read and checked offline, no state built"))
                figures.append(BenchmarkFigure("start-up from the log alone vs inspect verify", value: startup.withoutSnapshot.seconds, unit: "s",
                                      baseline: verifyBaseline, note: "issue 9: at most 10 s for a million cases"))
                figures.append(BenchmarkFigure("start-up from a snapshot vs inspect verify", value: startup.withSnapshot.seconds, unit: "s",
                                      baseline: verifyBaseline, note: "issue 9: at most 3 s for a million cases, aim 1 s"))
            }

            if let byReplay = RegistryMemory.perMillion(opened: startup.withoutSnapshot, empty: startup.empty, cases: cases),
               let bySnapshot = RegistryMemory.perMillion(opened: startup.withSnapshot, empty: startup.empty, cases: cases),
               let emptyMemory = startup.empty.memoryAfter {
                figures.append(BenchmarkFigure("VmRSS per million cases, opened by replay", value: byReplay.residentMiB, unit: "MiB",
                                      note: "VmRSS after Registry.open less an empty registry's, ×\(formatNumber(1_000_000 / Double(cases), decimals: 2)): anonymous \(formatNumber(byReplay.anonymousMiB, decimals: 1)) MiB, file-backed (the mapped log) \(formatNumber(byReplay.fileMiB, decimals: 1)) MiB"))
                figures.append(BenchmarkFigure("VmRSS per million cases, opened from a snapshot", value: bySnapshot.residentMiB, unit: "MiB",
                                      note: "anonymous \(formatNumber(bySnapshot.anonymousMiB, decimals: 1)) MiB, file-backed \(formatNumber(bySnapshot.fileMiB, decimals: 1)) MiB"))
                figures.append(BenchmarkFigure("heap (RssAnon) per million cases after malloc_trim", value: byReplay.anonymousTrimmedMiB, unit: "MiB",
                                      note: "opened by replay; from a snapshot: \(formatNumber(bySnapshot.anonymousTrimmedMiB, decimals: 1)) MiB. The live state, less the garbage the open left in malloc's free lists"))
                figures.append(BenchmarkFigure("VmRSS of an empty registry", value: Double(emptyMemory.residentKiB) / 1024, unit: "MiB",
                                      note: "the baseline of the rows above: this binary with Registry.open of an empty directory"))
            }
        }

        notes.append("every baseline was measured in this run, on \(fileSystem) at \(dir); ratios are value / baseline")
        notes.append("timings are never pass/fail: a NO in the met column is a finding, not an error")
        var parameters = [
            "dir": dir, "file-system": fileSystem, "size": String(size), "syncs": String(syncs), "writers": writers,
            "appends": String(appends), "appends-64": String(appendsAt64), "replay-records": String(replayRecords),
            "replay-size": String(replaySize),
        ]
        if !skipSQLite {
            parameters["inserts"] = String(inserts)
            parameters["sqlite"] = sqliteVersion
        }
        if !skipRegistry { parameters["cases"] = String(cases) }
        let report = Report(benchmark: "storage", machine: machine, parameters: parameters, figures: figures, details: details, notes: notes)
        if json { report.printJSON() } else { report.printTable(markdown: markdown) }
        if let jsonOut { try report.writeJSON(to: jsonOut) }
    }

    private func fairnessText(_ fairness: WriterRun.Fairness) -> String {
        "per-writer mean latency \(formatNumber(fairness.meanMinMicroseconds, decimals: 0))-\(formatNumber(fairness.meanMaxMicroseconds, decimals: 0)) µs, "
            + "worst single write \(formatNumber(fairness.maxMicroseconds / 1000, decimals: 1)) ms, first writer done at \(formatNumber(fairness.firstFinishFraction * 100, decimals: 0)) % of the run "
            + "(starved: mean > 2× the writers' mean, or any write > 1 s)"
    }
}

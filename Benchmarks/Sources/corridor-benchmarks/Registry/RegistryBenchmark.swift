import ArgumentParser
import CorridorClient
import Foundation
import Glibc

/// `registry`: the domain's own costs.
///   (a) priority selection over N waiting cases, in memory, against sorting
///       N integer keys (the floor under any ranking);
///   (b) a real corridord on the cached million-case data set: start-up,
///       SelectList over every waiting case, and each daily query, beside
///       System.Ping on the same connection.
struct RegistryBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Selection over 100,000 waiting cases, and list and query latency with a million cases loaded."
    )

    @Option(help: "The corridord binary. Default: the root package's .build/release/corridord.")
    var corridord: String?

    @Option(help: "Where the run's data goes (a fresh directory inside it, removed after).")
    var dir = "/var/tmp"

    @Option(name: .customLong("cache-dir"), help: "Where the N-case data set is built once and kept (shared with `storage`).")
    var cacheDir = "/var/tmp/corridor-benchmarks-cache"

    @Option(name: .customLong("selection-cases"), help: "Waiting cases the in-memory selection ranks.")
    var selectionCases = 100_000

    @Option(name: .customLong("selection-runs"), help: "Timed in-memory selections.")
    var selectionRuns = 30

    @Option(help: "Cases loaded in the daemon for the query figures.")
    var cases = 1_000_000

    @Option(help: "Timed calls per query.")
    var calls = 200

    @Option(help: "Timed SelectList calls through the daemon.")
    var selections = 5

    @Flag(help: "Build the million-case data set again even when a cached one matches.")
    var rebuild = false

    @Flag(name: .customLong("skip-daemon"), help: "Only the in-memory selection.")
    var skipDaemon = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print the table as Markdown.")
    var markdown = false

    @Option(name: .customLong("json-out"), help: "Also write the JSON report to this file.")
    var jsonOut: String?

    func validate() throws {
        guard selectionCases >= 100 else { throw ValidationError("--selection-cases must be at least 100.") }
        guard selectionRuns >= 3, calls >= 10, selections >= 1 else { throw ValidationError("--selection-runs ≥ 3, --calls ≥ 10, --selections ≥ 1.") }
        guard cases >= 1_000 else { throw ValidationError("--cases must be at least 1000.") }
    }

    func run() async throws {
        let machine = MachineInfo.current()
        var figures: [BenchmarkFigure] = []
        var details: [String: LatencySummary] = [:]
        var notes: [String] = []

        progress("in-memory selection over \(selectionCases) waiting cases, \(selectionRuns) runs…")
        let selection = try SelectionTiming.run(cases: selectionCases, runs: selectionRuns)
        details["selection"] = selection.selection
        details["sort floor"] = selection.sortFloor
        let floor = Baseline(label: "sort of \(selectionCases) UInt64 keys", value: selection.sortFloor.p50Microseconds / 1000, unit: "ms", sameRun: true)
        figures.append(BenchmarkFigure("selection of \(selection.quota) from \(Report.grouped(selectionCases)) waiting cases, p50",
                                       value: selection.selection.p50Microseconds / 1000, unit: "ms", baseline: floor, goal: .atMost(50),
                                       note: "PrioritySelection on a RegistryState: eligibility, rank keys, sort, explanations of the selected; p99 \(formatNumber(selection.selection.p99Microseconds / 1000, decimals: 1)) ms"))
        figures.append(BenchmarkFigure("sorting \(Report.grouped(selectionCases)) UInt64 keys, p50", value: selection.sortFloor.p50Microseconds / 1000, unit: "ms",
                                       note: "the floor under any ranking of that many cases"))

        if !skipDaemon {
            let scratch = try StorageScratch(parent: dir)
            defer { scratch.remove() }
            let dataset = try CaseDataset.prepare(cacheDirectory: cacheDir, cases: cases, writers: 64, rebuild: rebuild)
            let directory = try scratch.subdirectory("daemon")
            try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
            try linkOrCopyTree(from: dataset.dataDirectory + "/segments", to: directory + "/data/segments")
            // The daemon appends to the last segment: a copy of it, never the
            // cached file itself (a hard link would write into the cache).
            try unlinkAndCopyLastSegment(from: dataset.dataDirectory + "/segments", to: directory + "/data/segments")
            let corridordPath = corridord ?? locateRootBinary("corridord")
            progress("starting corridord on the \(Report.grouped(cases))-case log (replays it first)…")
            let start = monotonicNanoseconds()
            let daemon = try Daemon(executable: corridordPath, directory: directory, readyTimeout: 600)
            defer { daemon.stop() }
            let startupSeconds = Double(monotonicNanoseconds() - start) / 1e9
            let client = try await connectClient(daemon.socketPath)
            let result = try await QueryLatency.run(client: client, startupSeconds: startupSeconds, calls: calls, selections: selections)
            await client.close()

            let ping = Baseline(label: "System.Ping p50, same connection", value: result.ping.p50Microseconds, unit: "µs", sameRun: true)
            details["ping"] = result.ping
            figures.append(BenchmarkFigure("corridord start-up with \(Report.grouped(cases)) cases", value: startupSeconds, unit: "s",
                                           note: "exec to READY=1: the log replayed (no snapshot in the cached data set)"))
            figures.append(BenchmarkFigure("SelectList over \(Report.grouped(Int(result.selectionCandidates))) waiting cases, p50",
                                           value: result.selection.p50Microseconds / 1000, unit: "ms",
                                           note: "through the daemon: selection, 29 cases and the list recorded durably, the left-out report; p99 \(formatNumber(result.selection.p99Microseconds / 1000, decimals: 1)) ms over \(selections) runs"))
            for query in result.queries {
                details[query.name] = query.summary
                figures.append(BenchmarkFigure("\(query.name), p50", value: query.summary.p50Microseconds, unit: "µs", baseline: ping,
                                               note: "\(query.note); p99 \(formatNumber(query.summary.p99Microseconds, decimals: 0)) µs"))
            }
            if let memory = daemon.memory() {
                figures.append(BenchmarkFigure("corridord VmRSS after the queries", value: Double(memory.residentKiB) / 1024, unit: "MiB"))
            }
        }

        notes.append("every baseline was measured in this run; ratios are value / baseline")
        notes.append("timings are never pass/fail: a NO in the met column is a finding, not an error")
        let parameters = [
            "selection-cases": String(selectionCases), "selection-runs": String(selectionRuns), "cases": String(cases),
            "calls": String(calls), "selections": String(selections),
        ]
        let report = Report(benchmark: "registry", machine: machine, parameters: parameters, figures: figures, details: details, notes: notes)
        if json { report.printJSON() } else { report.printTable(markdown: markdown) }
        if let jsonOut { try report.writeJSON(to: jsonOut) }
    }
}

/// Replaces the hard link of the newest segment with a copy of it.
func unlinkAndCopyLastSegment(from source: String, to destination: String) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: source).sorted()
    guard let last = names.last else { throw BenchmarkFailure("no segments in \(source)") }
    try? FileManager.default.removeItem(atPath: destination + "/" + last)
    try FileManager.default.copyItem(atPath: source + "/" + last, toPath: destination + "/" + last)
}

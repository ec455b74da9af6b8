import ArgumentParser
import CorridorAudit
import CorridorClient
import CorridorModel
import CorridorRegistry
import CorridorStore
import CorridorWire
import Foundation
import Logging

/// `audit`: what recording a read of a personal part costs per getCase. The
/// same registry and cases, in the same run: `Registry.caseView` alone (the
/// baseline), then followed by `AuditTrail.recordPersonalReads` (one record,
/// durable before the answer, as RegistryService does), one reader at a time
/// (every read waits for its own group commit: the worst case) and with
/// `--readers` concurrent readers (their records share group commits).
struct AuditBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "getCase with and without its audit record: latency one at a time, throughput with concurrent readers."
    )

    @Option(help: "Cases registered (each with a personal part).")
    var cases = 1_000

    @Option(help: "Timed reads per figure.")
    var reads = 2_000

    @Option(help: "Concurrent readers for the throughput figures.")
    var readers = 32

    @Option(help: "Where to make the data directory (default: a temporary directory). Put it on the disk the daemon would use.")
    var directory: String?

    @Option(help: "The corridord binary for the figures through the daemon. Default: the root package's .build/release/corridord.")
    var corridord: String?

    @Flag(name: .customLong("no-daemon"), help: "Only the in-process figures.")
    var noDaemon = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print the table as Markdown.")
    var markdown = false

    func validate() throws {
        guard cases >= 1, reads >= 10, readers >= 1 else { throw ValidationError("--cases ≥ 1, --reads ≥ 10, --readers ≥ 1.") }
    }

    func run() async throws {
        let base = directory ?? FileManager.default.temporaryDirectory.path
        let data = base + "/corridor-audit-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: data) }
        var logger = Logger(label: "corridor.benchmark.audit")
        logger.logLevel = .error
        let (registry, _) = try Registry.open(dataDirectory: data, recordCoding: ProtobufRecordCoding(), logger: logger)
        let (audit, _) = try AuditTrail.open(dataDirectory: data, logger: logger)
        let reader = Actor(uid: 1000, userName: "benchmark", pid: getpid(), role: "coordinator", requestID: "")
        let method = Corridor_V1_Registry.getCase.path

        progress("registering \(cases) cases with a personal part…")
        for party in CaseDataset.parties { _ = try await registry.registerParty(party, actor: CaseDataset.registrar) }
        for site in CaseDataset.sites { _ = try await registry.registerSite(site, actor: CaseDataset.registrar) }
        var registered: [String] = []
        for index in 0..<cases {
            let (record, personal) = CaseDataset.patient(index)
            registered.append(try await registry.registerCase(record, personal: personal, actor: CaseDataset.registrar).case?.id ?? "")
        }
        let ids = registered

        @Sendable func read(_ index: Int, audited: Bool) async throws {
            let view = try await registry.caseView(ids[index % ids.count])
            if audited, view.personal != nil, let id = view.case?.id {
                try await audit.recordPersonalReads(actor: reader, method: method, caseIDs: [id])
            }
        }

        func latency(audited: Bool) async throws -> LatencySummary {
            progress("getCase one at a time, \(audited ? "with" : "without") its audit record, \(reads) reads…")
            for index in 0..<max(10, reads / 20) { try await read(index, audited: audited) }
            var samples: [UInt64] = []
            samples.reserveCapacity(reads)
            for index in 0..<reads {
                let start = monotonicNanoseconds()
                try await read(index, audited: audited)
                samples.append(monotonicNanoseconds() - start)
            }
            return LatencySummary(nanoseconds: samples)
        }

        /// Reads per second with `readers` tasks sharing `reads` reads.
        func throughput(audited: Bool) async throws -> Double {
            progress("getCase by \(readers) concurrent readers, \(audited ? "with" : "without") audit records, \(reads) reads…")
            let perReader = max(1, reads / readers)
            let start = monotonicNanoseconds()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<readers {
                    group.addTask {
                        for index in 0..<perReader { try await read(task * perReader + index, audited: audited) }
                    }
                }
                try await group.waitForAll()
            }
            return Double(perReader * readers) / (Double(monotonicNanoseconds() - start) / 1e9)
        }

        let plain = try await latency(audited: false)
        let audited = try await latency(audited: true)
        let plainRate = try await throughput(audited: false)
        let auditedRate = try await throughput(audited: true)
        let records = audit.lastSequence
        try audit.close()
        await registry.close()

        var figures = [
            BenchmarkFigure("getCase p50, no audit record", value: plain.p50Microseconds, unit: "µs"),
            BenchmarkFigure(
                "getCase p50 with its audit record (durable, one reader)", value: audited.p50Microseconds, unit: "µs",
                baseline: Baseline(label: "getCase p50, no audit record", value: plain.p50Microseconds, unit: "µs", sameRun: true),
                note: "each read waits for its own group commit (two msyncs)"
            ),
            BenchmarkFigure(
                "getCase p99 with its audit record (durable, one reader)", value: audited.p99Microseconds, unit: "µs",
                baseline: Baseline(label: "getCase p99, no audit record", value: plain.p99Microseconds, unit: "µs", sameRun: true)
            ),
            BenchmarkFigure("getCase/s, \(readers) readers, no audit record", value: plainRate, unit: "reads/s"),
            BenchmarkFigure(
                "getCase/s, \(readers) readers, with audit records", value: auditedRate, unit: "reads/s",
                baseline: Baseline(label: "getCase/s, no audit record", value: plainRate, unit: "reads/s", sameRun: true),
                note: "concurrent records share group commits"
            ),
        ]
        // Through the daemon, the path a client sees: GetCase of a case with a
        // personal part (recorded) against one without (nothing to record),
        // alternating on one connection.
        var details: [String: LatencySummary] = ["getCase": plain, "getCase+audit": audited]
        if !noDaemon {
            let path = corridord ?? locateRootBinary("corridord")
            progress("starting \(path)…")
            let daemon = try Daemon(executable: path, directory: data)
            defer { daemon.stop() }
            let client = try await connectClient(daemon.socketPath)
            _ = try await client.registerSite(Site(id: "hospital", name: "Field hospital", kind: .hospital))
            let (record, personal) = CaseDataset.patient(1)
            var withPart = record
            withPart.siteID = "hospital"
            let recorded = try await client.registerCase(withPart, personal: personal).case?.id ?? ""
            let unrecorded = try await client.registerCase(withPart).case?.id ?? ""
            progress("GetCase through corridord, \(reads) each, with and without a personal part…")
            var withSamples: [UInt64] = []
            var withoutSamples: [UInt64] = []
            for index in 0..<(reads + reads / 10) {
                let start = monotonicNanoseconds()
                _ = try await client.caseView(unrecorded)
                let middle = monotonicNanoseconds()
                _ = try await client.caseView(recorded)
                let end = monotonicNanoseconds()
                guard index >= reads / 10 else { continue }
                withoutSamples.append(middle - start)
                withSamples.append(end - middle)
            }
            await client.close()
            let without = LatencySummary(nanoseconds: withoutSamples)
            let with = LatencySummary(nanoseconds: withSamples)
            details["rpc getCase"] = without
            details["rpc getCase+audit"] = with
            figures.append(BenchmarkFigure("GetCase p50 through corridord, no personal part (not recorded)", value: without.p50Microseconds, unit: "µs"))
            figures.append(BenchmarkFigure(
                "GetCase p50 through corridord, personal part (recorded)", value: with.p50Microseconds, unit: "µs",
                baseline: Baseline(label: "GetCase p50, not recorded", value: without.p50Microseconds, unit: "µs", sameRun: true),
                note: "corridord: \(path)"
            ))
        }

        let report = Report(
            benchmark: "audit", machine: MachineInfo.current(),
            parameters: ["cases": "\(cases)", "reads": "\(reads)", "readers": "\(readers)", "directory": base],
            figures: figures, details: details,
            notes: ["\(records) audit records written in the run."]
        )
        if json { report.printJSON() } else { report.printTable(markdown: markdown) }
    }
}

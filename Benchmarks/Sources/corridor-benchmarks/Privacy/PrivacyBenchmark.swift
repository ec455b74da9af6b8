import ArgumentParser
import CorridorModel
import CorridorPrivacy
import CorridorRegistry
import CorridorWire
import Foundation
import Logging

/// `privacy`: what sealing personal parts costs, against the same registry
/// without a sealer, in the same run and on the same disk:
///   registerCase — encoding with the personal part sealed, plus, the first
///     time for each case, a data key made, wrapped and appended to the key
///     store with fdatasync before the record; then the log's durable append;
///   getCase — a read from memory (nothing is decrypted on a read: personal
///     parts are opened once, at replay);
///   replay — opening the directory again: every sealed part opened.
/// Registrations alternate between the two registries, so that both see the
/// same disk and machine load.
struct PrivacyBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy",
        abstract: "The cost of encrypting personal data at rest per registerCase, per getCase and at replay, against no encryption."
    )

    @Option(help: "Where the run's data goes (a fresh directory inside it, removed after).")
    var dir = "/var/tmp"

    @Option(help: "Cases registered in each registry (each registration timed).")
    var cases = 2_000

    @Option(help: "Timed getCase calls in each registry.")
    var reads = 20_000

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print the table as Markdown.")
    var markdown = false

    func validate() throws {
        guard cases >= 10, reads >= 10 else { throw ValidationError("--cases and --reads must be at least 10.") }
    }

    func run() async throws {
        let scratch = try StorageScratch(parent: dir)
        defer { scratch.remove() }
        let logger = Logger(label: "privacy-benchmark") { _ in SwiftLogNoOpLogHandler() }
        let plainDirectory = try scratch.subdirectory("plain")
        let sealedDirectory = try scratch.subdirectory("sealed")
        let (plainRegister, sealedRegister, plainRead, sealedRead) = try await Self.commandsAndReads(
            plainDirectory: plainDirectory, sealedDirectory: sealedDirectory, cases: cases, reads: reads, logger: logger
        )

        // Replay: the snapshot each close wrote is set aside, so every record is decoded (and opened).
        progress("replaying both logs…")
        var replay: [Bool: UInt64] = [:]
        for (directory, isSealed) in [(plainDirectory, false), (sealedDirectory, true)] {
            try? FileManager.default.removeItem(atPath: directory + "/snapshots")
            let coding = isSealed
                ? ProtobufRecordCoding(sealer: try PersonalDataVault.open(keyFile: sealedDirectory + "/personal-data.key", dataDirectory: sealedDirectory))
                : ProtobufRecordCoding()
            let start = monotonicNanoseconds()
            let (registry, _) = try Registry.open(dataDirectory: directory, recordCoding: coding, logger: logger)
            replay[isSealed] = monotonicNanoseconds() - start
            await registry.close()
        }

        let registerPlain = LatencySummary(nanoseconds: plainRegister)
        let registerSealed = LatencySummary(nanoseconds: sealedRegister)
        let readPlain = LatencySummary(nanoseconds: plainRead)
        let readSealed = LatencySummary(nanoseconds: sealedRead)
        let replayPlainMs = Double(replay[false] ?? 0) / 1e6
        let replaySealedMs = Double(replay[true] ?? 0) / 1e6
        let figures = [
            BenchmarkFigure("registerCase, sealed, p50", value: registerSealed.p50Microseconds, unit: "µs",
                            baseline: Baseline(label: "registerCase without a sealer, p50", value: registerPlain.p50Microseconds, unit: "µs", sameRun: true),
                            note: "a new data key per case, wrapped and fdatasync'ed to the key store before the record; p99 \(formatNumber(registerSealed.p99Microseconds, decimals: 0)) µs against \(formatNumber(registerPlain.p99Microseconds, decimals: 0))"),
            BenchmarkFigure("getCase, sealed, p50", value: readSealed.p50Microseconds, unit: "µs",
                            baseline: Baseline(label: "getCase without a sealer, p50", value: readPlain.p50Microseconds, unit: "µs", sameRun: true),
                            note: "reads are served from memory: nothing is decrypted per read"),
            BenchmarkFigure("replay of \(cases) registrations, sealed", value: replaySealedMs, unit: "ms",
                            baseline: Baseline(label: "the same replay without a sealer", value: replayPlainMs, unit: "ms", sameRun: true),
                            note: "every personal part unwrapped and opened once"),
        ]
        let report = Report(
            benchmark: "privacy", machine: MachineInfo.current(), parameters: ["cases": String(cases), "reads": String(reads)],
            figures: figures,
            details: ["registerCase plain": registerPlain, "registerCase sealed": registerSealed, "getCase plain": readPlain, "getCase sealed": readSealed],
            notes: ["every baseline was measured in this run; ratios are value / baseline", "timings are never pass/fail"]
        )
        if json { report.printJSON() } else { report.printTable(markdown: markdown) }
    }

    /// registerCase and getCase in both registries, which are closed and
    /// let go of before this returns (the directory's lock goes with them).
    static func commandsAndReads(
        plainDirectory: String, sealedDirectory: String, cases: Int, reads: Int, logger: Logger
    ) async throws -> ([UInt64], [UInt64], [UInt64], [UInt64]) {
        let vault = try PersonalDataVault.open(keyFile: sealedDirectory + "/personal-data.key", dataDirectory: sealedDirectory)
        let plain = try Registry.open(dataDirectory: plainDirectory, recordCoding: ProtobufRecordCoding(), logger: logger).0
        let sealed = try Registry.open(dataDirectory: sealedDirectory, recordCoding: ProtobufRecordCoding(sealer: vault), logger: logger).0
        let actor = Actor(uid: getuid(), userName: "bench", pid: getpid())
        let site = Site(id: "hospital", name: "Hospital", kind: .hospital)
        for registry in [plain, sealed] { _ = try await registry.registerSite(site, actor: actor) }

        progress("registering \(cases) cases in each registry, alternating…")
        var plainRegister: [UInt64] = []
        var sealedRegister: [UInt64] = []
        for index in 0..<cases {
            let record = Case(siteID: "hospital", ageMonths: 300, sex: .female, precedence: .priority, conditions: [.cancer], consentGiven: true)
            let personal = CasePersonal(
                name: "Person \(index) of the benchmark", dateOfBirth: "", contacts: ["+963 11 \(100_000 + index)"],
                identityNumbers: ["NID-\(index)"], clinicalNotes: String(repeating: "notes ", count: 20)
            )
            for (registry, isSealed) in (index % 2 == 0 ? [(plain, false), (sealed, true)] : [(sealed, true), (plain, false)]) {
                let start = monotonicNanoseconds()
                _ = try await registry.registerCase(record, personal: personal, actor: actor)
                let elapsed = monotonicNanoseconds() - start
                if isSealed { sealedRegister.append(elapsed) } else { plainRegister.append(elapsed) }
            }
        }

        progress("\(reads) getCase calls in each…")
        var plainRead: [UInt64] = []
        var sealedRead: [UInt64] = []
        for index in 0..<reads {
            let id = String(format: "C-%06d", index % cases + 1)
            for (registry, isSealed) in [(plain, false), (sealed, true)] {
                let start = monotonicNanoseconds()
                _ = try await registry.caseView(id)
                let elapsed = monotonicNanoseconds() - start
                if isSealed { sealedRead.append(elapsed) } else { plainRead.append(elapsed) }
            }
        }
        await plain.close()
        await sealed.close()
        return (plainRegister, sealedRegister, plainRead, sealedRead)
    }
}

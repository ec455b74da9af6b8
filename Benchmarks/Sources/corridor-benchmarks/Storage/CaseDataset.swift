import CorridorModel
import CorridorRegistry
import CorridorStore
import CorridorWire
import Foundation
import Glibc

/// The start-up benchmarks' data directory: N cases registered through
/// `Registry.registerCase` by 64 concurrent tasks (so group commit applies),
/// with the registry's default options (a snapshot every 50,000 events, as the
/// daemon runs). Building a million takes minutes, so it is built once into a
/// cache directory and reused while its key matches: the case count and
/// `formatVersion`, which changes whenever the cases below or the storage
/// format change. The cached copy holds the log only (no snapshot); each run
/// links its segment files into its own data directory.
enum CaseDataset {
    /// Bump when the cases' shape or the on-disk format changes, so an old
    /// cached data set is rebuilt rather than measured.
    static let formatVersion = 2

    static func key(cases: Int) -> String {
        "registry-\(cases)-cases-v\(formatVersion)-log\(SegmentFormat.version)-snap\(SnapshotFormat.version)"
    }

    /// What the build did, kept beside the cached data.
    struct Manifest: Codable, Sendable {
        var key: String
        var cases: Int
        var writers: Int
        var builtAt: String
        var buildSeconds: Double
        /// Registry.close(): the final snapshot and the log closed cleanly.
        var closeSeconds: Double
        var syncs: UInt64
        var syncedRecords: UInt64
        var recordBytes: UInt64
        var lastSequence: UInt64
        var segments: Int
        /// registerCase as each of the 64 tasks saw it, including the waits
        /// behind periodic snapshots.
        var latency: LatencySummary
    }

    struct Prepared: Sendable {
        /// The cached data directory (segments only): link, do not open in place.
        var dataDirectory: String
        var manifest: Manifest
        var reused: Bool
    }

    /// The cached data set for `cases`, built first when missing or when `rebuild`.
    static func prepare(cacheDirectory: String, cases: Int, writers: Int, rebuild: Bool) throws -> Prepared {
        let fileManager = FileManager.default
        let home = cacheDirectory + "/" + key(cases: cases)
        let manifestPath = home + "/manifest.json"
        if !rebuild, let data = fileManager.contents(atPath: manifestPath),
           let manifest = try? JSONDecoder().decode(Manifest.self, from: data),
           manifest.key == key(cases: cases), fileManager.fileExists(atPath: home + "/data/segments") {
            return Prepared(dataDirectory: home + "/data", manifest: manifest, reused: true)
        }

        try? fileManager.removeItem(atPath: home)
        let building = home + ".building"
        try? fileManager.removeItem(atPath: building)
        try fileManager.createDirectory(atPath: building + "/data", withIntermediateDirectories: true)
        progress("building the \(cases)-case data set in \(building) (once; later runs reuse \(home))…")
        let report = try StorageChild.run(["build-cases", building + "/data", String(cases), String(writers)], timeoutSeconds: 3 * 3600)
        guard let latency = report.latency else { throw BenchmarkFailure("the build reported no latencies") }
        // Close wrote a snapshot; the cache keeps the log alone.
        try? fileManager.removeItem(atPath: building + "/data/" + DataDirectoryLayout.snapshots)
        try? fileManager.removeItem(atPath: building + "/data/LOCK")
        let manifest = Manifest(
            key: key(cases: cases), cases: cases, writers: writers,
            builtAt: ISO8601DateFormatter().string(from: Date()), buildSeconds: report.seconds,
            closeSeconds: report.closeSeconds ?? 0, syncs: report.syncs, syncedRecords: report.syncedRecords,
            recordBytes: report.recordBytes, lastSequence: report.lastSequence, segments: report.segments, latency: latency
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: building + "/manifest.json"))
        try fileManager.moveItem(atPath: building, toPath: home)
        return Prepared(dataDirectory: home + "/data", manifest: manifest, reused: false)
    }

    // MARK: The world and its cases

    typealias Operator = CorridorModel.Actor

    static let registrar = Operator(uid: 1000, userName: "benchmark", pid: getpid(), role: "registrar", requestID: "")

    static let parties = [
        Party(id: "gov", shortName: "Government", fullName: "Government of the Republic", kind: .government),
        Party(id: "jaish", shortName: "Jaish", kind: .armedGroup, aliases: ["JI"]),
        Party(id: "sarc", shortName: "SARC", fullName: "Syrian Arab Red Crescent", kind: .redCrossRedCrescent),
        Party(id: "un-ocha", shortName: "OCHA", kind: .unAgency),
    ]

    static let sites = [
        Site(id: "ghouta", name: "Eastern Ghouta", kind: .enclave, controlledBy: "jaish", besiegedBy: ["gov"], besiegedSince: "2013-04-01"),
        Site(id: "douma", name: "Douma", kind: .city, parentID: "ghouta"),
        Site(id: "douma-hospital", name: "Douma Hospital", kind: .hospital, parentID: "douma"),
        Site(id: "harasta-hospital", name: "Harasta Hospital", kind: .hospital, parentID: "ghouta"),
        Site(id: "douma-shelter", name: "Douma Shelter", kind: .shelter, parentID: "douma"),
        Site(id: "kafr-batna-shelter", name: "Kafr Batna Shelter", kind: .shelter, parentID: "ghouta"),
        Site(id: "wafideen", name: "Al-Wafideen", kind: .crossing, controlledBy: "gov"),
    ]

    static let caseSites = ["douma-hospital", "harasta-hospital", "douma-shelter", "kafr-batna-shelter"]

    /// Case `index` (0-based): varied but deterministic, with a personal part
    /// (name, birth date, one contact), as a registration desk would enter it.
    /// The id is the registry's own (C-000001…).
    static func patient(_ index: Int) -> (Case, CasePersonal) {
        let conditions = Case.Condition.allCases.filter { $0 != .unspecified }
        let precedences: [Case.Precedence] = [.urgent, .urgentSurgical, .priority, .routine]
        let female = index % 2 == 0
        // The birth date follows from the age (the registry refuses a pair that
        // disagrees by more than 12 months), counted back from this month.
        let ageMonths = (index * 37) % 1_200
        var now = time(nil)
        var today = tm()
        gmtime_r(&now, &today)
        let monthsSinceYearZero = Int(today.tm_year + 1900) * 12 + Int(today.tm_mon) - ageMonths
        let year = monthsSinceYearZero / 12
        let month = 1 + monthsSinceYearZero % 12
        let day = 1  // never after today, even for a baby born this month
        let record = Case(
            siteID: caseSites[index % caseSites.count], ageMonths: UInt32(ageMonths),
            sex: female ? .female : .male, precedence: precedences[(index / 2) % precedences.count],
            conditions: [conditions[index % conditions.count]], needs: index % 3 == 0 ? [.stretcher] : [],
            consentGiven: true
        )
        let personal = CasePersonal(
            name: "Person \(index)",
            dateOfBirth: "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)",
            contacts: ["+963 11 \(1_000_000 + index % 9_000_000)"]
        )
        return (record, personal)
    }

    /// Registers the world, then `cases` cases from `writers` concurrent tasks;
    /// closes the registry (a final snapshot, the log marked clean). In the child.
    static func build(directory: String, cases: Int, writers: Int) async throws -> StorageChild.Report {
        let (registry, _) = try Registry.open(dataDirectory: directory, recordCoding: ProtobufRecordCoding(), logger: quietLogger)
        for party in parties { _ = try await registry.registerParty(party, actor: registrar) }
        for site in sites { _ = try await registry.registerSite(site, actor: registrar) }
        let start = monotonicNanoseconds()
        let done = Counter()
        let latencies = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var samples: [UInt64] = []
                    samples.reserveCapacity(cases / writers + 1)
                    var index = writer
                    while index < cases {
                        let (record, personal) = patient(index)
                        let began = monotonicNanoseconds()
                        _ = try await registry.registerCase(record, personal: personal, actor: registrar)
                        samples.append(monotonicNanoseconds() - began)
                        index += writers
                        if done.increment() % 100_000 == 0 {
                            let seconds = Double(monotonicNanoseconds() - start) / 1e9
                            progress("  \(done.value) cases registered in \(formatNumber(seconds, decimals: 1)) s")
                        }
                    }
                    return samples
                }
            }
            var all: [UInt64] = []
            all.reserveCapacity(cases)
            for try await samples in group { all += samples }
            return all
        }
        let seconds = Double(monotonicNanoseconds() - start) / 1e9
        let figures = await registry.figures
        guard figures.cases == cases else { throw BenchmarkFailure("the registry holds \(figures.cases) cases after \(cases) registrations") }
        let closeStart = monotonicNanoseconds()
        await registry.close()
        let closeSeconds = Double(monotonicNanoseconds() - closeStart) / 1e9
        var report = StorageChild.Report()
        report.seconds = seconds
        report.closeSeconds = closeSeconds
        report.records = figures.log.lastSequence
        report.lastSequence = figures.log.lastSequence
        report.recordBytes = figures.log.recordBytes
        report.segments = figures.log.segments
        report.syncs = figures.log.syncs
        report.syncedRecords = figures.log.syncedRecords
        report.cases = figures.cases
        report.latency = LatencySummary(nanoseconds: latencies)
        return report
    }
}

/// A count shared by the build's tasks, for progress lines.
final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

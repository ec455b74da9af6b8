import ArgumentParser
import CorridorAudit
import CorridorClient
import CorridorModel
import CorridorRegistry
import CorridorServer
import CorridorWire
import Foundation
import Glibc
import Logging

/// `access`: what authorisation costs (docs/ACCESS.md). Three servers in this
/// process, each on its own registry with the same cases: one with
/// authorisation off (`AccessControl.unrestricted()`, everyone admin: the
/// baseline), one whose policy makes this user a coordinator (the method
/// check, nothing withheld), one that makes it an observer (the method check
/// and the withholding of every personal field). The same calls run against
/// each in interleaved rounds, so machine noise falls on all three alike.
struct AccessBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "The cost of authorisation per command and per read, as a ratio to the same path without it."
    )

    @Option(help: "Where the run's data goes (a fresh directory inside it, removed after).")
    var dir = "/var/tmp"

    @Option(help: "Timed reads (GetCase) per server per round.")
    var reads = 2000

    @Option(help: "Timed commands (RegisterCase, each a durable append) per server per round.")
    var commands = 200

    @Option(help: "Interleaved rounds.")
    var rounds = 5

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print the table as Markdown.")
    var markdown = false

    @Option(name: .customLong("json-out"), help: "Also write the JSON report to this file.")
    var jsonOut: String?

    func validate() throws {
        guard reads >= 10, commands >= 10, rounds >= 1 else { throw ValidationError("--reads ≥ 10, --commands ≥ 10, --rounds ≥ 1.") }
    }

    private struct Subject {
        let label: String
        let server: CorridorServer
        let registry: Registry
        let client: CorridorClient
        let caseIDs: [String]
        var reads: [UInt64] = []
        var commands: [UInt64] = []
    }

    func run() async throws {
        let machine = MachineInfo.current()
        let root = dir + "/corridor-access-benchmark-\(getpid())"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let me: String = {
            guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "root" }
            return String(cString: name)
        }()

        var subjects: [Subject] = []
        for (label, access) in [
            ("no authorisation", AccessControl.unrestricted()),
            ("coordinator", AccessControl(policy: AccessPolicy(users: [me: .coordinator], source: "benchmark"))),
            ("observer", AccessControl(policy: AccessPolicy(users: [me: .observer], source: "benchmark"))),
        ] {
            progress("starting the \(label) server…")
            subjects.append(try await Self.start(label: label, access: access, in: root + "/\(subjects.count)"))
        }

        for round in 1...rounds {
            progress("round \(round) of \(rounds)…")
            for index in subjects.indices {
                let client = subjects[index].client
                let ids = subjects[index].caseIDs
                for call in 0..<reads {
                    let start = monotonicNanoseconds()
                    _ = try await client.caseView(ids[call % ids.count])
                    subjects[index].reads.append(monotonicNanoseconds() - start)
                }
            }
            for index in subjects.indices where subjects[index].label != "observer" {
                let client = subjects[index].client
                for _ in 0..<commands {
                    let start = monotonicNanoseconds()
                    _ = try await client.registerCase(Self.sampleCase, personal: Self.samplePersonal)
                    subjects[index].commands.append(monotonicNanoseconds() - start)
                }
            }
        }

        // The decision alone, without the round trip: the method's class and
        // the caller's role, as ConnectionHandler asks them per call.
        let access = AccessControl(policy: AccessPolicy(users: [me: .coordinator], groups: ["corridor": .observer], source: "benchmark"))
        let identity = PeerIdentity(credentials: PeerCredentials(pid: getpid(), uid: 1000, gid: 1000), userName: me, groupNames: ["corridor", me])
        let path = Corridor_V1_Registry.getCase.path
        let decisions = 1_000_000
        var allowed = 0
        let decisionStart = monotonicNanoseconds()
        for _ in 0..<decisions {
            if let role = access.role(of: identity), MethodAccess.allows(role, toCall: path) { allowed += 1 }
        }
        let decisionNanoseconds = Double(monotonicNanoseconds() - decisionStart) / Double(decisions)

        var figures: [BenchmarkFigure] = []
        var details: [String: LatencySummary] = [:]
        let baseline = subjects[0]
        let readBase = LatencySummary(nanoseconds: baseline.reads)
        let commandBase = LatencySummary(nanoseconds: baseline.commands)
        details["GetCase, no authorisation"] = readBase
        details["RegisterCase, no authorisation"] = commandBase
        let readBaseline = Baseline(label: "GetCase without authorisation", value: readBase.p50Microseconds, unit: "µs", sameRun: true)
        let commandBaseline = Baseline(label: "RegisterCase without authorisation", value: commandBase.p50Microseconds, unit: "µs", sameRun: true)
        figures.append(BenchmarkFigure("GetCase without authorisation, p50", value: readBase.p50Microseconds, unit: "µs",
                                       note: "p99 \(formatNumber(readBase.p99Microseconds, decimals: 1)) µs"))
        for subject in subjects.dropFirst() {
            let summary = LatencySummary(nanoseconds: subject.reads)
            details["GetCase, \(subject.label)"] = summary
            figures.append(BenchmarkFigure("GetCase as \(subject.label), p50", value: summary.p50Microseconds, unit: "µs", baseline: readBaseline,
                                           note: subject.label == "observer" ? "the method check and every personal field withheld" : "the method check, nothing withheld"))
        }
        figures.append(BenchmarkFigure("RegisterCase without authorisation, p50", value: commandBase.p50Microseconds, unit: "µs",
                                       note: "a durable append: the group commit's msync dominates"))
        let commandCoordinator = LatencySummary(nanoseconds: subjects[1].commands)
        details["RegisterCase, coordinator"] = commandCoordinator
        figures.append(BenchmarkFigure("RegisterCase as coordinator, p50", value: commandCoordinator.p50Microseconds, unit: "µs", baseline: commandBaseline,
                                       note: "the method check and the role in the event's Actor"))
        figures.append(BenchmarkFigure("the authorisation decision alone", value: decisionNanoseconds, unit: "ns",
                                       note: "role lookup under the policy's lock and the method table, per call (\(allowed) of \(decisions) allowed)"))

        for subject in subjects {
            await subject.client.close()
            await subject.server.shutdownGracefully()
            await subject.registry.close()
        }
        let notes = [
            "every baseline was measured in this run, in interleaved rounds; ratios are value / baseline",
            "timings are never pass/fail",
        ]
        let parameters = ["reads": String(reads), "commands": String(commands), "rounds": String(rounds)]
        let report = Report(benchmark: "access", machine: machine, parameters: parameters, figures: figures, details: details, notes: notes)
        if json { report.printJSON() } else { report.printTable(markdown: markdown) }
        if let jsonOut { try report.writeJSON(to: jsonOut) }
    }

    static let sampleCase = Case(
        siteID: "enclave", ageMonths: 84, sex: .female, precedence: .urgent, conditions: [.kidneyFailure], needs: [.dialysis], consentGiven: true
    )
    static let samplePersonal = CasePersonal(
        name: "Amal Haddad", dateOfBirth: "2019-03-04", contacts: ["+963 11 000 0000"], identityNumbers: ["ID-775533"],
        clinicalNotes: "dialysis twice a week"
    )

    private static func start(label: String, access: AccessControl, in directory: String) async throws -> Subject {
        let data = directory + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        var logger = Logger(label: "corridor-benchmarks.access")
        logger.logLevel = .critical
        let (registry, _) = try Registry.open(dataDirectory: data, recordCoding: ProtobufRecordCoding(), logger: logger)
        // The audit trail, as corridord opens it (RegistryService needs it since issue 11).
        let (audit, _) = try AuditTrail.open(dataDirectory: data, logger: logger)
        var configuration = ServerConfiguration(socketPath: directory + "/s.sock", dataDirectory: data)
        configuration.access = access
        let server = CorridorServer(
            configuration: configuration, methods: RegistryService.methods(registry: registry, audit: audit, access: access),
            storeStatus: { await registry.storeStatus }, logger: logger
        )
        try await server.start()
        let actor = Actor(uid: getuid(), userName: "benchmark", pid: getpid(), role: "admin")
        _ = try await registry.registerParty(Party(id: "gov", shortName: "Government", kind: .government), actor: actor)
        _ = try await registry.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave, besiegedBy: ["gov"], besiegedSince: "2013-04-01"), actor: actor)
        var ids: [String] = []
        for _ in 0..<200 {
            let view = try await registry.registerCase(sampleCase, personal: samplePersonal, actor: actor)
            ids.append(view.case?.id ?? "")
        }
        let client = try await connectClient(directory + "/s.sock")
        return Subject(label: label, server: server, registry: registry, client: client, caseIDs: ids)
    }
}

import ArgumentParser
import CorridorClient
import Foundation
import LoadChecks

/// `load`: a realistic mix against a real corridord for a fixed time, with
/// watchers following every event. Per call kind: calls, calls/s, p50, p99,
/// p99.9 and errors by status code; for the watchers, events delivered, the
/// largest lag, and any gap or duplicate in their sequence numbers.
struct LoadBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "A mix of reads, registrations, status changes and list queries, with watchers, against corridord.",
        discussion: """
            Starts corridord (release build) on a fresh data directory, seeds it through the client \
            (two parties, three enclaves and a crossing, an agreement, a selected list, --seed-cases cases), \
            then runs --connections connections with --in-flight calls in flight on each for --duration \
            seconds, each call drawn from --mix, while --watchers more connections each hold a Watch of \
            every record open.
            """
    )

    @OptionGroup var options: LoadOptions

    @Option(help: "Seconds of load.")
    var duration: Double = 30

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(name: .customLong("json-out"), help: "Also write the JSON report to this file.")
    var jsonOut: String?

    func validate() throws {
        try options.validate()
        guard duration > 0, duration <= 86_400 else { throw ValidationError("--duration must be between 0 and 86400 seconds.") }
    }

    func run() async throws {
        let machine = MachineInfo.current()
        let corridordPath = options.corridordPath
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        progress("starting \(corridordPath)…")
        let daemon = try Daemon(executable: corridordPath, directory: scratch.path, arguments: options.daemonArguments)
        defer { daemon.stop() }
        let idle = daemon.memory()

        let clients = try await options.connect(daemon.socketPath, count: options.connections)
        let ledger = LedgerBox()
        progress("seeding: parties, sites, an agreement, a list and \(options.seedCases) cases…")
        try await LoadWorld.seed(clients: clients, cases: options.seedCases, callers: min(64, options.connections * options.inFlight), ledger: ledger)
        let startHead = try await clients[0].status().store?.lastSequence ?? 0

        let watchers = try await WatchRun.start(socketPath: daemon.socketPath, count: options.watchers, trackers: Array(repeating: SequenceTracker(after: startHead), count: options.watchers))
        progress("load: \(options.connections) connections × \(options.inFlight) in flight, \(options.watchers) watchers, mix \(options.mix), \(formatNumber(duration, decimals: 0)) s…")
        let control = LoadControl()
        let meter = CPUMeter(daemonPID: daemon.pid)
        let started = monotonicNanoseconds()
        let stats = await LoadDriver.run(clients: clients, inFlight: options.inFlight, mix: options.mix, seconds: duration,
                                         control: control, ledger: ledger, seed: 0x10AD)
        let seconds = Double(monotonicNanoseconds() - started) / 1e9
        let cpu = meter.perCall(calls: max(1, stats.calls))
        let loaded = daemon.memory()

        let head = try await clients[0].status().store?.lastSequence ?? 0
        progress("waiting for the watchers to reach sequence \(head)…")
        let watch = await watchers.finish(head: head, timeout: 60)
        for client in clients { await client.close() }

        let report = LoadReport(
            benchmark: "load", machine: machine,
            parameters: options.parameters.merging(["duration": formatNumber(duration, decimals: 0)]) { $1 },
            seconds: seconds, rows: LoadRow.rows(stats, seconds: seconds), total: LoadRow.total(stats, seconds: seconds),
            firstErrors: stats.firstErrors, watch: watch,
            eventsWritten: head - startHead,
            daemonCPUPerCallMicroseconds: cpu.daemon,
            rssIdleMiB: idle.map { Double($0.residentKiB) / 1024 }, rssLoadedMiB: loaded.map { Double($0.residentKiB) / 1024 },
            soak: nil
        )
        if json { report.printJSON() } else { report.printText() }
        if let jsonOut { try report.writeJSON(to: jsonOut) }
    }
}

/// What `load` and `soak` share.
struct LoadOptions: ParsableArguments {
    @Option(help: "The corridord binary. Default: the root package's .build/release/corridord.")
    var corridord: String?

    @Option(name: .customLong("daemon-arg"), help: "An argument for corridord (repeat it), e.g. --daemon-arg=--replicate-to=URL to measure replication (scripts/replication-figures).")
    var daemonArguments: [String] = []

    @Option(help: "Client connections making unary calls.")
    var connections = 16

    @Option(name: .customLong("in-flight"), help: "Calls in flight on each connection, each a caller making one call after another.")
    var inFlight = 8

    @Option(help: "Weights of the calls: get (GetCase), waiting (WaitingCases), register (RegisterCase), status (SetCaseStatus), list (GetList, every fourth ListLists).")
    var mix = LoadMix.standard

    @Option(help: "More connections, each holding a Watch of every record open.")
    var watchers = 4

    @Option(name: .customLong("seed-cases"), help: "Cases registered before the load starts.")
    var seedCases = 2_000

    func validate() throws {
        guard (1...2_000).contains(connections) else { throw ValidationError("--connections must be between 1 and 2000.") }
        guard (1...1_024).contains(inFlight) else { throw ValidationError("--in-flight must be between 1 and 1024.") }
        guard (0...1_000).contains(watchers) else { throw ValidationError("--watchers must be between 0 and 1000.") }
        guard (1...1_000_000).contains(seedCases) else { throw ValidationError("--seed-cases must be between 1 and 1000000.") }
    }

    var corridordPath: String { corridord ?? locateRootBinary("corridord") }

    var parameters: [String: String] {
        ["connections": String(connections), "in-flight": String(inFlight), "mix": mix.description,
         "watchers": String(watchers), "seed-cases": String(seedCases), "daemon-args": daemonArguments.joined(separator: " ")]
    }

    func connect(_ socketPath: String, count: Int) async throws -> [CorridorClient] {
        var clients: [CorridorClient] = []
        for _ in 0..<count { clients.append(try await connectClient(socketPath)) }
        return clients
    }
}

/// The watchers of one daemon's life: their connections and tasks.
struct WatchRun {
    let clients: [CorridorClient]
    let followers: [WatchFollower]
    let tasks: [Task<WatchFollower.Outcome, Never>]

    static func start(socketPath: String, count: Int, trackers: [SequenceTracker]) async throws -> WatchRun {
        var clients: [CorridorClient] = []
        var followers: [WatchFollower] = []
        var tasks: [Task<WatchFollower.Outcome, Never>] = []
        for index in 0..<count {
            let client = try await connectClient(socketPath)
            let follower = WatchFollower(after: trackers[index].last)
            let tracker = trackers[index]
            clients.append(client)
            followers.append(follower)
            tasks.append(Task { await follower.follow(client: client, tracker: tracker) })
        }
        return WatchRun(clients: clients, followers: followers, tasks: tasks)
    }

    /// Ends the streams (after waiting up to `timeout` s for each to reach
    /// `head`, when given) and returns each follower's outcome.
    func stop(waitingFor head: UInt64?, timeout: Double) async -> [WatchFollower.Outcome] {
        if let head { _ = await WatchFollower.waitForAll(followers, toReach: head, timeout: timeout) }
        for task in tasks { task.cancel() }
        var outcomes: [WatchFollower.Outcome] = []
        for task in tasks { outcomes.append(await task.value) }
        for client in clients { await client.close() }
        return outcomes
    }

    /// The end of a `load` run: stop, and hold every tracker to `head`.
    func finish(head: UInt64, timeout: Double) async -> WatchSummary {
        var summary = WatchSummary()
        for var outcome in await stop(waitingFor: head, timeout: timeout) {
            outcome.tracker.finish(head: head)
            summary.add(outcome)
        }
        return summary
    }
}

/// The watchers' part of a report.
struct WatchSummary: Codable, Sendable {
    var watchers = 0
    var eventsDelivered = 0
    var largestLagMilliseconds = 0.0
    var missing: UInt64 = 0
    var duplicates = 0
    var problems: [String] = []

    mutating func add(_ outcome: WatchFollower.Outcome) {
        watchers += 1
        eventsDelivered += outcome.events
        largestLagMilliseconds = max(largestLagMilliseconds, Double(outcome.largestLagNanoseconds) / 1e6)
        missing += outcome.tracker.missing
        duplicates += outcome.tracker.duplicates
        for problem in outcome.tracker.firstProblems where problems.count < 10 { problems.append("watcher \(watchers): \(problem)") }
        if let ending = outcome.ending, problems.count < 10 { problems.append("watcher \(watchers): \(ending)") }
    }
}

import ArgumentParser
import CorridorClient
import Foundation
import Glibc
import LoadChecks

/// `soak`: the load's mix for MINUTES, with corridord killed (SIGKILL) every
/// --kill-every seconds in the middle of the load and restarted on the same
/// data directory. After each restart every acknowledged write is checked
/// (present, with the content acknowledged), and the watchers resume from
/// the last sequence each saw + 1; at the end every watcher must have
/// received every sequence once. Exits 1 on any loss, wrong content, gap or
/// duplicate. `scripts/soak MINUTES` builds and runs it.
struct SoakBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "The load's mix with kill -9 of corridord every 30 s and a restart; checks that nothing acknowledged is lost and watches have no gaps or duplicates.",
        discussion: """
            Prints a line per kill (restart time, acknowledged writes checked, lost, wrong) and a summary at \
            the end. Exit status 1 when an acknowledged write was lost or changed, a watcher saw a gap or a \
            duplicate, or corridord exited on its own; 0 otherwise.
            """
    )

    @OptionGroup var options: LoadOptions

    @Option(help: "Minutes to run.")
    var minutes: Double = 10

    @Option(name: .customLong("kill-every"), help: "Seconds between kills.")
    var killEvery: Double = 30

    @Option(name: .customLong("seconds-to-ready"), help: "How long a restart may take before the soak gives up.")
    var secondsToReady: Double = 120

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(name: .customLong("json-out"), help: "Also write the JSON report to this file.")
    var jsonOut: String?

    @Flag(name: .customLong("keep-data"), help: "Keep the data directory and corridord's logs (their path is printed).")
    var keepData = false

    func validate() throws {
        try options.validate()
        guard minutes > 0, minutes <= 10_080 else { throw ValidationError("--minutes must be between 0 and 10080.") }
        guard killEvery >= 1 else { throw ValidationError("--kill-every must be at least 1 second.") }
    }

    func run() async throws {
        let machine = MachineInfo.current()
        let corridordPath = options.corridordPath
        let scratch = try ScratchDirectory()
        defer { if !keepData { scratch.remove() } }
        if keepData { progress("data directory and logs: \(scratch.path)") }

        progress("starting \(corridordPath)…")
        var daemon = try Daemon(executable: corridordPath, directory: scratch.path, readyTimeout: secondsToReady)
        defer { daemon.stop() }
        var clients = try await options.connect(daemon.socketPath, count: options.connections)
        let ledger = LedgerBox()
        progress("seeding: parties, sites, an agreement, a list and \(options.seedCases) cases…")
        try await LoadWorld.seed(clients: clients, cases: options.seedCases, callers: min(64, options.connections * options.inFlight), ledger: ledger)

        // Every watcher follows every record from the first, across every life.
        var trackers = Array(repeating: SequenceTracker(), count: options.watchers)
        var watchTotals = Array(repeating: (events: 0, lag: UInt64(0)), count: options.watchers)
        var summary = SoakSummary()
        var stats = LoadStats()
        let started = monotonicNanoseconds()
        let end = started + UInt64(minutes * 60 * 1e9)
        progress("soak: \(formatNumber(minutes, decimals: 1)) min, kill -9 every \(formatNumber(killEvery, decimals: 0)) s; "
            + "\(options.connections) connections × \(options.inFlight) in flight, \(options.watchers) watchers, mix \(options.mix)")

        while true {
            let watchers = try await WatchRun.start(socketPath: daemon.socketPath, count: options.watchers, trackers: trackers)
            let remaining = Double(end - min(end, monotonicNanoseconds())) / 1e9
            let last = remaining <= killEvery * 1.5
            let control = LoadControl()
            let (phaseClients, inFlight, mix) = (clients, options.inFlight, options.mix)
            let seed = UInt64(summary.kills + 1) &* 0x9E37_79B9
            let driver = Task {
                await LoadDriver.run(clients: phaseClients, inFlight: inFlight, mix: mix, seconds: .infinity,
                                     control: control, ledger: ledger, seed: seed)
            }
            try await Task.sleep(for: .seconds(last ? remaining : killEvery))
            let exitedOnItsOwn = !ProcessState.isAlive(daemon.pid)

            if last || exitedOnItsOwn {
                control.stop()
                stats.merge(await driver.value)
                if exitedOnItsOwn { summary.crashes += 1 }
                var head: UInt64?
                if !exitedOnItsOwn { head = try await clients[0].status().store?.lastSequence ?? 0 }
                let outcomes = await watchers.stop(waitingFor: head, timeout: 60)
                for (index, outcome) in outcomes.enumerated() {
                    trackers[index] = outcome.tracker
                    watchTotals[index].events += outcome.events
                    watchTotals[index].lag = max(watchTotals[index].lag, outcome.largestLagNanoseconds)
                    if let head { trackers[index].finish(head: head) }
                }
                summary.finalSequence = head ?? 0
                if !exitedOnItsOwn {
                    let check = try await verify(clients[0], ledger: ledger)
                    summary.add(check: check)
                    progress("end at \(clock(since: started)): \(Report.grouped(check.checked)) acknowledged cases checked, \(check.lost.count) lost, \(check.wrong.count) wrong")
                } else {
                    progress("corridord exited on its own (pid \(daemon.pid)); its log:\n\(tail(of: daemon.logPath))")
                }
                for client in clients { await client.close() }
                break
            }

            // kill -9 in the middle of the load.
            control.markKilled()
            kill(daemon.pid, SIGKILL)
            control.stop()
            stats.merge(await driver.value)
            for (index, outcome) in await watchers.stop(waitingFor: nil, timeout: 0).enumerated() {
                trackers[index] = outcome.tracker
                watchTotals[index].events += outcome.events
                watchTotals[index].lag = max(watchTotals[index].lag, outcome.largestLagNanoseconds)
            }
            for client in clients { await client.close() }
            daemon.stop()
            summary.kills += 1
            // Keep each life's log beside the next.
            try? FileManager.default.moveItem(atPath: daemon.logPath, toPath: daemon.logPath + ".\(summary.kills)")

            let restartStart = monotonicNanoseconds()
            daemon = try Daemon(executable: corridordPath, directory: scratch.path, readyTimeout: secondsToReady)
            let restartSeconds = Double(monotonicNanoseconds() - restartStart) / 1e9
            summary.slowestRestartSeconds = max(summary.slowestRestartSeconds, restartSeconds)
            clients = try await options.connect(daemon.socketPath, count: options.connections)
            let check = try await verify(clients[0], ledger: ledger)
            summary.add(check: check)
            let seen = trackers.map(\.last).min() ?? 0
            progress("kill \(summary.kills) at \(clock(since: started)): ready again in \(formatNumber(restartSeconds, decimals: 2)) s; "
                + "\(Report.grouped(ledger.acknowledgedWrites)) writes acknowledged so far, \(Report.grouped(check.checked)) cases checked: "
                + "\(check.lost.count) lost, \(check.wrong.count) wrong, \(check.settled) unanswered changes settled (\(check.settledAsMade) made); "
                + "watchers resume after sequence \(seen)")
            for problem in (check.lost.prefix(5).map { "lost: \($0)" } + check.wrong.prefix(5)) { progress("  \(problem)") }
        }

        let seconds = Double(monotonicNanoseconds() - started) / 1e9
        var watch = WatchSummary()
        for (index, tracker) in trackers.enumerated() {
            watch.add(WatchFollower.Outcome(tracker: tracker, events: watchTotals[index].events, largestLagNanoseconds: watchTotals[index].lag))
        }
        summary.acknowledgedWrites = ledger.acknowledgedWrites
        summary.unansweredWrites = ledger.unknownWrites
        summary.cases = ledger.caseCount
        let report = LoadReport(
            benchmark: "soak", machine: machine,
            parameters: options.parameters.merging(["minutes": formatNumber(minutes, decimals: 1), "kill-every": formatNumber(killEvery, decimals: 0)]) { $1 },
            seconds: seconds, rows: LoadRow.rows(stats, seconds: seconds), total: LoadRow.total(stats, seconds: seconds),
            firstErrors: stats.firstErrors, watch: watch, eventsWritten: summary.finalSequence,
            daemonCPUPerCallMicroseconds: nil, rssIdleMiB: nil, rssLoadedMiB: nil, soak: summary
        )
        if json { report.printJSON() } else { report.printText() }
        if let jsonOut { try report.writeJSON(to: jsonOut) }
        let failed = summary.lost > 0 || summary.wrong > 0 || summary.crashes > 0 || watch.missing > 0 || watch.duplicates > 0
        if failed { throw ExitCode(1) }
    }

    /// Every case the daemon holds, page by page, against the ledger.
    private func verify(_ client: CorridorClient, ledger: LedgerBox) async throws -> AckLedger.Verification {
        var observed: [String: CaseFacts] = [:]
        var token = ""
        repeat {
            let page = try await client.cases(limit: 10_000, pageToken: token, timeout: .seconds(120))
            for view in page.cases {
                if let record = view.case, let facts = LoadWorld.facts(view) { observed[record.id] = facts }
            }
            token = page.nextPageToken
        } while !token.isEmpty
        return ledger.verify(observed: observed)
    }

    private func clock(since start: UInt64) -> String {
        let seconds = Int(Double(monotonicNanoseconds() - start) / 1e9)
        return "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
    }
}

/// The soak's own figures.
struct SoakSummary: Codable, Sendable {
    var kills = 0
    /// corridord exiting without being killed: a crash.
    var crashes = 0
    var acknowledgedWrites = 0
    /// Writes in flight at a kill: no answer, so either outcome is right.
    var unansweredWrites = 0
    var cases = 0
    var checks = 0
    var casesChecked = 0
    var lost = 0
    var wrong = 0
    var problems: [String] = []
    var slowestRestartSeconds = 0.0
    var finalSequence: UInt64 = 0

    mutating func add(check: AckLedger.Verification) {
        checks += 1
        casesChecked += check.checked
        lost += check.lost.count
        wrong += check.wrong.count
        for id in check.lost where problems.count < 20 { problems.append("lost: \(id)") }
        for text in check.wrong where problems.count < 20 { problems.append("wrong: \(text)") }
    }

    func printText() {
        print()
        print("soak: \(kills) kills (kill -9), \(crashes) exits on its own; slowest restart to READY=1 \(formatNumber(slowestRestartSeconds, decimals: 2)) s")
        print("acknowledged writes \(Report.grouped(acknowledgedWrites)) (\(Report.grouped(cases)) cases), unanswered at a kill \(Report.grouped(unansweredWrites)); "
            + "\(checks) checks of every acknowledged case (\(Report.grouped(casesChecked)) comparisons): lost \(lost), wrong \(wrong)")
        print("last sequence \(finalSequence)")
        for problem in problems { print("  \(problem)") }
    }
}

/// Whether a process is still running (not gone, not a zombie).
enum ProcessState {
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
        return state != "Z" && state != "X"
    }
}

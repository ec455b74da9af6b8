import Foundation

/// What `load` and `soak` print: a row per call kind, the watchers, memory,
/// and for the soak its kills and checks.
struct LoadReport: BenchmarkReport, Codable, Sendable {
    var benchmark: String
    var machine: MachineInfo
    var parameters: [String: String]
    var seconds: Double
    var rows: [LoadRow]
    var total: LoadRow
    var firstErrors: [String]
    var watch: WatchSummary
    /// Records the store gained during the run: what each watcher should have received.
    var eventsWritten: UInt64
    var daemonCPUPerCallMicroseconds: Double?
    var rssIdleMiB: Double?
    var rssLoadedMiB: Double?
    var soak: SoakSummary?

    func printText() {
        printHeading()
        print(LoadRow.table(rows + [total], withKillColumn: soak != nil))
        print()
        print("over \(formatNumber(seconds, decimals: 1)) s of load; latency as each caller saw it, queueing in the client included")
        if let cpu = daemonCPUPerCallMicroseconds {
            print("corridord CPU per call: \(formatNumber(cpu, decimals: 1)) µs (user+system over the run, all kinds)")
        }
        if let idle = rssIdleMiB, let loaded = rssLoadedMiB {
            print("corridord RSS: \(formatNumber(idle, decimals: 1)) MiB idle after start, \(formatNumber(loaded, decimals: 1)) MiB at the end of the load")
        }
        print("watchers: \(watch.watchers), events delivered \(Report.grouped(watch.eventsDelivered)) "
            + "(\(Report.grouped(Int(eventsWritten))) records written × \(watch.watchers)), largest lag \(formatNumber(watch.largestLagMilliseconds, decimals: 1)) ms, "
            + "gaps \(watch.missing), duplicates \(watch.duplicates)")
        for problem in watch.problems { print("  \(problem)") }
        if !firstErrors.isEmpty {
            print("first errors while corridord was up:")
            for error in firstErrors { print("  \(error)") }
        }
        if let soak { soak.printText() }
    }
}

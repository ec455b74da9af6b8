import ArgumentParser
import CorridorClient
import Foundation
import Glibc

/// `connections`: many clients at once, each holding a Watch open, as a
/// coordination cell's screens would. Reports corridord's resident memory
/// idle, with every connection and watch open, and after they close; and
/// checks that every watch receives one new event.
struct ConnectionsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connections",
        abstract: "Opens --count connections to corridord, each with a Watch, and reports its memory idle, with them, and after.",
        discussion: """
            Raises this process's descriptor limit as needed. The per-million-cases memory figure is the \
            `storage` benchmark's (docs/PERFORMANCE.md, "The registry's memory").
            """
    )

    @Option(help: "The corridord binary. Default: the root package's .build/release/corridord.")
    var corridord: String?

    @Option(help: "Connections, each with a Watch of every record open.")
    var count = 1_000

    @Option(name: .customLong("seconds-to-deliver"), help: "How long every watch may take to receive the new event.")
    var secondsToDeliver: Double = 60

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print the table as Markdown.")
    var markdown = false

    func validate() throws {
        guard (1...100_000).contains(count) else { throw ValidationError("--count must be between 1 and 100000.") }
    }

    func run() async throws {
        let machine = MachineInfo.current()
        let limit = try raiseDescriptorLimit(needed: UInt64(count) + 256)
        let corridordPath = corridord ?? locateRootBinary("corridord")
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        progress("starting \(corridordPath)…")
        let daemon = try Daemon(executable: corridordPath, directory: scratch.path)
        defer { daemon.stop() }
        // READY=1 says the socket listens; an answer to System/Status says
        // the daemon serves (event loops, registry and store up). Idle is
        // measured then, with this one connection open, not after a guessed pause.
        let control = try await connectClient(daemon.socketPath)
        let head = try await control.status().store?.lastSequence ?? 0
        guard let idle = daemon.memory() else { throw BenchmarkFailure("cannot read /proc/\(daemon.pid)/status") }
        progress("opening \(count) connections, each with a Watch from sequence \(head + 1)…")
        let openStart = monotonicNanoseconds()
        var clients: [CorridorClient] = []
        clients.reserveCapacity(count)
        for _ in 0..<count { clients.append(try await connectClient(daemon.socketPath)) }
        let openSeconds = Double(monotonicNanoseconds() - openStart) / 1e9
        var followers: [WatchFollower] = []
        var tasks: [Task<WatchFollower.Outcome, Never>] = []
        for client in clients {
            let follower = WatchFollower(after: head)
            followers.append(follower)
            tasks.append(Task { await follower.follow(client: client, tracker: .init(after: head)) })
        }
        let held = try await control.status().openConnections

        // One new record; every watch must deliver it.
        let writeStart = monotonicNanoseconds()
        _ = try await control.registerParty(Party(id: "p-connections", shortName: "Connections", kind: .ngo))
        let sequence = try await control.status().store?.lastSequence ?? 0
        let allReceived = await WatchFollower.waitForAll(followers, toReach: sequence, timeout: secondsToDeliver)
        let deliverSeconds = Double(monotonicNanoseconds() - writeStart) / 1e9
        let received = followers.filter { $0.last >= sequence }.count
        guard let loaded = daemon.memory() else { throw BenchmarkFailure("cannot read /proc/\(daemon.pid)/status") }

        progress("closing them…")
        for task in tasks { task.cancel() }
        var outcomes: [WatchFollower.Outcome] = []
        for task in tasks { outcomes.append(await task.value) }
        for client in clients { await client.close() }
        clients.removeAll()
        // The server sees each close on its event loops, and frees a
        // connection's channel and watch as it does: memory is read once it
        // counts only ours.
        let closeDeadline = monotonicNanoseconds() + 30_000_000_000
        var stillOpen = try await control.status().openConnections
        while stillOpen > 1, monotonicNanoseconds() < closeDeadline {
            try await Task.sleep(for: .milliseconds(50))
            stillOpen = try await control.status().openConnections
        }
        guard stillOpen <= 1 else { throw BenchmarkFailure("the server still counts \(stillOpen) open connections 30 s after they closed") }
        guard let after = daemon.memory() else { throw BenchmarkFailure("cannot read /proc/\(daemon.pid)/status") }
        await control.close()

        let duplicates = outcomes.reduce(0) { $0 + $1.tracker.duplicates }
        let missing = outcomes.reduce(UInt64(0)) { $0 + $1.tracker.missing }
        func mib(_ kib: Int) -> Double { Double(kib) / 1024 }
        let idleBaseline = Baseline(label: "idle after start, this run", value: mib(idle.residentKiB), unit: "MiB", sameRun: true)
        var figures = [
            BenchmarkFigure("corridord RSS idle (just started, empty)", value: mib(idle.residentKiB), unit: "MiB",
                            note: "VmRSS once it answered System/Status after READY=1 (one connection open); anonymous \(formatNumber(mib(idle.anonymousKiB), decimals: 1)) MiB, file-backed \(formatNumber(mib(idle.fileKiB), decimals: 1)) MiB"),
            BenchmarkFigure("corridord RSS with \(count) connections + watches", value: mib(loaded.residentKiB), unit: "MiB", baseline: idleBaseline,
                            note: "the server counted \(held) open connections (ours and the control connection); anonymous \(formatNumber(mib(loaded.anonymousKiB), decimals: 1)) MiB"),
            BenchmarkFigure("per connection with its watch", value: Double(loaded.residentKiB - idle.residentKiB) / Double(count), unit: "KiB",
                            note: "(RSS with them − idle) ÷ \(count)"),
            BenchmarkFigure("corridord RSS after they closed", value: mib(after.residentKiB), unit: "MiB", baseline: idleBaseline,
                            note: "as soon as the server counted only the control connection; peak (VmHWM) \(formatNumber(mib(after.peakKiB), decimals: 1)) MiB"),
            BenchmarkFigure("watches that received the new event", value: Double(received), unit: "watches",
                            note: "of \(count), within \(formatNumber(deliverSeconds, decimals: 2)) s of the write; \(missing) sequences missing, \(duplicates) duplicates"),
            BenchmarkFigure("time to open the connections (one after another)", value: openSeconds, unit: "s"),
        ]
        if !allReceived {
            figures.append(BenchmarkFigure("watches that did NOT receive it", value: Double(count - received), unit: "watches"))
        }
        let report = Report(
            benchmark: "connections", machine: machine,
            parameters: ["count": String(count), "descriptor-limit": String(limit)],
            figures: figures, details: [:],
            notes: ["per million cases: see the `storage` benchmark (docs/PERFORMANCE.md, \"The registry's memory\")"]
        )
        if json { report.printJSON() } else { report.printTable(markdown: markdown) }
        if received < count || duplicates > 0 || missing > 0 {
            throw BenchmarkFailure("\(count - received) of \(count) watches did not receive the new event (\(missing) missing, \(duplicates) duplicates)")
        }
    }

    /// Raises the soft RLIMIT_NOFILE to at least `needed` (up to the hard
    /// limit); fails when the hard limit is below it.
    private func raiseDescriptorLimit(needed: UInt64) throws -> UInt64 {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { throw BenchmarkFailure("getrlimit: \(errnoText())") }
        if UInt64(limit.rlim_cur) >= needed { return UInt64(limit.rlim_cur) }
        guard UInt64(limit.rlim_max) >= needed else {
            throw BenchmarkFailure("--count \(count) needs \(needed) descriptors; the hard limit is \(limit.rlim_max) (raise it with ulimit -Hn as root)")
        }
        limit.rlim_cur = rlim_t(needed)
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { throw BenchmarkFailure("setrlimit: \(errnoText())") }
        return needed
    }
}

import ArgumentParser
import CorridorClient
import Foundation
import Glibc

/// `rpc`: Corridor's call path against the floor under it and against
/// grpc-swift-2, all in one run.
///   (a) raw Unix-socket ping-pong between two processes: the baseline;
///   (p) grpc-swift-2 serving the same unary ping over HTTP/2 on a Unix
///       socket, in its own process: latency, throughput, idle RSS;
///   (b) Corridor unary System.Ping through CorridorClient, one caller;
///   (c) throughput with many callers, on one connection and on one each;
///   (d) `corridorctl ping --json`, as the command line sees it;
///   (e) corridord's resident memory, idle after start and after the load;
///   (f) the floor and Corridor's unary call again with every process on
///       one CPU, so both latency ratios are also given under one placement
///       the scheduler cannot change.
struct RPCBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rpc",
        abstract: "Round-trip latency, throughput and memory of corridord against a raw Unix-socket ping-pong."
    )

    @Option(help: "The corridord binary. Default: the root package's .build/release/corridord.")
    var corridord: String?

    @Option(help: "The corridorctl binary; skipped when missing. Default: beside corridord.")
    var corridorctl: String?

    @Option(name: .customLong("round-trips"), help: "Measured round trips for the sequential latency figures.")
    var roundTrips = 20_000

    @Option(help: "Round trips before measuring, not counted.")
    var warmup = 1_000

    @Option(help: "Message or ping payload bytes.")
    var size = 64

    @Option(help: "Concurrent callers for the throughput figures.")
    var callers = 64

    @Option(name: .customLong("throughput-calls"), help: "Calls per throughput figure, across all callers.")
    var throughputCalls = 200_000

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print the table as Markdown.")
    var markdown = false

    @Option(name: .customLong("json-out"), help: "Also write the JSON report to this file.")
    var jsonOut: String?

    func validate() throws {
        guard roundTrips >= 100 else { throw ValidationError("--round-trips must be at least 100.") }
        guard warmup >= 0 else { throw ValidationError("--warmup must not be negative.") }
        guard (1...65_536).contains(size) else { throw ValidationError("--size must be between 1 and 65536 bytes.") }
        guard callers >= 1 else { throw ValidationError("--callers must be at least 1.") }
        guard throughputCalls >= callers else { throw ValidationError("--throughput-calls must be at least --callers.") }
    }

    func run() async throws {
        let corridordPath = corridord ?? locateRootBinary("corridord")
        let corridorctlPath = corridorctl ?? ((corridordPath as NSString).deletingLastPathComponent + "/corridorctl")
        guard FileManager.default.isExecutableFile(atPath: corridordPath) else {
            throw BenchmarkFailure("""
                corridord not found at \(corridordPath). Build it first: `swift build -c release` at the \
                repository root (`make benchmark` does), or pass --corridord PATH.
                """)
        }
        let machine = MachineInfo.current()
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }

        var figures: [BenchmarkFigure] = []
        var details: [String: LatencySummary] = [:]
        var notes: [String] = []
        let bytes = "\(size) B"

        // (a) The floor, measured first; then the same pinned two ways, for context.
        progress("raw ping-pong: \(roundTrips) round trips of \(size) bytes between two processes…")
        let raw = LatencySummary(nanoseconds: try RawPingPong.run(
            directory: scratch.path, messageBytes: size, roundTrips: roundTrips, warmup: warmup))
        details["raw ping-pong"] = raw
        let rawP50 = Baseline(label: "raw p50 unpinned, this run", value: raw.p50Microseconds, unit: "µs", sameRun: true)
        let rawP99 = Baseline(label: "raw p99 unpinned, this run", value: raw.p99Microseconds, unit: "µs", sameRun: true)
        figures.append(BenchmarkFigure("raw ping-pong p50 (2 processes, \(bytes), unpinned)", value: raw.p50Microseconds, unit: "µs",
                              note: "the floor: blocking write(2)/read(2) on a Unix stream socket, nothing else"))
        figures.append(BenchmarkFigure("raw ping-pong p99", value: raw.p99Microseconds, unit: "µs"))

        // Context: the same forced onto two CPUs (the one-CPU placement is (f)).
        var crossCPU: LatencySummary?
        let cpus = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let placements: [(name: String, ours: Int, peer: Int, note: String)] =
            cpus > 1 ? [("pinned to CPUs 0 and 1", 0, 1, "context only: a cross-CPU wake-up on every message")] : []
        for placement in placements {
            progress("raw ping-pong, \(placement.name)…")
            do {
                let summary = LatencySummary(nanoseconds: try RawPingPong.run(
                    directory: scratch.path, messageBytes: size, roundTrips: roundTrips, warmup: warmup,
                    pinCPU: placement.ours, peerCPU: placement.peer))
                details["raw ping-pong, \(placement.name)"] = summary
                crossCPU = summary
                figures.append(BenchmarkFigure("raw ping-pong p50, \(placement.name)", value: summary.p50Microseconds, unit: "µs",
                                      note: placement.note))
                figures.append(BenchmarkFigure("raw ping-pong p99, \(placement.name)", value: summary.p99Microseconds, unit: "µs"))
            } catch {
                notes.append("the raw ping-pong \(placement.name) could not run: \(error)")
            }
        }

        // (p) grpc-swift-2, the same unary ping, in its own process: measured
        // before corridord starts, so neither server runs during the other's figures.
        progress("grpc-swift-2 peer: starting its server process…")
        let peer = try GRPCPeerProcess(directory: scratch.path)
        defer { peer.stop() }
        try await Task.sleep(for: .milliseconds(500))
        let peerMemoryAtStart = peer.memory()
        progress("grpc-swift-2 unary Ping: \(roundTrips) sequential calls with \(size)-byte payloads…")
        let peerMeter = CPUMeter(daemonPID: peer.pid)
        let peerUnary = LatencySummary(nanoseconds: try await GRPCPeerCalls.latency(
            socketPath: peer.socketPath, payloadBytes: size, roundTrips: roundTrips, warmup: warmup))
        let peerUnaryCPU = peerMeter.perCall(calls: roundTrips + warmup)
        details["grpc-swift-2 unary, 1 caller"] = peerUnary
        figures.append(BenchmarkFigure("grpc-swift-2 unary p50 (1 caller, \(bytes))", value: peerUnary.p50Microseconds, unit: "µs",
                              baseline: rawP50, note: "the peer: grpc-swift-2 2.4 with grpc-swift-nio-transport's HTTP/2 over a Unix socket, raw bytes messages, its own process"))
        figures.append(BenchmarkFigure("grpc-swift-2 unary p99 (1 caller, \(bytes))", value: peerUnary.p99Microseconds, unit: "µs", baseline: rawP99))
        progress("grpc-swift-2 throughput: \(throughputCalls) calls, \(callers) callers, 1 connection…")
        let peerThroughputMeter = CPUMeter(daemonPID: peer.pid)
        let peerThroughput = try await GRPCPeerCalls.throughput(socketPath: peer.socketPath, callers: callers,
                                                                totalCalls: throughputCalls, payloadBytes: size)
        let peerThroughputCPU = peerThroughputMeter.perCall(calls: peerThroughput.calls)
        details["grpc-swift-2 unary under load, \(callers) callers, 1 connection"] = LatencySummary(nanoseconds: peerThroughput.latencies)
        figures.append(BenchmarkFigure("grpc-swift-2 throughput, \(callers) callers, 1 connection", value: peerThroughput.callsPerSecond, unit: "calls/s",
                              note: "\(peerThroughput.calls) calls in \(formatNumber(peerThroughput.seconds, decimals: 2)) s; \(peerThroughputCPU.daemon.map { "server \(formatNumber($0, decimals: 1)) µs CPU per call, " } ?? "")client \(formatNumber(peerThroughputCPU.client, decimals: 1)) µs"))
        peer.stop()

        // The daemon.
        progress("starting \(corridordPath)…")
        let daemon = try Daemon(executable: corridordPath, directory: scratch.path)
        defer { daemon.stop() }
        try await Task.sleep(for: .milliseconds(500))
        let memoryAtStart = daemon.memory()

        // (b) One caller, one call at a time.
        progress("Corridor unary System.Ping: \(roundTrips) sequential calls with \(size)-byte payloads…")
        let unaryMeter = CPUMeter(daemonPID: daemon.pid)
        let unary = LatencySummary(nanoseconds: try await UnaryLatency.run(
            socketPath: daemon.socketPath, payloadBytes: size, roundTrips: roundTrips, warmup: warmup))
        let unaryCPU = unaryMeter.perCall(calls: roundTrips + warmup)
        details["Corridor unary, 1 caller"] = unary
        figures.append(BenchmarkFigure("Corridor unary p50 (1 caller, \(bytes), unpinned)", value: unary.p50Microseconds, unit: "µs",
                              baseline: rawP50, goal: .ratioAtMost(1.5)))
        figures.append(BenchmarkFigure("Corridor unary p99 (1 caller, \(bytes), unpinned)", value: unary.p99Microseconds, unit: "µs",
                              baseline: rawP99, goal: .ratioAtMost(3)))
        figures.append(BenchmarkFigure("Corridor unary p50 vs grpc-swift-2's", value: unary.p50Microseconds, unit: "µs",
                              baseline: Baseline(label: "grpc-swift-2 p50, this run", value: peerUnary.p50Microseconds, unit: "µs", sameRun: true),
                              note: "context: below 1 is faster than the peer"))
        if let crossCPU {
            figures.append(BenchmarkFigure("Corridor unary p50 vs the cross-CPU floor", value: unary.p50Microseconds, unit: "µs",
                                  baseline: Baseline(label: "raw p50 pinned to CPUs 0 and 1, this run", value: crossCPU.p50Microseconds, unit: "µs", sameRun: true),
                                  note: "context: Corridor's threads span both CPUs, so this floor is the closer comparison when the unpinned one ran on one CPU"))
        }
        progress("Corridor unary System.Ping with a 10 s timeout per call…")
        let withTimeout = LatencySummary(nanoseconds: try await UnaryLatency.run(
            socketPath: daemon.socketPath, payloadBytes: size, roundTrips: roundTrips, warmup: warmup, timeout: .seconds(10)))
        details["Corridor unary, 1 caller, 10 s timeout"] = withTimeout
        figures.append(BenchmarkFigure("Corridor unary p50, 10 s timeout per call", value: withTimeout.p50Microseconds, unit: "µs",
                              baseline: rawP50, note: "context: as corridorctl calls (a guard timer per call); the goal rows use no timeout"))
        // grpc-swift-2's CPU per call, measured the same way on its run above;
        // shared/design/performance.md quoted 340 µs (elsewhere), now context only.
        if let daemonCPU = unaryCPU.daemon {
            let serverCPU = peerUnaryCPU.daemon.map {
                Baseline(label: "grpc-swift-2 server, this run", value: $0, unit: "µs", sameRun: true)
            }
            figures.append(BenchmarkFigure("corridord CPU per call (1 caller)", value: daemonCPU, unit: "µs", baseline: serverCPU,
                                  note: "user+system CPU of the daemon over the sequential run, per call (10 ms tick resolution)"))
        }
        figures.append(BenchmarkFigure("client CPU per call (1 caller)", value: unaryCPU.client, unit: "µs",
                              baseline: Baseline(label: "grpc-swift-2 client, this run", value: peerUnaryCPU.client, unit: "µs", sameRun: true),
                              note: "this process's CPU over the sequential run, per call: CorridorClient plus the timing loop"))

        // (d) The command line, on the same daemon.
        if FileManager.default.isExecutableFile(atPath: corridorctlPath) {
            progress("corridorctl ping -c \(roundTrips) --json…")
            let (cli, seconds) = try CLIPing.run(corridorctl: corridorctlPath, socketPath: daemon.socketPath,
                                                 count: roundTrips, warmup: warmup, payloadBytes: size, directory: scratch.path)
            figures.append(BenchmarkFigure("corridorctl ping p50 (\(bytes))", value: cli.p50Microseconds, unit: "µs", baseline: rawP50,
                                  note: "as `corridorctl ping -c \(roundTrips) --warmup \(warmup) --json` reports it; the whole command took \(formatNumber(seconds, decimals: 2)) s"))
            figures.append(BenchmarkFigure("corridorctl ping p99 (\(bytes))", value: cli.p99Microseconds, unit: "µs", baseline: rawP99))
        } else {
            notes.append("corridorctl not found at \(corridorctlPath): its figures were skipped")
        }

        // (c) Many callers.
        let grpcThroughput = Baseline(label: "grpc-swift-2 at \(callers) callers, 1 connection, this run",
                                      value: peerThroughput.callsPerSecond, unit: "calls/s", sameRun: true)
        for connections in [1, callers] {
            let shape = connections == 1 ? "\(callers) callers, 1 connection" : "\(callers) callers, \(connections) connections"
            progress("throughput: \(throughputCalls) calls, \(shape)…")
            let meter = CPUMeter(daemonPID: daemon.pid)
            let result = try await Throughput.run(socketPath: daemon.socketPath, connections: connections, callers: callers,
                                                  totalCalls: throughputCalls, payloadBytes: size)
            let cpu = meter.perCall(calls: result.calls)
            details["Corridor unary under load, \(shape)"] = LatencySummary(nanoseconds: result.latencies)
            let cpuText = cpu.daemon.map { "corridord \(formatNumber($0, decimals: 1)) µs CPU per call, " } ?? ""
            figures.append(BenchmarkFigure("throughput, \(shape)", value: result.callsPerSecond, unit: "calls/s",
                                  baseline: grpcThroughput, goal: .ratioAtLeast(10),
                                  note: "\(result.calls) calls in \(formatNumber(result.seconds, decimals: 2)) s; \(cpuText)client \(formatNumber(cpu.client, decimals: 1)) µs (the warm-up pass counts in CPU)"))
        }

        // (e) Memory, once the load is gone.
        try await Task.sleep(for: .seconds(1))
        let memoryAfterLoad = daemon.memory()
        let grpcRSS = peerMemoryAtStart.map {
            Baseline(label: "grpc-swift-2 server idle RSS, this run", value: Double($0.residentKiB) / 1024, unit: "MiB", sameRun: true)
        }
        if let peerMemoryAtStart {
            figures.append(BenchmarkFigure("grpc-swift-2 server idle RSS after start", value: Double(peerMemoryAtStart.residentKiB) / 1024, unit: "MiB",
                                  note: "VmRSS 0.5 s after it listened; RssFile \(formatNumber(Double(peerMemoryAtStart.fileKiB) / 1024, decimals: 1)) MiB, RssAnon \(formatNumber(Double(peerMemoryAtStart.anonymousKiB) / 1024, decimals: 1)) MiB"))
        } else {
            notes.append("the grpc-swift-2 server's memory could not be read")
        }
        if let memoryAtStart {
            figures.append(BenchmarkFigure("corridord idle RSS after start", value: Double(memoryAtStart.residentKiB) / 1024, unit: "MiB",
                                  baseline: grpcRSS, goal: .atMost(10), note: "VmRSS 0.5 s after READY=1"))
        }
        if let memoryAfterLoad {
            figures.append(BenchmarkFigure("corridord idle RSS after load", value: Double(memoryAfterLoad.residentKiB) / 1024, unit: "MiB",
                                  baseline: grpcRSS, goal: .atMost(10), note: "VmRSS 1 s after every benchmark connection closed"))
            figures.append(BenchmarkFigure("corridord RSS after load, file-backed part", value: Double(memoryAfterLoad.fileKiB) / 1024, unit: "MiB",
                                  note: "RssFile: resident pages of the corridord binary and the shared libraries it maps (Swift runtime, Foundation, libc); RssAnon is heap and stacks"))
            figures.append(BenchmarkFigure("corridord RSS after load, anonymous part", value: Double(memoryAfterLoad.anonymousKiB) / 1024, unit: "MiB"))
            figures.append(BenchmarkFigure("corridord peak RSS (VmHWM)", value: Double(memoryAfterLoad.peakKiB) / 1024, unit: "MiB"))
        }
        progress("stopping corridord…")
        daemon.stop()

        // (f) One placement for everything: the floor and Corridor's unary
        // call with this process, the echo peer and a fresh corridord all on
        // CPU 0. Neither ratio can then move with where the scheduler put them.
        let pinned = Placement.oneCPU(0)
        progress("placement \(pinned.name): raw ping-pong and Corridor unary…")
        let pinnedFigures = try await pinned.apply { () async throws -> (raw: LatencySummary, unary: LatencySummary) in
            let pinnedRaw = LatencySummary(nanoseconds: try RawPingPong.run(
                directory: scratch.path, messageBytes: size, roundTrips: roundTrips, warmup: warmup))
            let directory = scratch.path + "/pinned"
            guard mkdir(directory, 0o700) == 0 else { throw BenchmarkFailure("mkdir \(directory): \(errnoText())") }
            let pinnedDaemon = try Daemon(executable: corridordPath, directory: directory)
            defer { pinnedDaemon.stop() }
            try pinned.place(pid: pinnedDaemon.pid)
            let pinnedUnary = LatencySummary(nanoseconds: try await UnaryLatency.run(
                socketPath: pinnedDaemon.socketPath, payloadBytes: size, roundTrips: roundTrips, warmup: warmup))
            return (pinnedRaw, pinnedUnary)
        }
        details["raw ping-pong, \(pinned.name)"] = pinnedFigures.raw
        details["Corridor unary, 1 caller, \(pinned.name)"] = pinnedFigures.unary
        let pinnedP50 = Baseline(label: "raw p50 \(pinned.name), this run", value: pinnedFigures.raw.p50Microseconds, unit: "µs", sameRun: true)
        let pinnedP99 = Baseline(label: "raw p99 \(pinned.name), this run", value: pinnedFigures.raw.p99Microseconds, unit: "µs", sameRun: true)
        figures.append(BenchmarkFigure("raw ping-pong p50, \(pinned.name)", value: pinnedFigures.raw.p50Microseconds, unit: "µs",
                              note: "the floor under one placement: echo peer, this process and corridord all on CPU 0"))
        figures.append(BenchmarkFigure("raw ping-pong p99, \(pinned.name)", value: pinnedFigures.raw.p99Microseconds, unit: "µs"))
        figures.append(BenchmarkFigure("Corridor unary p50 (1 caller, \(bytes), \(pinned.name))", value: pinnedFigures.unary.p50Microseconds, unit: "µs",
                              baseline: pinnedP50, goal: .ratioAtMost(1.5)))
        figures.append(BenchmarkFigure("Corridor unary p99 (1 caller, \(bytes), \(pinned.name))", value: pinnedFigures.unary.p99Microseconds, unit: "µs",
                              baseline: pinnedP99, goal: .ratioAtMost(3)))

        // Unpinned, the scheduler either keeps both processes on one CPU
        // (wake-affine) or spreads them, and the floor moves by several times.
        if let crossCPU {
            let sameCPU = pinnedFigures.raw
            let nearer = abs(raw.p50Microseconds - sameCPU.p50Microseconds) < abs(raw.p50Microseconds - crossCPU.p50Microseconds)
            notes.append("""
                the unpinned raw p50 (\(formatNumber(raw.p50Microseconds, decimals: 1)) µs) is nearer the \(nearer ? "same-CPU" : "cross-CPU") \
                figure: in this run the scheduler mostly \(nearer ? "kept both processes on one CPU" : "ran the two processes on different CPUs"); \
                the unpinned floor flips between these on a 2-CPU machine, so look at the ratios under both placements
                """)
        }

        notes.append("every baseline was measured in this run; shared/design/performance.md's quoted grpc-swift-2 figures (7.8-9.2k calls/s at 64 callers, 26 MB RSS, 340 µs CPU per call, measured elsewhere) are context only")
        notes.append("timings are never pass/fail: a NO in the met column is a finding, not an error")
        let report = Report(
            benchmark: "rpc",
            machine: machine,
            parameters: [
                "round-trips": String(roundTrips), "warmup": String(warmup), "size": String(size),
                "callers": String(callers), "throughput-calls": String(throughputCalls),
            ],
            figures: figures, details: details, notes: notes
        )
        if json { report.printJSON() } else { report.printTable(markdown: markdown) }
        if let jsonOut { try report.writeJSON(to: jsonOut) }
    }
}

/// `NAME` in the root package's release build: found from the working
/// directory (`Benchmarks/`, as `make benchmark` runs it) or, failing that,
/// from where this binary lives (Benchmarks/.build/...).
func locateRootBinary(_ name: String) -> String {
    let fileManager = FileManager.default
    let fromWorkingDirectory = (fileManager.currentDirectoryPath as NSString).appendingPathComponent("../.build/release/\(name)")
    if fileManager.isExecutableFile(atPath: fromWorkingDirectory) {
        return (fromWorkingDirectory as NSString).standardizingPath
    }
    var directory = (ownExecutablePath() as NSString).deletingLastPathComponent
    while directory != "/" && !directory.isEmpty {
        if fileManager.fileExists(atPath: directory + "/Benchmarks/Package.swift")
            && fileManager.fileExists(atPath: directory + "/Package.swift") {
            return directory + "/.build/release/\(name)"
        }
        directory = (directory as NSString).deletingLastPathComponent
    }
    return (fromWorkingDirectory as NSString).standardizingPath
}

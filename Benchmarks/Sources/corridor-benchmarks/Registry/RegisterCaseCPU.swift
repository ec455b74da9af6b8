import ArgumentParser
import CorridorModel
import CorridorRegistry
import CorridorWire
import Foundation
import Glibc

/// `register-cpu`: CPU time of `Registry.registerCase` on the registry actor,
/// per command, in process (no client, no socket). Issue 9 asks for it before
/// and after the generated code replaced the run-time coder; the same file
/// builds at 4e7a4c6 (the last commit before it) with the one line marked
/// "before 4e7a4c6" changed, so both builds run the same measurement.
///
/// How: every caller task runs with a task executor preference for one
/// dedicated thread (`OneThreadExecutor`), so the callers and the registry (a
/// default actor, which runs on its caller's preferred executor) execute on
/// that thread and nowhere else. Its CPU time (`pthread_getcpuclockid`) over N
/// commands, divided by N, is the figure. The log's group commit (msync and
/// the header update) runs on the log's own queue and is not counted; the
/// page faults of appending into the mapped segment are, as the actor takes
/// them. Periodic snapshots are switched off so none lands in the timed part.
/// Baseline, same run, same thread: the callers calling a trivial actor
/// method with the same arguments (the hop and the await), so what is left
/// is the command itself.
struct RegisterCaseCPUBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register-cpu",
        abstract: "CPU time of registerCase on the registry actor, per command (in process, no client or socket)."
    )

    @Option(help: "Timed registerCase commands per run.")
    var commands = 20_000

    @Option(help: "Untimed commands first, in each run.")
    var warmup = 2_000

    @Option(help: "Concurrent callers (tasks), all on the measured thread; several share a sync.")
    var callers = 64

    @Option(help: "Runs, each on a fresh registry; the figure is the median run.")
    var runs = 3

    @Option(help: "Where the runs' data goes (a fresh directory inside it, removed after).")
    var dir = "/var/tmp"

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print the table as Markdown.")
    var markdown = false

    @Option(name: .customLong("json-out"), help: "Also write the JSON report to this file.")
    var jsonOut: String?

    func validate() throws {
        guard commands >= 100, warmup >= 0, callers >= 1, runs >= 1 else {
            throw ValidationError("--commands ≥ 100, --warmup ≥ 0, --callers ≥ 1, --runs ≥ 1.")
        }
    }

    func run() async throws {
        let machine = MachineInfo.current()
        let executor = try OneThreadExecutor()
        let scratch = try StorageScratch(parent: dir)
        defer { scratch.remove() }
        let inputs = (0..<(warmup + commands)).map(Self.patient)

        var perCommand: [Double] = []
        var processPerCommand: [Double] = []
        var wallPerCommand: [Double] = []
        var floors: [Double] = []
        for run in 1...runs {
            progress("run \(run) of \(runs): \(warmup) untimed, then \(commands) registerCase from \(callers) callers…")
            let directory = try scratch.subdirectory("run-\(run)")
            var options = RegistryOptions()
            options.snapshotEveryEvents = .max
            let registry = try openRegistry(directory: directory, options: options)
            for party in CaseDataset.parties { _ = try await registry.registerParty(party, actor: CaseDataset.registrar) }
            for site in CaseDataset.sites { _ = try await registry.registerSite(site, actor: CaseDataset.registrar) }
            try await Self.drive(inputs[0..<warmup], callers: callers, on: executor) { record, personal in
                _ = try await registry.registerCase(record, personal: personal, actor: CaseDataset.registrar)
            }
            let threadStart = executor.cpuNanoseconds()
            let processStart = CPUTime.ofSelf()
            let wallStart = monotonicNanoseconds()
            try await Self.drive(inputs[warmup...], callers: callers, on: executor) { record, personal in
                _ = try await registry.registerCase(record, personal: personal, actor: CaseDataset.registrar)
            }
            perCommand.append(Double(executor.cpuNanoseconds() - threadStart) / 1000 / Double(commands))
            processPerCommand.append((CPUTime.ofSelf() - processStart) / Double(commands))
            wallPerCommand.append(Double(monotonicNanoseconds() - wallStart) / 1000 / Double(commands))
            let cases = await registry.figures.cases
            guard cases == warmup + commands else { throw BenchmarkFailure("the registry holds \(cases) cases after \(warmup + commands) registrations") }
            await registry.close()

            let floorActor = HopFloor()
            try await Self.drive(inputs[0..<warmup], callers: callers, on: executor) { record, personal in
                _ = await floorActor.take(record, personal)
            }
            let floorStart = executor.cpuNanoseconds()
            try await Self.drive(inputs[warmup...], callers: callers, on: executor) { record, personal in
                _ = await floorActor.take(record, personal)
            }
            floors.append(Double(executor.cpuNanoseconds() - floorStart) / 1000 / Double(commands))
            guard await floorActor.ranOn == executor.threadID else {
                throw BenchmarkFailure("the actor did not run on the measured thread: task executor preference was not honoured")
            }
        }

        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let floor = Baseline(label: "the same callers calling a trivial actor method, same thread", value: median(floors), unit: "µs", sameRun: true)
        let runsText = { (values: [Double]) in values.map { formatNumber($0, decimals: 1) }.joined(separator: ", ") }
        let figures = [
            BenchmarkFigure("registerCase, CPU on the actor's thread per command", value: median(perCommand), unit: "µs", baseline: floor,
                            note: "median of \(runs) runs (\(runsText(perCommand)) µs); callers, hop and await included (the baseline's share)"),
            BenchmarkFigure("registerCase less the hop floor", value: median(perCommand) - median(floors), unit: "µs",
                            note: "decide, encode, append, apply and the answer's CaseView"),
            BenchmarkFigure("trivial actor call, CPU per call (the floor)", value: median(floors), unit: "µs", note: "runs \(runsText(floors)) µs"),
            BenchmarkFigure("registerCase, process CPU per command", value: median(processPerCommand), unit: "µs",
                            note: "getrusage, every thread: adds the log's group commit and the kernel's msync; runs \(runsText(processPerCommand)) µs"),
            BenchmarkFigure("registerCase, wall time per command", value: median(wallPerCommand), unit: "µs",
                            note: "\(callers) callers sharing syncs; runs \(runsText(wallPerCommand)) µs"),
        ]
        let notes = [
            "in process: Registry.open on a fresh directory per run, its parties and sites, then registerCase of the storage data set's cases (RegisterCaseCPUBenchmark.patient: CaseDataset's at format 2)",
            "periodic snapshots off (snapshotEveryEvents = max); the closing snapshot is outside the timed part",
            "the actor's thread: one dedicated thread, the callers' task executor preference; the registry is a default actor and runs there",
            "timings are never pass/fail",
        ]
        let parameters = ["commands": String(commands), "warmup": String(warmup), "callers": String(callers), "runs": String(runs)]
        let report = Report(benchmark: "register-cpu", machine: machine, parameters: parameters, figures: figures, details: [:], notes: notes)
        if json { report.printJSON() } else { report.printTable(markdown: markdown) }
        if let jsonOut { try report.writeJSON(to: jsonOut) }
    }

    /// Case `index` as CaseDataset.patient makes it at format 2 (the birth
    /// date agrees with the age, as the registry requires), written out here
    /// so that the build before issue 9, whose CaseDataset is older, registers
    /// the very same cases.
    static func patient(_ index: Int) -> (Case, CasePersonal) {
        let conditions = Case.Condition.allCases.filter { $0 != .unspecified }
        let precedences: [Case.Precedence] = [.urgent, .urgentSurgical, .priority, .routine]
        let ageMonths = (index * 37) % 1_200
        var now = time(nil)
        var today = tm()
        gmtime_r(&now, &today)
        let monthsSinceYearZero = Int(today.tm_year + 1900) * 12 + Int(today.tm_mon) - ageMonths
        let year = monthsSinceYearZero / 12
        let month = 1 + monthsSinceYearZero % 12
        let record = Case(
            siteID: CaseDataset.caseSites[index % CaseDataset.caseSites.count], ageMonths: UInt32(ageMonths),
            sex: index % 2 == 0 ? .female : .male, precedence: precedences[(index / 2) % precedences.count],
            conditions: [conditions[index % conditions.count]], needs: index % 3 == 0 ? [.stretcher] : [],
            consentGiven: true
        )
        let personal = CasePersonal(
            name: "Person \(index)", dateOfBirth: "\(year)-\(month < 10 ? "0" : "")\(month)-01",
            contacts: ["+963 11 \(1_000_000 + index % 9_000_000)"]
        )
        return (record, personal)
    }

    private func openRegistry(directory: String, options: RegistryOptions) throws -> Registry {
        // before 4e7a4c6: `Registry.open(dataDirectory: directory, options: options, logger: quietLogger).0`
        try Registry.open(dataDirectory: directory, recordCoding: ProtobufRecordCoding(), options: options, logger: quietLogger).0
    }

    /// `inputs` shared out between `callers` tasks, every one preferring `executor`.
    private static func drive(
        _ inputs: ArraySlice<(Case, CasePersonal)>, callers: Int, on executor: OneThreadExecutor,
        _ body: @escaping @Sendable (Case, CasePersonal) async throws -> Void
    ) async throws {
        guard !inputs.isEmpty else { return }
        let all = Array(inputs)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<min(callers, all.count) {
                group.addTask(executorPreference: executor) {
                    var index = caller
                    while index < all.count {
                        try await body(all[index].0, all[index].1)
                        index += callers
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

/// The floor: an actor method that takes what registerCase takes and does nothing with it.
actor HopFloor {
    private(set) var calls = 0
    private(set) var ranOn: pthread_t?

    func take(_ record: Case, _ personal: CasePersonal) -> Int {
        calls += 1
        ranOn = pthread_self()
        return record.ageMonths == 0 ? calls : calls + 1
    }
}

/// A task executor with one thread of its own, so that the CPU time of
/// everything it runs can be read off that thread.
final class OneThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [UnownedJob] = []
    private var thread = pthread_t()

    init() throws {
        let retained = Unmanaged.passRetained(self).toOpaque()
        // Never stopped: it lives as long as the benchmark process.
        let created = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<OneThreadExecutor>.fromOpaque(argument).takeRetainedValue().runJobs()
        }, retained)
        guard created == 0 else {
            Unmanaged<OneThreadExecutor>.fromOpaque(retained).release()
            throw BenchmarkFailure("pthread_create: \(String(cString: strerror(created)))")
        }
    }

    var threadID: pthread_t { thread }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    private func runJobs() -> Never {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while queue.isEmpty { condition.wait() }
            swap(&batch, &queue)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// CPU time of the executor's thread so far (user and system), in nanoseconds.
    func cpuNanoseconds() -> UInt64 {
        var clock = clockid_t()
        guard pthread_getcpuclockid(thread, &clock) == 0 else { return 0 }
        var now = timespec()
        clock_gettime(clock, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}

import CorridorRegistry
import CorridorStore
import CorridorWire
import Foundation
import Glibc

/// The start-up and memory figures are measured in a child process each (this
/// same binary, started with `--storage-child MODE ARGS…`), so every open
/// starts from a fresh heap, nothing of an earlier open stays mapped or
/// resident, and the directory lock goes with the process. The child prints
/// one JSON line (a `Report`) on stdout and its progress on stderr.
///
///   build-cases DIR COUNT WRITERS     register COUNT cases (CaseDataset), close
///   log-replay DIR                    EventLog.open, counting records (no decoding)
///   registry-open DIR [--snapshot]    Registry.open (snapshot if present, then replay);
///                                     with --snapshot, then snapshotNow()
///   registry-empty DIR                Registry.open of an empty directory
enum StorageChild {
    static let flag = "--storage-child"

    struct Report: Codable, Sendable {
        var seconds: Double = 0
        var records: UInt64 = 0
        var recordBytes: UInt64 = 0
        var lastSequence: UInt64 = 0
        var segments = 0
        var cases = 0
        var syncs: UInt64 = 0
        var syncedRecords: UInt64 = 0
        var closeSeconds: Double?
        var latency: LatencySummary?
        /// Before the open, right after it, and after malloc_trim(0).
        var memoryBefore: MemoryFigures?
        var memoryAfter: MemoryFigures?
        var memoryTrimmed: MemoryFigures?
        var snapshotLoaded: Bool?
        var snapshotSeconds: Double?
        var snapshotBytes: Int?
    }

    // MARK: In the parent

    /// Runs this binary in child mode with `arguments` and decodes its report.
    static func run(_ arguments: [String], timeoutSeconds: Double = 1800) throws -> Report {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ownExecutablePath())
        process.arguments = [flag] + arguments
        process.environment = childEnvironment()
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.standardError
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The report is one short line, so the pipe never fills while we wait.
        let deadline = monotonicNanoseconds() + UInt64(timeoutSeconds * 1e9)
        while process.isRunning && monotonicNanoseconds() < deadline { usleep(20_000) }
        if process.isRunning {
            stopProcess(process)
            throw BenchmarkFailure("the child `\(arguments.joined(separator: " "))` did not finish within \(Int(timeoutSeconds)) s")
        }
        process.waitUntilExit()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure("the child `\(arguments.joined(separator: " "))` exited with status \(process.terminationStatus)")
        }
        do {
            return try JSONDecoder().decode(Report.self, from: data)
        } catch {
            throw BenchmarkFailure("the child `\(arguments.joined(separator: " "))` printed no report: \(String(decoding: data, as: UTF8.self))")
        }
    }

    // MARK: In the child

    static func main(arguments: [String]) async -> Never {
        // arguments[0] is the flag.
        let mode = arguments.count > 1 ? arguments[1] : ""
        let rest = Array(arguments.dropFirst(2))
        do {
            let report: Report
            switch mode {
            case "build-cases":
                guard rest.count == 3, let cases = Int(rest[1]), let writers = Int(rest[2]) else { fail("build-cases DIR COUNT WRITERS") }
                report = try await CaseDataset.build(directory: rest[0], cases: cases, writers: writers)
            case "log-replay":
                guard rest.count == 1 else { fail("log-replay DIR") }
                report = try logReplay(directory: rest[0])
            case "registry-open", "registry-empty":
                guard !rest.isEmpty else { fail("\(mode) DIR [--snapshot]") }
                report = try await registryOpen(directory: rest[0], snapshot: rest.contains("--snapshot"))
            default:
                fail("unknown mode \(mode)")
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
            exit(0)
        } catch {
            fail("\(mode): \(error)")
        }
    }

    private static func logReplay(directory: String) throws -> Report {
        var records: UInt64 = 0
        let start = monotonicNanoseconds()
        let (log, opened) = try EventLog.open(directory: directory, logger: quietLogger, replay: { _ in records += 1 })
        var report = Report()
        report.seconds = Double(monotonicNanoseconds() - start) / 1e9
        report.records = opened.replayed
        report.recordBytes = log.figures.recordBytes
        report.segments = opened.segments
        report.lastSequence = opened.lastSequence
        return report
    }

    /// Opens the registry in `directory` and exits without closing it: close
    /// would write a snapshot, and the next measurement must not find one it
    /// did not ask for. Nothing is appended, so there is nothing to lose.
    private static func registryOpen(directory: String, snapshot: Bool) async throws -> Report {
        var report = Report()
        report.memoryBefore = MemoryFigures.current()
        let start = monotonicNanoseconds()
        let (registry, opened) = try Registry.open(dataDirectory: directory, recordCoding: ProtobufRecordCoding(), logger: quietLogger)
        report.seconds = Double(monotonicNanoseconds() - start) / 1e9
        report.memoryAfter = MemoryFigures.current()
        mallocTrim()
        report.memoryTrimmed = MemoryFigures.current()
        let figures = await registry.figures
        report.records = opened.replayed
        report.lastSequence = opened.lastSequence
        report.recordBytes = figures.log.recordBytes
        report.segments = opened.segments
        report.cases = figures.cases
        report.snapshotLoaded = figures.lastSnapshotSequence > 0
        if snapshot {
            let snapshotStart = monotonicNanoseconds()
            try await registry.snapshotNow()
            report.snapshotSeconds = Double(monotonicNanoseconds() - snapshotStart) / 1e9
            let snapshots = directory + "/" + DataDirectoryLayout.snapshots
            report.snapshotBytes = ((try? FileManager.default.contentsOfDirectory(atPath: snapshots)) ?? [])
                .filter { $0.hasSuffix(".snap") }
                .compactMap { try? FileManager.default.attributesOfItem(atPath: snapshots + "/" + $0)[.size] as? Int }
                .reduce(0, +)
        }
        withExtendedLifetime(registry) {}
        return report
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("corridor-benchmarks storage child: \(message)\n".utf8))
        exit(1)
    }
}

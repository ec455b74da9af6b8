import Foundation

/// `corridorctl ping -c N --json` as a subprocess: the latency a person or a
/// script sees from the command line (same client library, plus the CLI's
/// per-call timeout timer). The CLI measures; we read its JSON.
enum CLIPing {
    /// cli.proto's PingSummary in proto3 JSON: whole nanoseconds, which as
    /// 64-bit integers are JSON strings.
    struct Output: Decodable {
        var count: Int
        var payloadBytes: Int
        var minMicroseconds: Double
        var p50Microseconds: Double
        var p99Microseconds: Double
        var maxMicroseconds: Double

        private enum CodingKeys: String, CodingKey {
            case count, payloadBytes, minNs, p50Ns, p99Ns, maxNs
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            count = try container.decode(Int.self, forKey: .count)
            payloadBytes = try container.decode(Int.self, forKey: .payloadBytes)
            func microseconds(_ key: CodingKeys) throws -> Double {
                let text = try container.decode(String.self, forKey: key)
                guard let nanoseconds = UInt64(text) else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not a count of nanoseconds: \(text)")
                }
                return Double(nanoseconds) / 1000
            }
            minMicroseconds = try microseconds(.minNs)
            p50Microseconds = try microseconds(.p50Ns)
            p99Microseconds = try microseconds(.p99Ns)
            maxMicroseconds = try microseconds(.maxNs)
        }
    }

    static func run(corridorctl: String, socketPath: String, count: Int, warmup: Int, payloadBytes: Int, directory: String) throws -> (output: Output, seconds: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: corridorctl)
        process.arguments = ["ping", "--socket", socketPath, "-c", String(count), "--warmup", String(warmup),
                             "--size", String(payloadBytes), "--json"]
        process.environment = childEnvironment()
        let errorPath = "\(directory)/corridorctl.err"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let stdout = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        let start = monotonicNanoseconds()
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Double(monotonicNanoseconds() - start) / 1e9
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure("corridorctl ping exited with status \(process.terminationStatus): \(tail(of: errorPath))")
        }
        do {
            return (try JSONDecoder().decode(Output.self, from: data), seconds)
        } catch {
            throw BenchmarkFailure("corridorctl ping --json printed something unexpected (\(error)): \(String(decoding: data.prefix(500), as: UTF8.self))")
        }
    }
}

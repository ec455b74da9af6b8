import ArgumentParser
import CorridorClient
import Foundation

struct PingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract: "Measure round trips to the daemon (System.Ping) and print count, p50 and p99."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(name: [.short, .long], help: "How many round trips to measure.")
    var count = 100

    @Option(help: "Payload bytes per ping.")
    var size = 64

    @Option(help: "Round trips sent first and not measured, to warm up both sides.")
    var warmup = 10

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1.") }
        guard (0...1_048_576).contains(size) else { throw ValidationError("--size must be between 0 and 1048576 bytes.") }
        guard warmup >= 0 else { throw ValidationError("--warmup must not be negative.") }
    }

    func run() async throws {
        let client = try await connection.connect()
        let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0) }
        let timeout = connection.callTimeout
        for _ in 0..<warmup {
            _ = try await calling { () async throws(RPCError) in try await client.ping(payload: payload, timeout: timeout) }
        }
        let progress = ProgressLine(total: count, label: "ping")
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        let clock = ContinuousClock()
        for index in 0..<count {
            let start = clock.now
            let echoed = try await calling { () async throws(RPCError) in try await client.ping(payload: payload, timeout: timeout) }
            samples.append(clock.now - start)
            guard echoed == payload else {
                throw CommandFailure(RPCError(.dataLoss, "ping \(index) came back with different bytes"))
            }
            progress.update(index + 1)
        }
        progress.finish()
        await client.close()

        let summary = LatencySummary(samples: samples, payloadBytes: size)
        if json {
            printJSON(summary.message)
        } else {
            print("\(summary.count) round trips of \(size) bytes to \(client.socketPath)")
            print("min \(format(summary.minMicroseconds))  p50 \(format(summary.p50Microseconds))  p99 \(format(summary.p99Microseconds))  max \(format(summary.maxMicroseconds))")
        }
    }

    private func format(_ microseconds: Double) -> String {
        microseconds >= 1000 ? String(format: "%.2f ms", microseconds / 1000) : String(format: "%.1f µs", microseconds)
    }
}

/// Round-trip figures in microseconds.
struct LatencySummary {
    let count: Int
    let payloadBytes: Int
    let minMicroseconds: Double
    let p50Microseconds: Double
    let p99Microseconds: Double
    let maxMicroseconds: Double

    init(samples: [Duration], payloadBytes: Int) {
        let sorted = samples.map { Double($0.components.seconds) * 1e6 + Double($0.components.attoseconds) / 1e12 }.sorted()
        func percentile(_ p: Double) -> Double {
            sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }
        count = sorted.count
        self.payloadBytes = payloadBytes
        minMicroseconds = sorted.first ?? 0
        p50Microseconds = percentile(0.50)
        p99Microseconds = percentile(0.99)
        maxMicroseconds = sorted.last ?? 0
    }

    /// cli.proto's PingSummary, in whole nanoseconds.
    var message: Corridor_V1_PingSummary {
        func ns(_ microseconds: Double) -> UInt64 { UInt64((microseconds * 1000).rounded()) }
        return Corridor_V1_PingSummary(
            count: UInt32(clamping: count), payloadBytes: UInt32(clamping: payloadBytes),
            minNs: ns(minMicroseconds), p50Ns: ns(p50Microseconds), p99Ns: ns(p99Microseconds), maxNs: ns(maxMicroseconds)
        )
    }
}

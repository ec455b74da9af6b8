import CorridorClient

/// Corridor's cheapest call, System.Ping, one at a time on one connection:
/// the latency a single caller sees through CorridorClient.
enum UnaryLatency {
    /// With `timeout`, each call carries a deadline, as `corridorctl` calls do
    /// (the client schedules a guard timer per call).
    static func run(socketPath: String, payloadBytes: Int, roundTrips: Int, warmup: Int, timeout: Duration? = nil) async throws -> [UInt64] {
        let client = try await connectClient(socketPath)
        let payload = makePayload(payloadBytes)
        for _ in 0..<warmup {
            _ = try await client.ping(payload: payload, timeout: timeout)
        }
        var samples = [UInt64](repeating: 0, count: roundTrips)
        var mismatches = 0
        for index in 0..<roundTrips {
            let start = monotonicNanoseconds()
            let echoed = try await client.ping(payload: payload, timeout: timeout)
            samples[index] = monotonicNanoseconds() - start
            if echoed.count != payload.count { mismatches += 1 }
        }
        await client.close()
        guard mismatches == 0 else { throw BenchmarkFailure("\(mismatches) pings came back with a different payload") }
        return samples
    }
}

func connectClient(_ socketPath: String) async throws -> CorridorClient {
    var configuration = ClientConfiguration()
    configuration.clientName = "corridor-benchmarks"
    return try await CorridorClient.connect(to: socketPath, configuration: configuration)
}

func makePayload(_ bytes: Int) -> [UInt8] {
    (0..<bytes).map { UInt8(truncatingIfNeeded: $0) }
}

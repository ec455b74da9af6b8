import CorridorClient

/// Many callers at once, each calling System.Ping back to back: calls per
/// second over a fixed number of calls, on one shared connection or one
/// connection per caller.
enum Throughput {
    struct Result {
        var calls: Int
        var seconds: Double
        var callsPerSecond: Double { Double(calls) / seconds }
        /// What each call took as its caller saw it, queueing included.
        var latencies: [UInt64]
    }

    static func run(socketPath: String, connections: Int, callers: Int, totalCalls: Int, payloadBytes: Int) async throws -> Result {
        var clients: [CorridorClient] = []
        for _ in 0..<connections {
            clients.append(try await connectClient(socketPath))
        }
        let payload = makePayload(payloadBytes)
        // A short pass first, so connections, buffers and threads are warm.
        _ = try await drive(clients: clients, callers: callers, totalCalls: min(totalCalls, callers * 50), payload: payload)

        let start = monotonicNanoseconds()
        let latencies = try await drive(clients: clients, callers: callers, totalCalls: totalCalls, payload: payload)
        let seconds = Double(monotonicNanoseconds() - start) / 1e9
        for client in clients { await client.close() }
        return Result(calls: latencies.count, seconds: seconds, latencies: latencies)
    }

    private static func drive(clients: [CorridorClient], callers: Int, totalCalls: Int, payload: [UInt8]) async throws -> [UInt64] {
        try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for caller in 0..<callers {
                let client = clients[caller % clients.count]
                let calls = totalCalls / callers + (caller < totalCalls % callers ? 1 : 0)
                group.addTask {
                    var samples = [UInt64](repeating: 0, count: calls)
                    for index in 0..<calls {
                        let start = monotonicNanoseconds()
                        _ = try await client.ping(payload: payload)
                        samples[index] = monotonicNanoseconds() - start
                    }
                    return samples
                }
            }
            var all: [UInt64] = []
            all.reserveCapacity(totalCalls)
            for try await samples in group { all += samples }
            return all
        }
    }
}

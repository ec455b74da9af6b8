import CorridorClient

/// What one caller saw: each call's latency by kind, and failures by kind and
/// status code. Every caller keeps its own and they are merged at the end, so
/// recording a call takes no lock.
struct LoadStats: Sendable {
    var latencies: [LoadCall: [UInt64]] = [:]
    var errors: [LoadCall: [StatusCode: Int]] = [:]
    /// Failures of calls that ended after corridord was killed on purpose
    /// (the soak): expected, and kept apart from failures while it was up.
    var errorsAtKill: [LoadCall: [StatusCode: Int]] = [:]
    /// The first few failures while up, with their messages.
    var firstErrors: [String] = []

    mutating func record(_ call: LoadCall, nanoseconds: UInt64) {
        latencies[call, default: []].append(nanoseconds)
    }

    mutating func fail(_ call: LoadCall, _ error: RPCError, afterKill: Bool) {
        if afterKill {
            errorsAtKill[call, default: [:]][error.code, default: 0] += 1
        } else {
            errors[call, default: [:]][error.code, default: 0] += 1
            if firstErrors.count < 5 { firstErrors.append("\(call.rpcName): \(error)") }
        }
    }

    mutating func merge(_ other: LoadStats) {
        for (call, samples) in other.latencies { latencies[call, default: []] += samples }
        for (call, codes) in other.errors {
            for (code, count) in codes { errors[call, default: [:]][code, default: 0] += count }
        }
        for (call, codes) in other.errorsAtKill {
            for (code, count) in codes { errorsAtKill[call, default: [:]][code, default: 0] += count }
        }
        for error in other.firstErrors where firstErrors.count < 5 { firstErrors.append(error) }
    }

    var calls: Int { latencies.values.reduce(0) { $0 + $1.count } }
    var failures: Int { errors.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
}

/// One row of the report: a call kind over the whole run.
struct LoadRow: Codable, Sendable {
    var call: String
    var rpc: String
    var calls: Int
    var callsPerSecond: Double
    var p50Microseconds: Double?
    var p99Microseconds: Double?
    var p999Microseconds: Double?
    var maxMicroseconds: Double?
    /// Status code name → calls that failed with it, while corridord was up.
    var errors: [String: Int]
    /// The same for calls cut by a deliberate kill -9 (the soak).
    var errorsAtKill: [String: Int]

    static func rows(_ stats: LoadStats, seconds: Double) -> [LoadRow] {
        LoadCall.allCases.compactMap { call in
            let samples = stats.latencies[call] ?? []
            let errors = stats.errors[call] ?? [:]
            let atKill = stats.errorsAtKill[call] ?? [:]
            guard !samples.isEmpty || !errors.isEmpty || !atKill.isEmpty else { return nil }
            let summary = samples.isEmpty ? nil : LatencySummary(nanoseconds: samples)
            return LoadRow(
                call: call.rawValue, rpc: call.rpcName, calls: samples.count,
                callsPerSecond: seconds > 0 ? Double(samples.count) / seconds : 0,
                p50Microseconds: summary?.p50Microseconds, p99Microseconds: summary?.p99Microseconds,
                p999Microseconds: summary?.p999Microseconds, maxMicroseconds: summary?.maxMicroseconds,
                errors: Dictionary(uniqueKeysWithValues: errors.map { ($0.key.description, $0.value) }),
                errorsAtKill: Dictionary(uniqueKeysWithValues: atKill.map { ($0.key.description, $0.value) })
            )
        }
    }

    static func total(_ stats: LoadStats, seconds: Double) -> LoadRow {
        var all: [UInt64] = []
        all.reserveCapacity(stats.calls)
        for samples in stats.latencies.values { all += samples }
        let summary = all.isEmpty ? nil : LatencySummary(nanoseconds: all)
        var errors: [String: Int] = [:]
        var atKill: [String: Int] = [:]
        for codes in stats.errors.values { for (code, count) in codes { errors[code.description, default: 0] += count } }
        for codes in stats.errorsAtKill.values { for (code, count) in codes { atKill[code.description, default: 0] += count } }
        return LoadRow(
            call: "all", rpc: "", calls: all.count, callsPerSecond: seconds > 0 ? Double(all.count) / seconds : 0,
            p50Microseconds: summary?.p50Microseconds, p99Microseconds: summary?.p99Microseconds,
            p999Microseconds: summary?.p999Microseconds, maxMicroseconds: summary?.maxMicroseconds,
            errors: errors, errorsAtKill: atKill
        )
    }

    static func table(_ rows: [LoadRow], withKillColumn: Bool) -> String {
        var header = ["call", "calls", "calls/s", "p50 µs", "p99 µs", "p99.9 µs", "max µs", "errors"]
        if withKillColumn { header.append("cut by kill -9") }
        func codes(_ counts: [String: Int]) -> String {
            counts.isEmpty ? "0" : counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        func micro(_ value: Double?) -> String { value.map { formatNumber($0, decimals: $0 < 100 ? 1 : 0) } ?? "—" }
        let body = rows.map { row -> [String] in
            var cells = [
                row.call == "all" ? "all" : "\(row.call) (\(row.rpc))", Report.grouped(row.calls),
                Report.grouped(Int(row.callsPerSecond.rounded())), micro(row.p50Microseconds), micro(row.p99Microseconds),
                micro(row.p999Microseconds), micro(row.maxMicroseconds), codes(row.errors),
            ]
            if withKillColumn { cells.append(codes(row.errorsAtKill)) }
            return cells
        }
        return formatTable(header: header, rows: body)
    }
}

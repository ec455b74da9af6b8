import Glibc

/// CLOCK_MONOTONIC in nanoseconds: one vDSO call, no allocation.
@inline(__always)
func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
}

/// Latency figures in microseconds. Percentiles are nearest-rank, the same
/// definition `corridorctl ping` uses, so the two agree on the same samples.
struct LatencySummary: Codable, Sendable {
    var count: Int
    var minMicroseconds: Double
    var meanMicroseconds: Double
    var p50Microseconds: Double
    var p90Microseconds: Double
    var p99Microseconds: Double
    var p999Microseconds: Double
    var maxMicroseconds: Double

    init(nanoseconds samples: [UInt64]) {
        precondition(!samples.isEmpty, "no samples")
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> Double {
            let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return Double(sorted[min(sorted.count - 1, max(0, rank))]) / 1000
        }
        count = sorted.count
        minMicroseconds = Double(sorted[0]) / 1000
        meanMicroseconds = Double(sorted.reduce(0, +)) / Double(sorted.count) / 1000
        p50Microseconds = percentile(0.50)
        p90Microseconds = percentile(0.90)
        p99Microseconds = percentile(0.99)
        p999Microseconds = percentile(0.999)
        maxMicroseconds = Double(sorted[sorted.count - 1]) / 1000
    }

    var oneLine: String {
        "min \(format(minMicroseconds)) p50 \(format(p50Microseconds)) p90 \(format(p90Microseconds)) "
            + "p99 \(format(p99Microseconds)) p99.9 \(format(p999Microseconds)) max \(format(maxMicroseconds)) µs"
    }

    private func format(_ value: Double) -> String { formatNumber(value, decimals: 1) }
}

/// Fixed decimals without Foundation's locale: "12.3", "45123".
func formatNumber(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    var text = (value < 0 && scaled != 0 ? "-" : "") + String(whole)
    if decimals > 0 {
        let fraction = Int(scaled - Double(whole) * scale)
        let digits = String(fraction)
        text += "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return text
}

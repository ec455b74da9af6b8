import Foundation

/// What a figure is compared with. `sameRun` is false for a peer's figure
/// quoted from shared/design/performance.md rather than measured here: such a
/// ratio is a reference, not a measurement, and the table says so.
struct Baseline: Codable, Sendable {
    var label: String
    var value: Double
    var unit: String
    var sameRun: Bool
}

/// The goal a figure is held to, from shared/design/performance.md.
enum Goal: Sendable {
    /// value / baseline ≤ limit (latency against the raw floor).
    case ratioAtMost(Double)
    /// value / baseline ≥ limit (throughput against a peer).
    case ratioAtLeast(Double)
    /// value ≤ limit, in the figure's own unit.
    case atMost(Double)

    func text(unit: String) -> String {
        switch self {
        case .ratioAtMost(let limit): "≤ \(formatNumber(limit, decimals: 1))×"
        case .ratioAtLeast(let limit): "≥ \(formatNumber(limit, decimals: 0))×"
        case .atMost(let limit): "≤ \(formatNumber(limit, decimals: 0)) \(unit)"
        }
    }

    func isMet(value: Double, ratio: Double?) -> Bool? {
        switch self {
        case .ratioAtMost(let limit): ratio.map { $0 <= limit }
        case .ratioAtLeast(let limit): ratio.map { $0 >= limit }
        case .atMost(let limit): value <= limit
        }
    }
}

/// One row of the report.
struct BenchmarkFigure: Codable, Sendable {
    var name: String
    var value: Double
    var unit: String
    var baseline: Baseline?
    /// value / baseline.value.
    var ratio: Double?
    var goal: String?
    /// nil when the figure has no goal (context, such as the floor itself).
    var met: Bool?
    var note: String?

    init(_ name: String, value: Double, unit: String, baseline: Baseline? = nil, goal: Goal? = nil, note: String? = nil) {
        self.name = name
        self.value = value
        self.unit = unit
        self.baseline = baseline
        self.ratio = baseline.flatMap { $0.value > 0 ? value / $0.value : nil }
        self.goal = goal?.text(unit: unit)
        self.met = goal?.isMet(value: value, ratio: ratio)
        self.note = note
    }
}

/// The machine the figures were measured on.
struct MachineInfo: Codable, Sendable {
    var onlineCPUs: Int
    var cpuModel: String
    var kernel: String
    var memoryMiB: Int
    /// /proc/loadavg's 1-minute figure when the run started: other work on
    /// the machine shows up in the tail latencies.
    var loadAverage: String

    static func current() -> MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n")
            .first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        var names = utsname()
        uname(&names)
        let release = withUnsafeBytes(of: &names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let totalKiB = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } ?? 0
        return MachineInfo(
            onlineCPUs: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), cpuModel: model,
            kernel: "Linux \(release)", memoryMiB: totalKiB / 1024,
            loadAverage: ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").first.map(String.init) ?? "?"
        )
    }

    var oneLine: String { "\(onlineCPUs) CPUs online, \(cpuModel), \(memoryMiB) MiB, \(kernel), load average \(loadAverage) at start" }
}

/// What every report prints the same way, whatever its rows: its first two
/// lines (the benchmark and machine, the parameters) and its JSON.
protocol BenchmarkReport: Encodable {
    var benchmark: String { get }
    var machine: MachineInfo { get }
    var parameters: [String: String] { get }
}

extension BenchmarkReport {
    /// The benchmark and the machine, then the parameters, then a blank line.
    func printHeading() {
        print("corridor-benchmarks \(benchmark): \(machine.oneLine)")
        print(parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        print()
    }

    func printJSON() {
        print(String(decoding: jsonData(), as: UTF8.self))
    }

    func writeJSON(to path: String) throws {
        do {
            try jsonData().write(to: URL(fileURLWithPath: path))
        } catch {
            throw BenchmarkFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }

    private func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}

/// A table as every report prints it: columns padded to their widest cell
/// and two spaces apart under a rule of dashes, or Markdown.
func formatTable(header: [String], rows: [[String]], markdown: Bool = false) -> String {
    if markdown {
        return ([
            "| " + header.joined(separator: " | ") + " |",
            "|" + header.map { _ in "---" }.joined(separator: "|") + "|",
        ] + rows.map { "| " + $0.joined(separator: " | ") + " |" }).joined(separator: "\n")
    }
    let widths = header.indices.map { column in
        ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    func line(_ cells: [String]) -> String {
        zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
            .joined(separator: "  ").trimmingTrailingSpaces()
    }
    return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
}

/// Everything a run prints: the table, and the details behind each row.
struct Report: BenchmarkReport, Codable, Sendable {
    var benchmark: String
    var machine: MachineInfo
    var parameters: [String: String]
    var figures: [BenchmarkFigure]
    var details: [String: LatencySummary]
    var notes: [String]

    func printTable(markdown: Bool) {
        let header = ["figure", "value", "baseline", "ratio", "goal", "met"]
        let rows = figures.map { figure -> [String] in
            [
                figure.name,
                Self.format(figure.value, unit: figure.unit),
                figure.baseline.map { "\(Self.format($0.value, unit: $0.unit)) \($0.label)" } ?? "—",
                figure.ratio.map { "\(formatNumber($0, decimals: 2))×" } ?? "—",
                figure.goal ?? "—",
                figure.met.map { $0 ? "yes" : "NO" } ?? "—",
            ]
        }
        printHeading()
        print(formatTable(header: header, rows: rows, markdown: markdown))
        let noted = figures.filter { $0.note != nil }
        if !noted.isEmpty || !notes.isEmpty { print() }
        for figure in noted { print("- \(figure.name): \(figure.note!)") }
        for note in notes { print("- \(note)") }
        if !details.isEmpty {
            print()
            for (name, summary) in details.sorted(by: { $0.key < $1.key }) {
                print("\(name): \(summary.count) samples, \(summary.oneLine)")
            }
        }
    }

    static func format(_ value: Double, unit: String) -> String {
        switch unit {
        case "calls/s", "appends/s", "inserts/s", "records/s", "cases/s": "\(grouped(Int(value.rounded()))) \(unit)"
        case "writers": "\(Int(value.rounded())) \(unit)"
        case "s": "\(formatNumber(value, decimals: value < 10 ? 3 : 1)) s"
        case "µs": "\(formatNumber(value, decimals: 1)) µs"
        default: "\(formatNumber(value, decimals: 1)) \(unit)"
        }
    }

    /// 78000 → "78,000".
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// Progress for a human on stderr, so stdout holds only the report.
func progress(_ text: String) {
    FileHandle.standardError.write(Data("\(text)\n".utf8))
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

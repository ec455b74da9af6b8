import Foundation
import Glibc
import Logging

// What the storage benchmarks share: a quiet logger, the writers' samples and
// what they say about fairness, this process's memory, and the file system
// the data directory is on.

/// The store and registry log nothing the benchmarks want to see.
let quietLogger = Logger(label: "corridor.benchmarks.storage") { _ in SwiftLogNoOpLogHandler() }

/// One concurrent writer's latencies, in the order it made them, and when it
/// finished (monotonic nanoseconds).
struct WriterSamples: Sendable {
    var latencies: [UInt64]
    var finishedAt: UInt64
}

/// A fixed number of durable writes shared out between concurrent writers.
struct WriterRun: Sendable {
    var writers: Int
    var operations: Int
    var seconds: Double
    var perWriter: [WriterSamples]

    var perSecond: Double { Double(operations) / seconds }
    var latencies: [UInt64] { perWriter.flatMap(\.latencies) }

    /// Each writer's mean and maximum latency, and how early the first writer
    /// finished its share, to find writers the store served worse than others.
    struct Fairness: Codable, Sendable {
        var meanMinMicroseconds: Double
        var meanMaxMicroseconds: Double
        var maxMicroseconds: Double
        /// When the first writer had done its share, as a fraction of the run:
        /// 1.0 when every writer finished together, small when some were served first.
        var firstFinishFraction: Double
        /// Writers whose mean latency was more than twice the mean of all
        /// writers, or that waited more than a second for any one write.
        var starved: Int
    }

    func fairness(start: UInt64) -> Fairness {
        let means = perWriter.map { samples in
            samples.latencies.isEmpty ? 0 : Double(samples.latencies.reduce(0, +)) / Double(samples.latencies.count) / 1000
        }
        let overallMean = means.reduce(0, +) / Double(max(1, means.count))
        let maxima = perWriter.map { Double($0.latencies.max() ?? 0) / 1000 }
        let firstFinish = perWriter.map(\.finishedAt).min() ?? start
        let span = Double(perWriter.map(\.finishedAt).max().map { $0 - start } ?? 1)
        let starved = zip(means, maxima).filter { mean, maximum in
            (writers > 1 && mean > 2 * overallMean) || maximum > 1_000_000
        }.count
        return Fairness(
            meanMinMicroseconds: means.min() ?? 0, meanMaxMicroseconds: means.max() ?? 0,
            maxMicroseconds: maxima.max() ?? 0,
            firstFinishFraction: span > 0 ? Double(firstFinish - start) / span : 1, starved: starved
        )
    }

    /// Splits `total` between `writers` as evenly as it goes.
    static func share(_ total: Int, writers: Int, writer: Int) -> Int {
        total / writers + (writer < total % writers ? 1 : 0)
    }
}

/// Resident memory of this process, from /proc/self/status, in KiB.
struct MemoryFigures: Codable, Sendable {
    var residentKiB: Int
    var anonymousKiB: Int
    var fileKiB: Int
    var peakKiB: Int

    static func current() -> MemoryFigures {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Int {
            status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .flatMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first }
                .flatMap { Int($0) } ?? 0
        }
        return MemoryFigures(residentKiB: field("VmRSS"), anonymousKiB: field("RssAnon"), fileKiB: field("RssFile"), peakKiB: field("VmHWM"))
    }
}

/// glibc's malloc_trim(0): hands freed heap back to the kernel. Looked up at
/// run time, as the Glibc module does not import malloc.h.
func mallocTrim() {
    typealias Trim = @convention(c) (Int) -> Int32
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return }
    _ = unsafeBitCast(symbol, to: Trim.self)(0)
}

/// The file system `path` is on: the type of the longest mount point in
/// /proc/self/mounts that contains it (ext4, xfs, tmpfs…).
func fileSystemName(_ path: String) -> String {
    let resolved = (path as NSString).resolvingSymlinksInPath
    let mounts = (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? ""
    var best: (point: String, type: String)?
    for line in mounts.split(separator: "\n") {
        let fields = line.split(separator: " ")
        guard fields.count >= 3 else { continue }
        let point = String(fields[1])
        let inside = point == "/" || resolved == point || resolved.hasPrefix(point + "/")
        if inside && point.count >= (best?.point.count ?? -1) { best = (point, String(fields[2])) }
    }
    return best?.type ?? "unknown"
}

/// A fresh directory inside `parent`, removed by `remove`.
struct StorageScratch {
    let path: String

    init(parent: String) throws {
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        var template = Array("\(parent)/corridor-storage-bench.XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let made else { throw BenchmarkFailure("cannot create a directory in \(parent): \(errnoText())") }
        path = String(cString: made)
    }

    func subdirectory(_ name: String) throws -> String {
        let directory = path + "/" + name
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The bytes a log's records take in each segment file: sealed segments end at
/// the offset their header records; the last one holds the rest of
/// `recordBytes`. For the read(2) floor of replay, which reads exactly these.
func segmentExtents(dataDirectory: String, recordBytes: UInt64) throws -> [(path: String, bytes: Int)] {
    let directory = dataDirectory + "/segments"
    let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".log") }.sorted()
    var extents: [(String, Int)] = []
    var sealedRecordBytes = 0
    for (index, name) in names.enumerated() {
        let path = directory + "/" + name
        if index == names.count - 1 {
            extents.append((path, 4096 + Int(recordBytes) - sealedRecordBytes))
            break
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BenchmarkFailure("cannot open \(path): \(errnoText())") }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 64)
        guard pread(descriptor, &header, 64, 0) == 64 else { throw BenchmarkFailure("cannot read the header of \(path)") }
        // Bytes 48-55: the sealed end offset (docs/STORAGE.md).
        let end = header[48..<56].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard end >= 4096 else { throw BenchmarkFailure("\(path) is not sealed, but it is not the last segment") }
        extents.append((path, end))
        sealedRecordBytes += end - 4096
    }
    return extents
}

/// Drops the files' clean pages from the page cache (posix_fadvise
/// DONTNEED): the next read comes from the disk, on this machine's side of the
/// virtual disk at least. Affects only these files.
func dropFromPageCache(_ paths: [String]) {
    for path in paths {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { continue }
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)
        close(descriptor)
    }
}

/// Hard links `source`'s files into `destination` (same file system), or
/// copies them when linking is refused.
func linkOrCopyTree(from source: String, to destination: String) throws {
    let fileManager = FileManager.default
    try fileManager.createDirectory(atPath: destination, withIntermediateDirectories: true)
    for name in try fileManager.contentsOfDirectory(atPath: source) {
        let from = source + "/" + name
        let to = destination + "/" + name
        var isDirectory: ObjCBool = false
        _ = fileManager.fileExists(atPath: from, isDirectory: &isDirectory)
        if isDirectory.boolValue {
            try linkOrCopyTree(from: from, to: to)
        } else if link(from, to) != 0 {
            try fileManager.copyItem(atPath: from, toPath: to)
        }
    }
}

func formatMiB(_ bytes: Double) -> String { formatNumber(bytes / 1_048_576, decimals: 1) + " MiB" }

import CorridorStore
import Glibc

/// How fast `EventLog.open` gets through a log at start-up: every segment's
/// header, every record's length, CRC32C and sequence, and each record handed
/// to the replay closure (which here only counts it: no decoding). Against the
/// floor of reading the same bytes with read(2) in 1 MiB chunks.
enum LogReplay {
    struct Pass: Codable, Sendable {
        var seconds: Double
        var records: UInt64
        var bytes: UInt64
        var recordsPerSecond: Double { Double(records) / seconds }
        var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
    }

    struct Result: Sendable {
        var records: UInt64
        var recordBytes: UInt64
        var segments: Int
        var buildSeconds: Double
        /// Warm page cache: the median of `passes` opens, and of as many reads.
        var warm: Pass
        var warmRead: Pass
        /// After posix_fadvise(DONTNEED) on the segment files.
        var cold: Pass
        var coldRead: Pass
    }

    /// Writes `records` records of `payloadBytes` into a new log in
    /// `directory` (appends without waiting, one sync at the end), then times
    /// the opens and reads.
    static func run(directory: String, records: Int, payloadBytes: Int, passes: Int) throws -> Result {
        let buildStart = monotonicNanoseconds()
        let recordBytes: UInt64
        do {
            let (log, _) = try EventLog.open(directory: directory, logger: quietLogger)
            let payload = [UInt8](repeating: 0x3C, count: payloadBytes)
            for _ in 0..<records {
                _ = try log.append([PendingRecord(type: 1, payload: payload, timestampNanoseconds: 1)])
            }
            try log.close()
            recordBytes = log.figures.recordBytes
        }
        let buildSeconds = Double(monotonicNanoseconds() - buildStart) / 1e9
        let extents = try segmentExtents(dataDirectory: directory, recordBytes: recordBytes)

        var warm: [Pass] = []
        var warmRead: [Pass] = []
        _ = try readFloor(extents) // the first read brings every page in
        for _ in 0..<passes {
            warmRead.append(try readFloor(extents))
            warm.append(try open(directory))
        }
        dropFromPageCache(extents.map(\.path))
        let coldRead = try readFloor(extents)
        dropFromPageCache(extents.map(\.path))
        let cold = try open(directory)
        guard warm.allSatisfy({ $0.records == UInt64(records) }) && cold.records == UInt64(records) else {
            throw BenchmarkFailure("the replay saw \(cold.records) records where \(records) were written")
        }
        return Result(
            records: UInt64(records), recordBytes: recordBytes, segments: extents.count, buildSeconds: buildSeconds,
            warm: median(warm), warmRead: median(warmRead), cold: cold, coldRead: coldRead
        )
    }

    /// One `EventLog.open` of `directory`, counting the records it replays.
    static func open(_ directory: String) throws -> Pass {
        var records: UInt64 = 0
        var payloadBytes = 0
        let start = monotonicNanoseconds()
        let (log, report) = try EventLog.open(directory: directory, logger: quietLogger, replay: { record in
            records += 1
            payloadBytes &+= record.payload.count
        })
        let seconds = Double(monotonicNanoseconds() - start) / 1e9
        let bytes = log.figures.recordBytes
        try log.close()
        guard report.replayed == records else { throw BenchmarkFailure("the replay report counts \(report.replayed) records, the closure \(records)") }
        return Pass(seconds: seconds, records: records, bytes: bytes)
    }

    /// read(2) of exactly the records' bytes of each segment file.
    static func readFloor(_ extents: [(path: String, bytes: Int)]) throws -> Pass {
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 4096)
        defer { buffer.deallocate() }
        var total: UInt64 = 0
        let start = monotonicNanoseconds()
        for extent in extents {
            let descriptor = Glibc.open(extent.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw BenchmarkFailure("cannot open \(extent.path): \(errnoText())") }
            defer { close(descriptor) }
            var remaining = extent.bytes
            while remaining > 0 {
                let count = read(descriptor, buffer, min(chunk, remaining))
                guard count > 0 else { throw BenchmarkFailure("read(\(extent.path)): \(count < 0 ? errnoText() : "end of file")") }
                remaining -= count
                total += UInt64(count)
            }
        }
        return Pass(seconds: Double(monotonicNanoseconds() - start) / 1e9, records: 0, bytes: total)
    }

    static func median(_ passes: [Pass]) -> Pass {
        passes.sorted { $0.seconds < $1.seconds }[passes.count / 2]
    }
}

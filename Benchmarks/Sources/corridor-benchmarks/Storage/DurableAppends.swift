import CorridorStore

/// Durable appends through the event log: N concurrent writers (tasks), each
/// appending single-record commands of a fixed payload with `appendDurably`
/// back to back, which returns only once the record is on disk. One msync
/// covers every append made while the previous one ran (group commit), so the
/// rate can exceed the disk's sync rate by up to the records per sync.
enum DurableAppends {
    struct Result: Sendable {
        var run: WriterRun
        var start: UInt64
        /// msync calls during the timed part, and the records they made durable.
        var syncs: UInt64
        var syncedRecords: UInt64
        var recordsPerSync: Double { syncs > 0 ? Double(syncedRecords) / Double(syncs) : 0 }
    }

    /// Opens a new log in `directory` (it must be empty), appends `warmup`
    /// records untimed, then `total` timed, shared between `writers`.
    static func run(directory: String, writers: Int, total: Int, payloadBytes: Int, warmup: Int) async throws -> Result {
        let (log, _) = try EventLog.open(directory: directory, logger: quietLogger)
        defer { try? log.close() }
        let payload = [UInt8](repeating: 0x5A, count: payloadBytes)

        // Untimed: the writer tasks, the flusher thread and the first pages of
        // the mapping come up before the clock starts.
        _ = try await drive(log: log, writers: writers, total: max(warmup, writers), payload: payload)

        let before = log.figures
        let start = monotonicNanoseconds()
        let perWriter = try await drive(log: log, writers: writers, total: total, payload: payload)
        let seconds = Double(monotonicNanoseconds() - start) / 1e9
        let after = log.figures
        return Result(
            run: WriterRun(writers: writers, operations: total, seconds: seconds, perWriter: perWriter),
            start: start, syncs: after.syncs - before.syncs, syncedRecords: after.syncedRecords - before.syncedRecords
        )
    }

    private static func drive(log: EventLog, writers: Int, total: Int, payload: [UInt8]) async throws -> [WriterSamples] {
        try await withThrowingTaskGroup(of: WriterSamples.self) { group in
            for writer in 0..<writers {
                let count = WriterRun.share(total, writers: writers, writer: writer)
                group.addTask {
                    var latencies = [UInt64](repeating: 0, count: count)
                    for index in 0..<count {
                        let start = monotonicNanoseconds()
                        let record = PendingRecord(type: 1, payload: payload, timestampNanoseconds: start)
                        _ = try await log.appendDurably([record])
                        latencies[index] = monotonicNanoseconds() - start
                    }
                    return WriterSamples(latencies: latencies, finishedAt: monotonicNanoseconds())
                }
            }
            var all: [WriterSamples] = []
            for try await samples in group { all.append(samples) }
            return all
        }
    }
}

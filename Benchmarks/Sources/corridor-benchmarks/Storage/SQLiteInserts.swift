import Foundation
import GRDB

/// The peer: SQLite in WAL mode with synchronous=FULL (every commit syncs the
/// WAL), through GRDB's DatabasePool, the way a Swift server would use it. N
/// concurrent writers (tasks) each insert the same 256-byte rows back to back,
/// every insert its own write transaction; GRDB serialises them on its one
/// writer connection. SQLite has no group commit: one sync per transaction.
enum SQLiteInserts {
    struct Result: Sendable {
        var run: WriterRun
        var start: UInt64
        var journalMode: String
        var synchronous: Int
        var sqliteVersion: String
    }

    /// A new database file in `directory`; `warmup` inserts untimed, then
    /// `total` timed, shared between `writers`.
    static func run(directory: String, writers: Int, total: Int, payloadBytes: Int, warmup: Int) async throws -> Result {
        // DatabasePool opens the file in WAL mode and sets synchronous=NORMAL
        // on its writer connection after any prepareDatabase step; the
        // setting is per connection, so FULL is set on that one connection,
        // which serves every write below, and checked.
        let pool = try DatabasePool(path: directory + "/peer.sqlite")
        defer { try? pool.close() }
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let (journalMode, synchronous, version) = try await pool.write { db in
            try db.execute(sql: "CREATE TABLE event (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL, payload BLOB NOT NULL)")
            return (
                try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?",
                try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "?"
            )
        }
        guard journalMode.lowercased() == "wal", synchronous == 2 else {
            throw BenchmarkFailure("SQLite is in journal_mode=\(journalMode), synchronous=\(synchronous); the benchmark wants WAL and FULL (2)")
        }
        let payload = Data(repeating: 0x5A, count: payloadBytes)

        _ = try await drive(pool: pool, writers: writers, total: max(warmup, writers), payload: payload)

        let start = monotonicNanoseconds()
        let perWriter = try await drive(pool: pool, writers: writers, total: total, payload: payload)
        let seconds = Double(monotonicNanoseconds() - start) / 1e9
        return Result(
            run: WriterRun(writers: writers, operations: total, seconds: seconds, perWriter: perWriter),
            start: start, journalMode: journalMode, synchronous: synchronous, sqliteVersion: version
        )
    }

    private static func drive(pool: DatabasePool, writers: Int, total: Int, payload: Data) async throws -> [WriterSamples] {
        try await withThrowingTaskGroup(of: WriterSamples.self) { group in
            for writer in 0..<writers {
                let count = WriterRun.share(total, writers: writers, writer: writer)
                group.addTask {
                    var latencies = [UInt64](repeating: 0, count: count)
                    for index in 0..<count {
                        let start = monotonicNanoseconds()
                        try await pool.write { db in
                            try db.execute(sql: "INSERT INTO event (writer, payload) VALUES (?, ?)", arguments: [writer, payload])
                        }
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

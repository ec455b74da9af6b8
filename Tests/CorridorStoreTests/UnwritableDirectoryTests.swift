@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Glibc
import Logging
import Synchronization
import Testing

/// Issue 8, finding 4: when the data directory can no longer be written
/// (permission taken away), appends that need a new segment got INTERNAL.
/// They get UNAVAILABLE with the path and the reason; reads go on, and
/// appends resume once the directory is writable again. A full disk or
/// quota is RESOURCE_EXHAUSTED (DiskFullTests).
@Suite(.serialized) struct UnwritableDirectoryTests {
    @Test func aPermissionErrorIsUnavailableWithThePath() async throws {
        try await withTemporaryDirectory { directory in
            let segments = segmentsDirectory(directory)
            let (log, _, _) = try openLog(directory, options: smallSegments(16 * 1024))
            var acknowledged: [StoredRecord] = []
            for index in 0..<3 { acknowledged.append(try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: UInt64(index)))) }

            var refusal: StoreError?
            try await withoutWriteAccess(segments) {
                for index in 3..<40 {
                    do {
                        acknowledged.append(try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: UInt64(index))))
                    } catch let error as StoreError {
                        refusal = error
                        break
                    }
                }
                #expect(log.records() == acknowledged, "reads go on")
            }
            let error = try #require(refusal, "filling a segment needs a new one, which cannot be created")
            #expect(error.kind == .unwritable, "\(error)")
            #expect(error.description.contains(segments), "names the path: \(error)")

            // Writable again: appends resume.
            acknowledged.append(try await log.appendOne(type: 2, payload: [9]))
            #expect(log.records() == acknowledged)
            try log.close()
        }
    }

    /// Each refused append used to be logged; the refusal is logged once,
    /// and its end once.
    @Test func theRefusalIsLoggedOnceNotPerRequest() async throws {
        try await withTemporaryDirectory { directory in
            let lines = CollectedLogLines()
            let logger = Logger(label: "test") { _ in CollectingLogHandler(lines: lines) }
            let (log, _) = try EventLog.open(directory: directory, options: smallSegments(16 * 1024), logger: logger)
            let segments = segmentsDirectory(directory)
            var refused = 0
            try await withoutWriteAccess(segments) {
                for index in 0..<40 {
                    do {
                        try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: UInt64(index)))
                    } catch is StoreError {
                        refused += 1
                    }
                }
            }
            #expect(refused > 10)
            #expect(lines.all.filter { $0.level >= .error }.count == 1, "\(lines.all)")
            // As large as the refused ones: it needs the segment they could not get.
            try await log.appendOne(type: 2, payload: patternPayload(count: 1000, seed: 99))
            #expect(lines.all.filter { $0.message.contains("accepted again") }.count == 1)
            try log.close()
        }
    }

    /// Runs `body` with write access to `path` taken away, and gives it back
    /// afterwards, whether `body` returned or threw.
    private func withoutWriteAccess(_ path: String, _ body: () async throws -> Void) async throws {
        try await takeWriteAccess(path)
        do {
            try await body()
        } catch {
            try? await giveWriteAccess(path)
            throw error
        }
        try? await giveWriteAccess(path)
    }

    /// Root ignores permission bits, so as root the directory is made
    /// immutable (ext4's chattr +i: creating a file in it fails with EPERM).
    private func takeWriteAccess(_ path: String) async throws {
        if getuid() == 0 {
            let result = try await TestProcess.run("/usr/bin/chattr", ["+i", path], combiningOutput: true)
            try #require(result.status == 0, "chattr +i failed: \(result.output)")
        } else {
            try #require(chmod(path, 0o500) == 0)
        }
    }

    private func giveWriteAccess(_ path: String) async throws {
        if getuid() == 0 {
            _ = try await TestProcess.run("/usr/bin/chattr", ["-i", path])
        } else {
            _ = chmod(path, 0o700)
        }
    }
}

final class CollectedLogLines: Sendable {
    private let lines = Mutex<[(level: Logger.Level, message: String)]>([])
    func append(_ level: Logger.Level, _ message: String) { lines.withLock { $0.append((level, message)) } }
    var all: [(level: Logger.Level, message: String)] { lines.withLock { $0 } }
}

struct CollectingLogHandler: LogHandler {
    let lines: CollectedLogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.append(event.level, event.message.description)
    }
}

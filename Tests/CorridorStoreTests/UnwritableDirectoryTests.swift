@testable import CorridorStore
import Foundation
import Glibc
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

            try takeWriteAccess(segments)
            var refusal: StoreError?
            do {
                defer { try? giveWriteAccess(segments) }
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
            #expect(error.rpcStatus.code == .unavailable, "\(error)")
            #expect(error.description.contains(segments), "names the path: \(error)")

            // Writable again: appends resume.
            acknowledged.append(try await log.appendOne(type: 2, payload: [9]))
            #expect(log.records() == acknowledged)
            try log.close()
        }
    }

    /// Root ignores permission bits, so as root the directory is made
    /// immutable (ext4's chattr +i: creating a file in it fails with EPERM).
    private func takeWriteAccess(_ path: String) throws {
        if getuid() == 0 {
            let result = try run("/usr/bin/chattr", ["+i", path])
            try #require(result.status == 0, "chattr +i failed: \(result.output)")
        } else {
            try #require(chmod(path, 0o500) == 0)
        }
    }

    private func giveWriteAccess(_ path: String) throws {
        if getuid() == 0 {
            _ = try run("/usr/bin/chattr", ["-i", path])
        } else {
            _ = chmod(path, 0o700)
        }
    }
}

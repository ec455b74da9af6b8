@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// A real full disk (a 1 MiB tmpfs): when the next segment cannot be
/// reserved, the append is refused with RESOURCE_EXHAUSTED, every
/// acknowledged record stays readable, nothing faults (the segments are
/// reserved before they are mapped, so no write can meet a full disk as
/// SIGBUS), and appends resume once space is freed.
@Suite struct DiskFullTests {
    @Test(.enabled(if: getuid() == 0, "needs root: it mounts a 1 MiB tmpfs to fill a disk for real"))
    func aFullDiskRefusesAppendsButKeepsEveryAcknowledgedRecordReadable() async throws {
        let mountPoint = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let mounted = try await TestProcess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", mountPoint], combiningOutput: true)
        try #require(mounted.status == 0, "mount -t tmpfs failed: \(mounted.output)")
        do {
            try await exercise(mountPoint)
        } catch {
            await unmount(mountPoint)
            throw error
        }
        await unmount(mountPoint)
    }

    /// Every mapping of the tmpfs is gone once exercise() has returned.
    private func unmount(_ mountPoint: String) async {
        let unmounted = try? await TestProcess.run("/bin/umount", [mountPoint], combiningOutput: true)
        if unmounted?.status != 0 {
            Issue.record("umount \(mountPoint) failed: \(unmounted?.output ?? "")")
            _ = try? await TestProcess.run("/bin/umount", ["-l", mountPoint])
        }
    }

    private func exercise(_ mountPoint: String) async throws {
        // 192 KiB taken by something else, so three 256 KiB segments fit and a fourth does not.
        let filler = mountPoint + "/filler"
        try writeFile(filler, [UInt8](repeating: 0xEE, count: 192 * 1024))
        let directory = mountPoint + "/data"
        let options = smallSegments(256 * 1024)

        var acknowledged: [StoredRecord] = []
        var refusal: StoreError?
        do {
            let (log, _, _) = try openLog(directory, options: options)
            for index in 0..<1000 {
                do {
                    acknowledged.append(try await log.appendOne(type: 1, payload: patternPayload(count: 4000, seed: UInt64(index))))
                } catch let error as StoreError {
                    refusal = error
                    break
                }
            }
            let error = try #require(refusal, "1000 appends of 4 KB cannot fit in 1 MiB")
            #expect(error.isNoSpace, "\(error)")
            #expect(error.kind == .noSpace)
            #expect(error.description.contains(segmentsDirectory(directory)), "names where space is needed: \(error)")
            let namesTheRealSize = !error.description.contains(" 0 MiB")
            #expect(namesTheRealSize, "the message gives the segment size as \"0 MiB\" for segments under 1 MiB: \(error)")

            #expect(acknowledged.count > 100, "three segments were filled")
            #expect(log.figures.segments == 3)
            #expect(segmentFilePaths(directory).count == 3, "the segment that could not be reserved left no file")
            #expect(log.figures.lastSequence == UInt64(acknowledged.count))
            #expect(log.figures.durableSequence == UInt64(acknowledged.count))
            #expect(log.records() == acknowledged, "reads keep working on a full disk")

            // Still full: refused again the same way, the log not wedged.
            let again = try #require(throws: StoreError.self) {
                try log.append([PendingRecord(type: 1, payload: patternPayload(count: 4000, seed: 1), timestampNanoseconds: 1)])
            }
            #expect(again.isNoSpace)
            #expect(log.records() == acknowledged)

            // Space freed: appends resume where they left off.
            try FileManager.default.removeItem(atPath: filler)
            let next = try await log.appendOne(type: 2, payload: patternPayload(count: 4000, seed: 999_999))
            #expect(next.sequence == UInt64(acknowledged.count + 1))
            acknowledged.append(next)
            #expect(log.figures.segments == 4)
            try log.close()
        }
        do {
            let (reopened, report, replayed) = try openLog(directory, options: options)
            #expect(replayed == acknowledged)
            #expect(report.truncatedTail == nil)
            try reopened.close()
        }
    }
}

@testable import CorridorStore
import Foundation
import Glibc
import Testing

/// Issue 8, finding 3, second half: should another process write the data
/// directory anyway (its lock defeated), the store notices at its next sync
/// — the active segment's path names another file, or its header is not the
/// one this process wrote — and stops acknowledging writes with UNAVAILABLE,
/// naming the path.
@Suite struct SecondWriterTests {
    static let options = smallSegments(64 * 1024)

    @Test func aSegmentReplacedUnderTheActiveLogStopsAcknowledgements() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: Self.options)
            let acknowledged = try await log.appendOne(type: 1, payload: [1])
            let path = try #require(segmentFilePaths(directory).last)
            // Another writer's file under the same name.
            try copyDirectory(path, to: path + ".other")
            try #require(rename(path + ".other", path) == 0)

            let error = await #expect(throws: StoreError.self) { try await log.appendOne(type: 1, payload: [2]) }
            #expect(error?.rpcStatus.code == .unavailable)
            #expect(error?.description.contains(path) == true, "\(String(describing: error))")
            // Refused from then on, and reads of what was acknowledged go on.
            let again = await #expect(throws: StoreError.self) { try await log.appendOne(type: 1, payload: [3]) }
            #expect(again?.rpcStatus.code == .unavailable)
            #expect(log.records() == [acknowledged])
        }
    }

    @Test func aHeaderRewrittenByAnotherProcessStopsAcknowledgements() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: Self.options)
            _ = try await log.appendOne(type: 1, payload: [1])
            let path = try #require(segmentFilePaths(directory).last)
            var header = try segmentHeader(ofFile: path)
            header.durableLastSequence += 7
            header.durableEndOffset += 64
            try overwrite(path, at: 0, with: header.encoded())

            let error = await #expect(throws: StoreError.self) { try await log.appendOne(type: 1, payload: [2]) }
            #expect(error?.rpcStatus.code == .unavailable)
            #expect(error?.description.contains(path) == true, "\(String(describing: error))")
        }
    }
}

@testable import CorridorStore
import CorridorTestSupport
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
            #expect(error?.kind == .conflictingWriter)
            #expect(error?.description.contains(path) == true, "\(String(describing: error))")
            // Refused from then on, and reads of what was acknowledged go on.
            let again = await #expect(throws: StoreError.self) { try await log.appendOne(type: 1, payload: [3]) }
            #expect(again?.kind == .conflictingWriter)
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
            #expect(error?.kind == .conflictingWriter)
            #expect(error?.description.contains(path) == true, "\(String(describing: error))")
        }
    }

    @Test func aSegmentThisProcessDidNotCreateStopsAcknowledgements() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: Self.options)
            _ = try await log.appendOne(type: 1, payload: [1])
            // Another writer rolled to a segment of its own after ours.
            let stranger = segmentsDirectory(directory) + "/" + SegmentFormat.fileName(firstSequence: 2)
            var header = SegmentHeader(state: .online, firstSequence: 2, createdAtNanoseconds: 1)
            header.durableLastSequence = 0
            try writeFile(stranger, header.encoded() + [UInt8](repeating: 0, count: SegmentFormat.headerSize - SegmentFormat.headerFieldsSize))

            let error = await #expect(throws: StoreError.self) { try await log.appendOne(type: 1, payload: [2]) }
            #expect(error?.kind == .conflictingWriter)
            #expect(error?.description.contains(stranger) == true, "\(String(describing: error))")
        }
    }

    /// Another writer took the name of the next segment first: it is never
    /// replaced (segments are linked into place, not renamed over), and
    /// acknowledgements stop.
    @Test func aSegmentNameTakenByAnotherWriterIsNeverReplaced() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: smallSegments(16 * 1024))
            var acknowledged = [try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: 0))]
            let perSegment = (16 * 1024 - SegmentFormat.headerSize) / SegmentFormat.paddedLength(payloadBytes: 1000)
            let taken = segmentsDirectory(directory) + "/" + SegmentFormat.fileName(firstSequence: UInt64(perSegment + 1))
            let strangerBytes = patternPayload(count: 5000, seed: 7)
            try writeFile(taken, strangerBytes)
            var refusal: StoreError?
            for index in 1..<40 {
                do {
                    acknowledged.append(try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: UInt64(index))))
                } catch let error as StoreError {
                    refusal = error
                    break
                }
            }
            let error = try #require(refusal)
            #expect(error.kind == .conflictingWriter, "\(error)")
            #expect(try fileBytes(taken) == strangerBytes, "never replaced")
            #expect(log.records() == acknowledged)
        }
    }

    /// The store's own rolls never pass for a second writer.
    @Test func rollsAreNotMistakenForAnotherWriter() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: smallSegments(16 * 1024))
            for index in 0..<60 { try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: UInt64(index))) }
            #expect(segmentFilePaths(directory).count > 3)
            try log.close()
        }
    }
}

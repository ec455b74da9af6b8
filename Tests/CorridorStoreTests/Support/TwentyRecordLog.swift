@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

/// A pristine log of 20 single-record commands in two 16 KiB segments, the
/// last 8 records small and in the second segment, for damage experiments:
/// each experiment copies it and damages the copy.
struct TwentyRecordLog {
    static let options = smallSegments(16 * 1024)
    /// Records 1-12 fill the first segment and start the second; 13-20 are
    /// small and of uneven sizes, so every one of the last records has padding.
    static let payloadSizes = [Int](repeating: 1500, count: 12) + [5, 17, 0, 33, 8, 41, 3, 60]

    let root: String
    var pristine: String { root + "/pristine" }
    var work: String { root + "/work" }
    let records: [StoredRecord]
    /// Where the records of the last segment lie in it.
    let placements: [RecordPlacement]
    /// The last segment's path relative to a data directory.
    let lastSegment: String
    /// Sequences held by earlier segments.
    let earlierSequences: ClosedRange<UInt64>
    /// The end of the last record, padding included.
    var writtenEnd: Int { placements.last!.paddedEnd }

    /// Builds the log; `cleanClose` false drops the EventLog without close(),
    /// leaving the last segment "online" exactly as a crash would.
    static func make(cleanClose: Bool) async throws -> TwentyRecordLog {
        let root = try makeTemporaryDirectory()
        let pristine = root + "/pristine"
        var records: [StoredRecord] = []
        do {
            let (log, _, _) = try openLog(pristine, options: options)
            for (index, size) in payloadSizes.enumerated() {
                records.append(try await log.appendOne(type: UInt16(100 + index), payload: patternPayload(count: size, seed: UInt64(index))))
            }
            if cleanClose { try log.close() }
        }
        let segments = segmentFilePaths(pristine)
        if !cleanClose {
            // After a crash the last segment's records stand for appends whose
            // syncs never completed (never acknowledged): what a crash may tear.
            try rewindWatermark(ofSegment: segments[segments.count - 1], toSequence: nil)
        }
        try #require(segments.count == 2, "the fixture needs exactly two segments")
        let placements = try recordPlacements(ofSegment: segments[1])
        try #require(placements.count >= 3)
        try #require(placements.last?.sequence == 20)
        let state = try segmentHeader(ofFile: segments[1]).state
        try #require(state == (cleanClose ? .offline : .online))
        return TwentyRecordLog(
            root: root, records: records, placements: placements,
            lastSegment: String(segments[1].dropFirst(pristine.count + 1)),
            earlierSequences: 1...(placements[0].sequence - 1)
        )
    }

    func removeFiles() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A fresh copy of the pristine log in `work`; returns the path of its last segment.
    func freshCopy() throws -> String {
        try copyDirectory(pristine, to: work)
        return work + "/" + lastSegment
    }

    /// The records that lie wholly before `offset` of the last segment (and all earlier ones).
    func recordsWhollyBefore(_ offset: Int) -> [StoredRecord] {
        records.filter { record in
            earlierSequences.contains(record.sequence)
                || placements.first { $0.sequence == record.sequence }!.end <= offset
        }
    }

    /// The first byte after the kept records in the last segment.
    func keptEnd(_ kept: [StoredRecord]) -> Int {
        guard let last = kept.last, let placement = placements.first(where: { $0.sequence == last.sequence }) else {
            return SegmentFormat.headerSize
        }
        return placement.paddedEnd
    }

    /// The offsets from the start of the last three records to the end of the written data.
    var tailOffsets: Range<Int> {
        placements[placements.count - 3].offset..<writtenEnd
    }
}

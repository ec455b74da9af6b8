@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

/// Issue 8, finding 5: `inspect verify` said "clean" or "the daemon would
/// not start" where the daemon did otherwise. For every fault of the issue,
/// verify now agrees with what a start does: where recovery refuses, verify
/// reports an error naming the same file (and, for damage to records, the
/// same offset), so `corridorctl inspect verify` exits non-zero; where
/// recovery starts without cutting anything, verify is clean.
@Suite struct InspectorAgreementTests {
    static let options = smallSegments(16 * 1024)

    enum Fault: String, CaseIterable, CustomTestStringConvertible {
        case flipInAnAcknowledgedRecord, flipInTheLastAcknowledgedRecord, truncatedBelowTheWatermark
        case activeSegmentCutBelowItsHeader, activeSegmentEmptied, zeroedHeader, sealedSegmentCutBelowItsHeader
        case none
        var testDescription: String { rawValue }
    }

    @Test(arguments: Fault.allCases)
    func verifyAgreesWithStart(fault: Fault) async throws {
        try await withTemporaryDirectory { directory in
            do {
                let (log, _, _) = try openLog(directory, options: Self.options)
                for index in 0..<20 { try await log.appendOne(type: 1, payload: patternPayload(count: 900, seed: UInt64(index))) }
                // A crash: no close.
            }
            let segments = segmentFilePaths(directory)
            try #require(segments.count >= 2)
            let last = segments[segments.count - 1]
            let placements = try recordPlacements(ofSegment: last)
            try #require(placements.count >= 2)
            var damaged = last
            switch fault {
            case .flipInAnAcknowledgedRecord: try flipBit(last, at: placements[0].offset + 50, bit: 3)
            case .flipInTheLastAcknowledgedRecord: try flipBit(last, at: placements[placements.count - 1].end - 1, bit: 6)
            case .truncatedBelowTheWatermark: try truncateFile(last, to: placements[placements.count - 1].offset + 10)
            case .activeSegmentCutBelowItsHeader: try truncateFile(last, to: 2000)
            case .activeSegmentEmptied: try truncateFile(last, to: 0)
            case .zeroedHeader: try zeroBytes(last, in: 0..<64)
            case .sealedSegmentCutBelowItsHeader:
                damaged = segments[0]
                try truncateFile(damaged, to: 100)
            case .none: break
            }

            let report = try DataDirectoryInspector(directory: directory).verify()
            var refusal: StoreError?
            do {
                let (log, opened, _) = try openLog(directory, options: Self.options)
                #expect(opened.truncatedTail == nil, "nothing acknowledged or otherwise was cut")
                try log.close()
            } catch let error as StoreError {
                refusal = error
            }
            if fault == .none {
                #expect(refusal == nil)
                #expect(report.isClean, "\(report.findings)")
                return
            }
            let error = try #require(refusal, "\(fault) must refuse to start")
            #expect(error.isCorruption)
            #expect(error.description.contains(damaged))
            #expect(error.description.contains("offset"), "names the offset: \(error)")
            let firstFault = try #require(report.firstFault, "verify must not say clean where the daemon refuses: \(report.findings)")
            #expect(firstFault.file == damaged, "\(firstFault)")
            if let offset = firstFault.offset, [.flipInAnAcknowledgedRecord, .flipInTheLastAcknowledgedRecord, .truncatedBelowTheWatermark].contains(fault) {
                #expect(error.description.contains("at offset \(offset)"), "the same offset: \(error) / \(firstFault)")
            }
        }
    }
}

import Glibc

/// One record as it lies in a mapping: valid only while the mapping lives.
public struct RecordView {
    public let header: RecordHeader
    /// Where the record starts in its segment file.
    public let offset: Int
    public let payload: UnsafeRawBufferPointer
}

/// Where and why a scan of a segment stopped.
public enum ScanStop: Equatable, Sendable {
    /// A zero length, or the end of the file: nothing more was ever written.
    case end(offset: Int)
    /// Something that is not a whole, valid record.
    case damaged(offset: Int, fault: String)

    public var offset: Int {
        switch self {
        case .end(let offset), .damaged(let offset, _): offset
        }
    }
}

/// What a scan found.
public struct ScanSummary: Equatable, Sendable {
    public var recordCount = 0
    /// The first byte after the last valid record.
    public var validEnd: Int
    public var lastSequence: UInt64?
    /// The first byte after the last record carrying the commit mark, and its sequence.
    public var committedEnd: Int
    public var lastCommittedSequence: UInt64?
    public var stop: ScanStop
}

/// Walks the records of one segment's bytes, checking each one's length,
/// checksum and sequence, and stops at the first that fails.
public enum RecordScanner {
    /// Scans from the first record, or from `start`: a known record boundary
    /// and the sequence of the record there (a checkpoint).
    public static func scan(
        _ bytes: UnsafeRawBufferPointer,
        firstSequence: UInt64,
        limit: Int? = nil,
        start: (offset: Int, sequence: UInt64)? = nil,
        visit: (RecordView) throws -> Void = { _ in }
    ) rethrows -> ScanSummary {
        let end = min(limit ?? bytes.count, bytes.count)
        var offset = start?.offset ?? SegmentFormat.headerSize
        var expected = start?.sequence ?? firstSequence
        var summary = ScanSummary(validEnd: offset, committedEnd: offset, stop: .end(offset: offset))
        while true {
            guard offset + 4 <= end else {
                summary.stop = .end(offset: offset)
                return summary
            }
            let length = Int(bytes.littleEndian(at: offset, as: UInt32.self))
            if length == 0 {
                summary.stop = .end(offset: offset)
                return summary
            }
            guard length >= SegmentFormat.recordHeaderSize else {
                summary.stop = .damaged(offset: offset, fault: "record length \(length) is shorter than a record header")
                return summary
            }
            guard offset + length <= end else {
                summary.stop = .damaged(offset: offset, fault: "record of \(length) bytes runs past the end of the segment at \(end)")
                return summary
            }
            let stored = bytes.littleEndian(at: offset + 4, as: UInt32.self)
            let computed = CRC32C.checksum(
                UnsafeRawBufferPointer(rebasing: bytes[(offset + 8)..<(offset + length)]),
                continuing: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 4)]))
            )
            guard stored == computed else {
                summary.stop = .damaged(offset: offset, fault: "checksum mismatch (stored 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16)))")
                return summary
            }
            let header = RecordHeader(
                length: UInt32(length),
                checksum: stored,
                sequence: bytes.littleEndian(at: offset + 8),
                timestampNanoseconds: bytes.littleEndian(at: offset + 16),
                type: bytes.littleEndian(at: offset + 24),
                flags: RecordFlags(rawValue: bytes.littleEndian(at: offset + 26))
            )
            guard header.sequence == expected else {
                summary.stop = .damaged(offset: offset, fault: "sequence \(header.sequence) where \(expected) was expected")
                return summary
            }
            try visit(RecordView(
                header: header,
                offset: offset,
                payload: UnsafeRawBufferPointer(rebasing: bytes[(offset + SegmentFormat.recordHeaderSize)..<(offset + length)])
            ))
            let next = offset + SegmentFormat.paddedLength(payloadBytes: header.payloadLength)
            summary.recordCount += 1
            summary.validEnd = min(next, end)
            summary.lastSequence = header.sequence
            if header.flags.contains(.commit) {
                summary.committedEnd = summary.validEnd
                summary.lastCommittedSequence = header.sequence
            }
            expected += 1
            offset = next
        }
    }
}

/// Looking past the end of a scan: what lies after a damaged record.
extension RecordScanner {
    /// The first run of valid records in `bytes[after..<before]` whose
    /// sequences follow `sequence`, found by trying every aligned offset.
    public static func validRecords(
        in bytes: UnsafeRawBufferPointer, after start: Int, before end: Int, beyond sequence: UInt64
    ) -> (offset: Int, first: UInt64, last: UInt64, count: Int)? {
        // No segment holds more records than this; a larger "sequence" is noise.
        let (sum, overflow) = sequence.addingReportingOverflow(UInt64(bytes.count / SegmentFormat.recordHeaderSize))
        let highest = overflow ? UInt64.max : sum
        var candidate = (start / SegmentFormat.recordAlignment + 1) * SegmentFormat.recordAlignment
        while candidate + SegmentFormat.recordHeaderSize <= end {
            let length = Int(bytes.littleEndian(at: candidate, as: UInt32.self))
            let candidateSequence = bytes.littleEndian(at: candidate + 8, as: UInt64.self)
            if length >= SegmentFormat.recordHeaderSize && candidate + length <= bytes.count
                && candidateSequence > sequence && candidateSequence <= highest {
                let run = RecordScanner.scan(bytes, firstSequence: candidateSequence, start: (candidate, candidateSequence)) { _ in }
                if run.recordCount > 0, let last = run.lastSequence {
                    return (candidate, candidateSequence, last, run.recordCount)
                }
            }
            candidate += SegmentFormat.recordAlignment
        }
        return nil
    }

    /// The offset of the last non-zero byte at or after `start`, or nil.
    /// Compares whole pages against zeros with memcmp, back to front: the
    /// unused tail of the active segment can be most of 64 MiB.
    public static func lastNonZeroByte(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        return zeroPage.withUnsafeBytes { zeros -> Int? in
            var end = bytes.count
            while end > start {
                let chunkStart = max(start, end - zeros.count)
                if memcmp(base + chunkStart, zeros.baseAddress!, end - chunkStart) != 0 {
                    var index = end - 1
                    while bytes[index] == 0 { index -= 1 }
                    return index
                }
                end = chunkStart
            }
            return nil
        }
    }

    private static let zeroPage = [UInt8](repeating: 0, count: 64 * 1024)
}

/// A record to append: its type (the event kind's number) and protobuf payload.
public struct PendingRecord: Sendable {
    public var type: UInt16
    public var payload: [UInt8]
    public var timestampNanoseconds: UInt64

    public init(type: UInt16, payload: [UInt8], timestampNanoseconds: UInt64) {
        self.type = type
        self.payload = payload
        self.timestampNanoseconds = timestampNanoseconds
    }
}

enum RecordWriter {
    /// Writes one record at `offset` of a mapping and returns the offset after it (padding zeroed).
    static func write(_ record: PendingRecord, sequence: UInt64, commit: Bool, to base: UnsafeMutableRawPointer, at offset: Int) -> Int {
        let length = SegmentFormat.recordHeaderSize + record.payload.count
        let padded = SegmentFormat.paddedLength(payloadBytes: record.payload.count)
        let start = base + offset
        start.storeLittleEndian(UInt32(length), at: 0)
        start.storeLittleEndian(sequence, at: 8)
        start.storeLittleEndian(record.timestampNanoseconds, at: 16)
        start.storeLittleEndian(record.type, at: 24)
        start.storeLittleEndian((commit ? RecordFlags.commit : []).rawValue, at: 26)
        start.storeLittleEndian(UInt32(0), at: 28)
        record.payload.withUnsafeBytes { payload in
            (start + SegmentFormat.recordHeaderSize).copyMemory(from: payload.baseAddress!, byteCount: payload.count)
        }
        if padded > length { (start + length).initializeMemory(as: UInt8.self, repeating: 0, count: padded - length) }
        let bytes = UnsafeRawBufferPointer(start: start, count: length)
        let checksum = CRC32C.checksum(
            UnsafeRawBufferPointer(rebasing: bytes[8..<length]),
            continuing: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<4]))
        )
        start.storeLittleEndian(checksum, at: 4)
        return offset + padded
    }
}

import FoundationEssentials
import Glibc
import SystemPackage
import Logging

/// How far start-up has got, for STATUS= lines, EXTEND_TIMEOUT_USEC and the log.
public struct RecoveryProgress: Sendable {
    public var segmentsChecked: Int
    public var segmentsTotal: Int
    public var bytesChecked: UInt64
    public var bytesTotal: UInt64
    public var recordsReplayed: UInt64
}

/// What recovery found and did, reported once at start-up.
public struct RecoveryReport: Sendable, Equatable {
    public var segments = 0
    public var records: UInt64 = 0
    public var lastSequence: UInt64 = 0
    /// Records replayed into the caller (those after its snapshot).
    public var replayed: UInt64 = 0
    /// A torn tail cut off the last segment: where, why, and how many bytes.
    public var truncatedTail: (file: String, offset: Int, bytes: Int, fault: String)?
    /// Records of a command whose last record never made it (never acknowledged).
    public var droppedUncommittedRecords = 0
    /// With repair only: what was cut and moved away.
    public var repairs: [String] = []

    public static func == (lhs: RecoveryReport, rhs: RecoveryReport) -> Bool {
        lhs.segments == rhs.segments && lhs.records == rhs.records && lhs.lastSequence == rhs.lastSequence
            && lhs.replayed == rhs.replayed && lhs.truncatedTail?.offset == rhs.truncatedTail?.offset
            && lhs.droppedUncommittedRecords == rhs.droppedUncommittedRecords && lhs.repairs == rhs.repairs
    }
}

extension EventLog {
    /// Opens the log in `directory` (created if new): checks every segment,
    /// cuts a torn tail off the last one, and hands each record after
    /// `replayAfter` to `replay` in order. Damage anywhere but the tail is
    /// DATA_LOSS unless `options.repair` is set.
    public static func open(
        directory: String,
        options: StoreOptions = StoreOptions(),
        replayAfter: UInt64 = 0,
        logger: Logger,
        progress: (RecoveryProgress) -> Void = { _ in },
        replay: (RecordView) throws -> Void = { _ in }
    ) throws -> (EventLog, RecoveryReport) {
        let segmentsDirectory = directory + "/" + DataDirectoryLayout.segments
        try createDirectory(segmentsDirectory)
        var report = RecoveryReport()
        var files = try segmentFiles(in: segmentsDirectory)

        // A last file too short for a header, or all zeros, is a crash in the
        // middle of creating it: it never held a record.
        while let last = files.last, try isNeverWritten(last.path) {
            logger.notice("removing a segment file left unfinished by a crash", metadata: ["file": "\(last.path)"])
            try FileManager.default.removeItem(atPath: last.path)
            files.removeLast()
        }

        if files.isEmpty {
            let first = replayAfter + 1
            let segment = try Segment.create(directory: segmentsDirectory, firstSequence: first, size: options.segmentBytes, createdAtNanoseconds: Clock.unixNanoseconds())
            report.segments = 1
            report.lastSequence = replayAfter
            let log = EventLog(directory: directory, options: options, segments: [segment], checkpoints: [[]], writeOffset: SegmentFormat.headerSize, lastSequence: replayAfter, recordBytes: 0, logger: logger)
            return (log, report)
        }

        let totalBytes = files.reduce(UInt64(0)) { $0 + $1.size }
        var checkedBytes: UInt64 = 0
        var segments: [Segment] = []
        var checkpoints: [[EventLog.Checkpoint]] = []
        var expectedFirst: UInt64? = nil
        var recordBytes: UInt64 = 0
        var writeOffset = SegmentFormat.headerSize

        for (index, file) in files.enumerated() {
            let isLast = index == files.count - 1
            guard let segment = try Segment.open(path: file.path, firstSequence: file.firstSequence, writable: true) else {
                throw StoreError(.corrupt, "\(file.path) is shorter than a segment header but is not the last segment")
            }
            let header = try readHeader(segment)
            guard header.firstSequence == file.firstSequence else {
                throw StoreError(.corrupt, "\(file.path): header says first sequence \(header.firstSequence), the name says \(file.firstSequence)")
            }
            if let expectedFirst, header.firstSequence != expectedFirst {
                throw StoreError(.corrupt, "\(file.path) starts at sequence \(header.firstSequence) where \(expectedFirst) was expected: records are missing between segments")
            }
            if index == 0 && header.firstSequence > replayAfter + 1 {
                throw StoreError(.corrupt, "the log starts at sequence \(header.firstSequence) but the snapshot ends at \(replayAfter): records are missing")
            }

            // A command's records are replayed only once its commit mark is
            // seen, so an unfinished command never reaches the caller.
            var batch: [RecordView] = []
            var segmentCheckpoints: [EventLog.Checkpoint] = []
            let summary = try RecordScanner.scan(segment.bytes, firstSequence: header.firstSequence) { record in
                if record.header.sequence % EventLog.checkpointInterval == 0 {
                    segmentCheckpoints.append(EventLog.Checkpoint(sequence: record.header.sequence, offset: record.offset))
                }
                batch.append(record)
                guard record.header.flags.contains(.commit) else { return }
                for pending in batch where pending.header.sequence > replayAfter {
                    try replay(pending)
                    report.replayed += 1
                    if report.replayed % 100_000 == 0 {
                        progress(RecoveryProgress(segmentsChecked: index, segmentsTotal: files.count, bytesChecked: checkedBytes + UInt64(pending.offset), bytesTotal: totalBytes, recordsReplayed: report.replayed))
                    }
                }
                batch.removeAll(keepingCapacity: true)
            }

            if !isLast {
                let clean: Bool
                if case .end = summary.stop { clean = summary.committedEnd == summary.validEnd } else { clean = false }
                let sealedMatches = header.state != .sealed
                    || (Int(header.durableEndOffset) == summary.validEnd && header.durableLastSequence == (summary.lastSequence ?? header.firstSequence - 1))
                guard clean && sealedMatches else {
                    let fault: String
                    if case .damaged(let offset, let reason) = summary.stop {
                        fault = "damaged record at offset \(offset): \(reason)"
                    } else if !sealedMatches {
                        fault = "records end at offset \(summary.validEnd) (sequence \(summary.lastSequence ?? 0)) but the header sealed it at \(header.durableEndOffset) (sequence \(header.durableLastSequence))"
                    } else {
                        fault = "its last command is incomplete"
                    }
                    guard options.repair else {
                        throw StoreError(.corrupt, "\(file.path): \(fault); acknowledged records follow it, so corridord will not start. Run `corridorctl inspect verify \(directory)` and, to cut the log at the damage (moving later segments to \(directory)/\(DataDirectoryLayout.quarantine)), start once with --repair")
                    }
                    try quarantine(files[(index + 1)...].map(\.path), directory: directory, logger: logger)
                    report.repairs.append("cut \(file.path) at offset \(summary.committedEnd) (\(fault)); moved \(files.count - index - 1) later segment(s) to \(DataDirectoryLayout.quarantine)/")
                    logger.critical("repair: log cut at damage", metadata: ["file": "\(file.path)", "fault": "\(fault)"])
                    segments.append(segment)
                    writeOffset = try cutTail(segment, summary: summary, report: &report, logger: logger)
                    checkpoints.append(segmentCheckpoints.filter { $0.offset < writeOffset })
                    recordBytes += UInt64(writeOffset - SegmentFormat.headerSize)
                    report.lastSequence = summary.lastCommittedSequence ?? header.firstSequence - 1
                    report.records += UInt64(summary.recordCount)
                    break
                }
                if header.state != .sealed {
                    // A crash between creating the next segment and sealing this one.
                    var sealed = header
                    sealed.state = .sealed
                    sealed.durableLastSequence = summary.lastSequence ?? header.firstSequence - 1
                    sealed.durableEndOffset = UInt64(summary.validEnd)
                    try segment.writeHeader(sealed)
                }
                guard let readOnly = try Segment.open(path: file.path, firstSequence: file.firstSequence, writable: false) else {
                    throw StoreError(.corrupt, "\(file.path) vanished during recovery")
                }
                segments.append(readOnly)
                checkpoints.append(segmentCheckpoints)
                recordBytes += UInt64(summary.validEnd - SegmentFormat.headerSize)
                report.records += UInt64(summary.recordCount)
                expectedFirst = (summary.lastSequence ?? header.firstSequence - 1) + 1
            } else {
                // A segment closed cleanly had nothing in flight: whatever is
                // wrong in it is damage to acknowledged records, not a torn write.
                if header.state == .offline, case .damaged(let offset, let fault) = summary.stop {
                    guard options.repair else {
                        throw StoreError(.corrupt, "\(file.path): damaged record at offset \(offset): \(fault); the segment was closed cleanly, so this is damage to acknowledged records, not a torn write. Run `corridorctl inspect verify \(directory)`; to cut the log at the damage, start once with --repair")
                    }
                    report.repairs.append("cut \(file.path) at offset \(summary.committedEnd) (\(fault))")
                    logger.critical("repair: log cut at damage in a cleanly closed segment", metadata: ["file": "\(file.path)", "fault": "\(fault)"])
                }
                // Below the durability watermark every record was acknowledged:
                // a bad or missing record there is damage, not a torn write.
                let watermark = Int(header.durableEndOffset)
                if watermark > 0 && summary.committedEnd < watermark {
                    let fault: String
                    if case .damaged(let offset, let reason) = summary.stop {
                        fault = "damaged record at offset \(offset): \(reason)"
                    } else {
                        fault = "records end at offset \(summary.committedEnd)"
                    }
                    guard options.repair else {
                        throw StoreError(.corrupt, "\(file.path): \(fault), below offset \(watermark) up to which every record was acknowledged (sequence \(header.durableLastSequence)); this is damage, not a torn write. Run `corridorctl inspect verify \(directory)`; to cut the log at the damage, start once with --repair")
                    }
                    report.repairs.append("cut \(file.path) at offset \(summary.committedEnd) (\(fault)), below its durability watermark")
                    logger.critical("repair: log cut below the durability watermark", metadata: ["file": "\(file.path)", "fault": "\(fault)"])
                }
                if header.state == .sealed {
                    // Sealed but last: the crash came before the next segment
                    // existed. Its seal stays a valid watermark.
                    var reopened = header
                    reopened.state = .online
                    try segment.writeHeader(reopened)
                }
                writeOffset = try cutTail(segment, summary: summary, report: &report, logger: logger)
                segments.append(segment)
                checkpoints.append(segmentCheckpoints.filter { $0.offset < writeOffset })
                recordBytes += UInt64(writeOffset - SegmentFormat.headerSize)
                report.records += UInt64(summary.recordCount - report.droppedUncommittedRecords)
                report.lastSequence = summary.lastCommittedSequence ?? header.firstSequence - 1
                var online = try readHeader(segment)
                if online.state != .online || online.durableEndOffset > UInt64(writeOffset) {
                    online.state = .online
                    // After a repair cut, the watermark must not point past the cut.
                    if online.durableEndOffset > UInt64(writeOffset) {
                        online.durableEndOffset = UInt64(writeOffset)
                        online.durableLastSequence = report.lastSequence
                    }
                    try segment.writeHeader(online)
                }
            }
            checkedBytes += file.size
            progress(RecoveryProgress(segmentsChecked: index + 1, segmentsTotal: files.count, bytesChecked: checkedBytes, bytesTotal: totalBytes, recordsReplayed: report.replayed))
        }
        report.segments = segments.count
        if report.lastSequence < replayAfter {
            throw StoreError.snapshotAhead(snapshot: replayAfter, log: report.lastSequence)
        }
        let log = EventLog(directory: directory, options: options, segments: segments, checkpoints: checkpoints, writeOffset: writeOffset, lastSequence: report.lastSequence, recordBytes: recordBytes, logger: logger)
        return (log, report)
    }

    /// Cuts whatever follows the last committed record: the torn part of a
    /// record, or records of a command that never finished. Zeroes it, so a
    /// later scan can never mistake stale bytes for records. Returns the offset
    /// appends continue from.
    private static func cutTail(_ segment: Segment, summary: ScanSummary, report: inout RecoveryReport, logger: Logger) throws -> Int {
        let cut = summary.committedEnd
        let uncommitted = summary.recordCount - recordCount(segment, before: cut, summary: summary)
        // Anything non-zero after the cut is garbage from a torn write. Read
        // with pread, not through the mapping: touching 64 MiB of mapped zeros
        // would leave them all resident in the daemon.
        let dirtyEnd = max(cut, try endOfNonZeroBytes(path: segment.path, from: cut, size: segment.size))
        if dirtyEnd > cut {
            (segment.region.base + cut).initializeMemory(as: UInt8.self, repeating: 0, count: dirtyEnd - cut)
            try segment.synchronize(cut..<dirtyEnd)
            let fault: String
            switch summary.stop {
            case .damaged(_, let reason) where summary.validEnd == cut: fault = reason
            case .damaged(_, let reason): fault = "\(uncommitted) record(s) of an unfinished command, then: \(reason)"
            case .end: fault = "\(uncommitted) record(s) of an unfinished command"
            }
            report.truncatedTail = (segment.path, cut, dirtyEnd - cut, fault)
            report.droppedUncommittedRecords = uncommitted
            logger.warning("cut a torn tail off the log; none of it was acknowledged", metadata: [
                "file": "\(segment.path)", "offset": "\(cut)", "bytes": "\(dirtyEnd - cut)",
                "lastSequence": "\(summary.lastCommittedSequence ?? segment.firstSequence - 1)", "fault": "\(fault)",
            ])
        }
        return cut
    }

    /// Like `endOfNonZeroBytes(_:from:)`, reading the file in 1 MiB chunks.
    static func endOfNonZeroBytes(path: String, from start: Int, size: Int) throws -> Int {
        let descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
        defer { try? descriptor.close() }
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        var end = size
        while end > start {
            let chunkStart = max(start, end - chunk)
            let count = try buffer.withUnsafeMutableBytes { raw in
                try descriptor.read(fromAbsoluteOffset: Int64(chunkStart), into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<(end - chunkStart)]))
            }
            let found = buffer.withUnsafeBytes { raw in endOfNonZeroBytes(UnsafeRawBufferPointer(rebasing: raw[0..<count]), from: 0) }
            if found > 0 { return chunkStart + found }
            end = chunkStart
        }
        return start
    }

    /// The end of the last 4 KiB page after `start` holding a non-zero byte
    /// (or `start`). memcmp against a zero page, from the end backwards: a
    /// fresh 64 MiB segment is checked in microseconds, not a byte at a time.
    static func endOfNonZeroBytes(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        let page = 4096
        let zeros = [UInt8](repeating: 0, count: page)
        var end = bytes.count
        while end > start {
            let chunkStart = max(start, end - page)
            let differs = zeros.withUnsafeBytes { zero in
                memcmp(bytes.baseAddress! + chunkStart, zero.baseAddress!, end - chunkStart) != 0
            }
            if differs { return end }
            end = chunkStart
        }
        return start
    }

    private static func recordCount(_ segment: Segment, before offset: Int, summary: ScanSummary) -> Int {
        guard let last = summary.lastCommittedSequence else { return 0 }
        return Int(last - segment.firstSequence + 1)
    }

    private static func quarantine(_ paths: [String], directory: String, logger: Logger) throws {
        let destination = directory + "/" + DataDirectoryLayout.quarantine
        try createDirectory(destination)
        for path in paths {
            let target = destination + "/" + (path.split(separator: "/").last.map(String.init) ?? path)
            try FileManager.default.moveItem(atPath: path, toPath: target)
            logger.critical("repair: moved a segment out of the log", metadata: ["from": "\(path)", "to": "\(target)"])
        }
    }

    struct SegmentFile {
        let path: String
        let firstSequence: UInt64
        let size: UInt64
    }

    static func segmentFiles(in directory: String) throws -> [SegmentFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        return names.compactMap { name -> SegmentFile? in
            guard let first = SegmentFormat.firstSequence(fromFileName: name) else { return nil }
            let path = directory + "/" + name
            var status = stat()
            let size = stat(path, &status) == 0 ? UInt64(status.st_size) : 0
            return SegmentFile(path: path, firstSequence: first, size: size)
        }.sorted { $0.firstSequence < $1.firstSequence }
    }

    /// Shorter than a header, or zeros from end to end: created and never
    /// written. A file with anything else in it is never removed — a zeroed
    /// header in front of records is damage, reported as DATA_LOSS.
    private static func isNeverWritten(_ path: String) throws -> Bool {
        guard let segment = try Segment.open(path: path, firstSequence: 0, writable: false) else { return true }
        return endOfNonZeroBytes(segment.bytes, from: 0) == 0
    }

    static func createDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}

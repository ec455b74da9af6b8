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
    /// Copies of bytes cut from the log, in DIR/quarantine.
    public var quarantined: [String] = []

    public static func == (lhs: RecoveryReport, rhs: RecoveryReport) -> Bool {
        lhs.segments == rhs.segments && lhs.records == rhs.records && lhs.lastSequence == rhs.lastSequence
            && lhs.replayed == rhs.replayed && lhs.truncatedTail?.offset == rhs.truncatedTail?.offset
            && lhs.droppedUncommittedRecords == rhs.droppedUncommittedRecords && lhs.repairs == rhs.repairs
            && lhs.quarantined == rhs.quarantined
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
        let observer = options.durabilityObserver
        try createDirectory(segmentsDirectory, observer: observer)
        var report = RecoveryReport()
        try removeUnfinishedSegments(in: segmentsDirectory, logger: logger, observer: observer)
        var files = try segmentFiles(in: segmentsDirectory)

        // Segments are created whole (under a temporary name until their
        // header is durable), so a file under a segment's name that cannot
        // hold a header is damage, never a crash while it was being created.
        if let short = files.first(where: { $0.size < UInt64(SegmentFormat.headerSize) }) {
            let fault = "\(short.path) ends at offset \(short.size), shorter than a segment header (\(SegmentFormat.headerSize) bytes): segments are created whole, so it was cut or overwritten after it was created, and the records it held are lost"
            guard options.repair, short.path == files.last?.path else {
                throw StoreError(.corrupt, "\(fault); corridord will not start. Run `corridorctl inspect verify \(directory)`" + (short.path == files.last?.path ? "; to move it to \(directory)/\(DataDirectoryLayout.quarantine) and go on from the segment before it, start once with --repair" : ""))
            }
            try quarantine([short.path], directory: directory, logger: logger, observer: observer)
            report.repairs.append("moved \(short.path) (\(short.size) bytes, shorter than a segment header) to \(DataDirectoryLayout.quarantine)/")
            files.removeLast()
        }

        // A snapshot is never written ahead of the durable log, and segments
        // are never removed: snapshots without any segment mean the log was
        // lost, and starting a new one would number records from the snapshot
        // on while acknowledged ones after it are gone.
        if files.isEmpty && replayAfter > 0 && !options.repair {
            throw StoreError(.corrupt, "\(segmentsDirectory) holds no segment, but a snapshot holds the state through sequence \(replayAfter): the log is gone and records after the snapshot may be lost; corridord will not start. Run `corridorctl inspect verify \(directory)`; to go on from the snapshot alone, start once with --repair")
        }

        if files.isEmpty {
            let first = replayAfter + 1
            let segment = try Segment.create(directory: segmentsDirectory, firstSequence: first, size: options.segmentBytes, createdAtNanoseconds: Clock.unixNanoseconds(), observer: observer)
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
            guard let segment = try Segment.open(path: file.path, firstSequence: file.firstSequence, writable: true, observer: observer) else {
                throw StoreError(.corrupt, "\(file.path) ends before offset \(SegmentFormat.headerSize), shorter than a segment header")
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
            var watermarkEndsARecord = false
            let summary = try RecordScanner.scan(segment.bytes, firstSequence: header.firstSequence) { record in
                if endsAtWatermark(record, header: header) { watermarkEndsARecord = true }
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
                    || (Int(clamping: header.durableEndOffset) == summary.validEnd && header.durableLastSequence == (summary.lastSequence ?? header.firstSequence - 1))
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
                    try quarantine(files[(index + 1)...].map(\.path), directory: directory, logger: logger, observer: observer)
                    report.repairs.append("cut \(file.path) at offset \(summary.committedEnd) (\(fault)); moved \(files.count - index - 1) later segment(s) to \(DataDirectoryLayout.quarantine)/")
                    logger.critical("repair: log cut at damage", metadata: ["file": "\(file.path)", "fault": "\(fault)"])
                    segments.append(segment)
                    writeOffset = try cutTail(segment, summary: summary, directory: directory, acknowledged: true, report: &report, logger: logger)
                    checkpoints.append(segmentCheckpoints.filter { $0.offset < writeOffset })
                    recordBytes += UInt64(writeOffset - SegmentFormat.headerSize)
                    report.lastSequence = summary.lastCommittedSequence ?? header.firstSequence - 1
                    report.records += UInt64(summary.recordCount - report.droppedUncommittedRecords)
                    var online = try readHeader(segment)
                    online.state = .online
                    online.durableEndOffset = UInt64(writeOffset)
                    online.durableLastSequence = report.lastSequence
                    try segment.writeHeader(online)
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
                guard let readOnly = try Segment.open(path: file.path, firstSequence: file.firstSequence, writable: false, observer: observer) else {
                    throw StoreError(.corrupt, "\(file.path) vanished during recovery")
                }
                segments.append(readOnly)
                checkpoints.append(segmentCheckpoints)
                recordBytes += UInt64(summary.validEnd - SegmentFormat.headerSize)
                report.records += UInt64(summary.recordCount)
                expectedFirst = (summary.lastSequence ?? header.firstSequence - 1) + 1
            } else {
                // The header's watermark is exact: it is made durable before
                // any append it covers is answered. At or below it everything
                // may have been acknowledged, so a bad, missing or short record
                // there is damage; above it nothing was, so whatever is there
                // (a torn write, pages of an unfinished sync that reached the
                // disk out of order) is cut, with a copy kept. A cleanly closed
                // or sealed segment's watermark is its end.
                let watermark = max(Int(clamping: header.durableEndOffset), SegmentFormat.headerSize)
                let fault = damageBelowWatermark(header: header, summary: summary, bytes: segment.bytes, fileSize: Int(file.size), watermarkEndsARecord: watermarkEndsARecord)
                if let fault {
                    let where_ = "\(file.path) at offset \(fault.offset): \(fault.reason), below offset \(watermark) up to which every record was made durable and acknowledged (through sequence \(header.durableLastSequence))"
                    guard options.repair else {
                        throw StoreError(.corrupt, "\(where_); this is damage to acknowledged records, not a torn write, so corridord will not start. Run `corridorctl inspect verify \(directory)`; to cut the log at the damage (keeping a copy of what is cut in \(directory)/\(DataDirectoryLayout.quarantine)), start once with --repair")
                    }
                    report.repairs.append("cut \(file.path) at offset \(summary.committedEnd) (\(fault.reason)), below its durability watermark at \(watermark)")
                    logger.critical("repair: log cut below the durability watermark", metadata: ["file": "\(file.path)", "offset": "\(fault.offset)", "fault": "\(fault.reason)"])
                }
                if header.state == .sealed {
                    // Sealed but last: the crash came before the next segment
                    // existed. Its seal stays a valid watermark.
                    var reopened = header
                    reopened.state = .online
                    try segment.writeHeader(reopened)
                }
                writeOffset = try cutTail(segment, summary: summary, directory: directory, acknowledged: fault != nil, report: &report, logger: logger)
                segments.append(segment)
                checkpoints.append(segmentCheckpoints.filter { $0.offset < writeOffset })
                recordBytes += UInt64(writeOffset - SegmentFormat.headerSize)
                report.records += UInt64(summary.recordCount - report.droppedUncommittedRecords)
                report.lastSequence = summary.lastCommittedSequence ?? header.firstSequence - 1
                var online = try readHeader(segment)
                if !online.hasExactWatermark {
                    // Written by an earlier build: from now on the watermark is
                    // exact, starting from everything recovery kept, made durable first.
                    if writeOffset > SegmentFormat.headerSize {
                        try segment.synchronize(SegmentFormat.headerSize..<writeOffset)
                        online.durableEndOffset = UInt64(writeOffset)
                        online.durableLastSequence = report.lastSequence
                    }
                    online.compatibleFlags |= SegmentFormat.exactWatermarkFlag
                    online.state = .online
                    try segment.writeHeader(online)
                } else if online.state != .online || online.durableEndOffset > UInt64(writeOffset) {
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

    /// Damage to acknowledged records in the last segment: a bad, missing or
    /// short record at or below the header's durability watermark, which is
    /// exact (durable before any append it covers is answered), or a
    /// watermark that does not fall at the end of the record it names. A
    /// sealed or cleanly closed segment's watermark is its end. In a segment
    /// written by an earlier build, whose watermark lagged, also a bad record
    /// that valid records follow. The daemon refuses to start on it;
    /// `corridorctl inspect verify` says so.
    public static func damageBelowWatermark(
        header: SegmentHeader, summary: ScanSummary, bytes: UnsafeRawBufferPointer, fileSize: Int, watermarkEndsARecord: Bool
    ) -> (offset: Int, reason: String)? {
        let watermark = max(Int(clamping: header.durableEndOffset), SegmentFormat.headerSize)
        if summary.committedEnd < watermark {
            if case .damaged(let offset, let reason) = summary.stop, offset < watermark {
                return (offset, "damaged record at offset \(offset): \(reason)")
            }
            let end = summary.committedEnd
            if fileSize < watermark {
                return (end, "the file ends at offset \(fileSize), records end at \(end), before the watermark at offset \(watermark)")
            }
            return (end, "the records end at offset \(end) (sequence \(summary.lastCommittedSequence ?? header.firstSequence - 1)), before the watermark at offset \(watermark)")
        }
        if watermark > SegmentFormat.headerSize && !watermarkEndsARecord {
            return (watermark, "no record with sequence \(header.durableLastSequence) ends at the watermark at offset \(watermark)")
        }
        // Without the exact-watermark flag, records up to a second past the
        // watermark may have been acknowledged. A bad record there is a torn
        // write only when nothing valid follows it; valid records after it
        // were written after it, so it was damaged afterwards (etcd's rule).
        if !header.hasExactWatermark, header.state == .online, case .damaged(let offset, let reason) = summary.stop,
           let lastNonZero = RecordScanner.lastNonZeroByte(in: bytes, from: offset),
           let found = RecordScanner.validRecords(
               in: bytes, after: offset, before: lastNonZero + 1, beyond: summary.lastSequence ?? header.firstSequence - 1
           ) {
            let range = found.first == found.last ? "sequence \(found.first)" : "sequences \(found.first)-\(found.last)"
            return (offset, "damaged record at offset \(offset): \(reason), and valid records follow it (\(range) at offset \(found.offset)); the segment was written by an earlier corridord whose durability watermark lagged, so they may have been acknowledged")
        }
        return nil
    }

    /// Whether `record` is the one the header's watermark names, ending where it says.
    public static func endsAtWatermark(_ record: RecordView, header: SegmentHeader) -> Bool {
        record.header.sequence == header.durableLastSequence
            && UInt64(record.offset + SegmentFormat.paddedLength(payloadBytes: record.header.payloadLength)) == header.durableEndOffset
    }

    /// Cuts whatever follows the last committed record: the torn part of a
    /// record, records of a command that never finished, or (with --repair
    /// only, `acknowledged`) damaged records and everything after them. First
    /// copies the bytes to DIR/quarantine/<segment>@<offset>.cut, then zeroes
    /// them, so a later scan can never mistake stale bytes for records.
    /// Returns the offset appends continue from.
    private static func cutTail(
        _ segment: Segment, summary: ScanSummary, directory: String, acknowledged: Bool,
        report: inout RecoveryReport, logger: Logger
    ) throws -> Int {
        let cut = summary.committedEnd
        let uncommitted = summary.recordCount - recordCount(segment, before: cut, summary: summary)
        // Read with pread, not through the mapping: touching 64 MiB of mapped
        // zeros would leave them all resident in the daemon.
        let dirtyEnd = max(cut, try endOfNonZeroBytes(path: segment.path, from: cut, size: segment.size))
        guard dirtyEnd > cut else { return cut }
        let fault: String
        switch summary.stop {
        case .damaged(_, let reason) where summary.validEnd == cut: fault = reason
        case .damaged(_, let reason): fault = "\(uncommitted) record(s) of an unfinished command, then: \(reason)"
        case .end: fault = uncommitted > 0 ? "\(uncommitted) record(s) of an unfinished command" : "non-zero bytes after the last record"
        }
        let copy = try keepCopy(
            of: UnsafeRawBufferPointer(rebasing: segment.bytes[cut..<dirtyEnd]), segment: segment.path, offset: cut, directory: directory,
            observer: segment.observer
        )
        (segment.region.base + cut).initializeMemory(as: UInt8.self, repeating: 0, count: dirtyEnd - cut)
        try segment.synchronize(cut..<dirtyEnd)
        report.truncatedTail = (segment.path, cut, dirtyEnd - cut, fault)
        report.droppedUncommittedRecords = uncommitted
        report.quarantined.append(copy)
        let metadata: Logger.Metadata = [
            "file": "\(segment.path)", "offset": "\(cut)", "bytes": "\(dirtyEnd - cut)",
            "lastSequence": "\(summary.lastCommittedSequence ?? segment.firstSequence - 1)", "fault": "\(fault)", "copy": "\(copy)",
        ]
        if acknowledged {
            logger.critical("repair: cut acknowledged records off the log; a copy of the cut bytes is kept", metadata: metadata)
        } else {
            logger.warning("cut the tail above the durability watermark: none of it was acknowledged; a copy of the cut bytes is kept", metadata: metadata)
        }
        return cut
    }

    /// Writes `bytes` to DIR/quarantine/<segment file>@<offset>.cut, durably,
    /// before anything is cut: what recovery removes can always be looked at
    /// again. Returns the copy's path.
    static func keepCopy(
        of bytes: UnsafeRawBufferPointer, segment: String, offset: Int, directory: String, observer: (any DurabilityObserver)? = nil
    ) throws -> String {
        let destination = directory + "/" + DataDirectoryLayout.quarantine
        try createDirectory(destination, observer: observer)
        let name = (segment.split(separator: "/").last.map(String.init) ?? segment) + "@\(offset).cut"
        let path = destination + "/" + name
        do {
            let existed = access(path, F_OK) == 0
            let descriptor = try FileDescriptor.open(
                path, .writeOnly, options: [.create, .truncate, .closeOnExec], permissions: [.ownerReadWrite]
            )
            defer { try? descriptor.close() }
            if !existed { observer?.observe(.created(path: path)) }
            _ = try descriptor.writeAll(toAbsoluteOffset: 0, bytes)
            observer?.observe(.synchronizingFile(path: path))
            try descriptor.synchronizeData()
            observer?.observe(.synchronizedFile(path: path))
        } catch {
            throw StoreError.writing(path, "keep a copy of the bytes cut from the log in", error)
        }
        try Segment.syncDirectory(destination, observer: observer)
        return path
    }

    /// Removes segment files whose creation a crash interrupted: they never
    /// got a segment's name, so they never held a record.
    static func removeUnfinishedSegments(in directory: String, logger: Logger, observer: (any DurabilityObserver)? = nil) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: directory)
        where name.hasSuffix(".log" + Segment.temporarySuffix) {
            let path = directory + "/" + name
            logger.notice("removing a segment file whose creation was interrupted (it never held a record)", metadata: ["file": "\(path)"])
            guard unlink(path) == 0 else { throw StoreError.writing(path, "remove unfinished segment", Errno(rawValue: errno)) }
            observer?.observe(.removed(path: path))
        }
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

    private static func quarantine(_ paths: [String], directory: String, logger: Logger, observer: (any DurabilityObserver)?) throws {
        let destination = directory + "/" + DataDirectoryLayout.quarantine
        try createDirectory(destination, observer: observer)
        for path in paths {
            let target = destination + "/" + (path.split(separator: "/").last.map(String.init) ?? path)
            try FileManager.default.moveItem(atPath: path, toPath: target)
            observer?.observe(.renamed(from: path, to: target))
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

    /// Makes `path` and any missing directory above it (mode 0700), each
    /// made durable in its parent: a directory's entry is on disk only once
    /// the parent is fsynced, and without it a power cut could take
    /// `segments/` with every acknowledged record in it.
    static func createDirectory(_ path: String, observer: (any DurabilityObserver)? = nil) throws {
        var missing: [String] = []
        var ancestor = path
        while !ancestor.isEmpty, access(ancestor, F_OK) != 0 {
            missing.append(ancestor)
            ancestor = parentDirectory(of: ancestor)
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for made in missing.reversed() {
            observer?.observe(.created(path: made))
            try Segment.syncDirectory(parentDirectory(of: made), observer: observer)
        }
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

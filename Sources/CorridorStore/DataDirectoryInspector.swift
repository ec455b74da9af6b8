import FoundationEssentials
import Glibc
import SystemPackage

// `corridorctl inspect`'s view of a data directory: read-only, lock-free, so
// that it works beside a running corridord and on a copy of a damaged one.
// Nothing here writes to the directory or repairs anything; recovery
// (LogRecovery.swift) stays the only code that changes a segment after a crash.

/// Whether corridord holds the data directory right now.
public enum DataDirectoryLockState: Sendable, Equatable, CustomStringConvertible {
    case free
    /// Held; the pid is the one the holder wrote into LOCK.
    case held(pid: Int32?)
    /// The probe itself failed (LOCK not readable, say).
    case unknown(String)

    /// Whether corridord may be writing the log at this moment. When we
    /// cannot tell, we assume it may: a torn tail is then only a warning.
    public var mayBeInUse: Bool {
        if case .free = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .free: "not in use"
        case .held(let pid): "in use by corridord (pid \(pid.map(String.init) ?? "unknown"))"
        case .unknown(let reason): "cannot tell whether corridord is using it (\(reason))"
        }
    }
}

/// One thing `verify` (or a record cursor) found wrong or worth knowing.
public struct InspectionFinding: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        /// Damage: acknowledged records may be unreadable, or corridord would refuse to start.
        case error
        /// Worth knowing, but nothing acknowledged is at risk.
        case warning
    }

    public let severity: Severity
    public let file: String
    /// Byte offset in `file`, where one applies.
    public let offset: Int?
    public let fault: String

    public init(severity: Severity, file: String, offset: Int?, fault: String) {
        self.severity = severity
        self.file = file
        self.offset = offset
        self.fault = fault
    }

    public var description: String {
        file + (offset.map { " at offset \($0)" } ?? "") + ": " + fault
    }
}

public struct VerificationProgress: Sendable {
    public var segmentsChecked: Int
    public var segmentsTotal: Int
    public var bytesChecked: UInt64
    public var bytesTotal: UInt64
}

/// What `verify` found. Clean means no finding of severity error.
public struct VerificationReport: Sendable {
    public let directory: String
    public let lock: DataDirectoryLockState
    public internal(set) var segments = 0
    /// Records in the log; in the last segment only those up to its last commit mark.
    public internal(set) var records: UInt64 = 0
    public internal(set) var firstSequence: UInt64?
    public internal(set) var lastSequence: UInt64?
    public internal(set) var snapshots = 0
    /// Everything found, in the order it was checked: segments oldest first, then snapshots.
    public internal(set) var findings: [InspectionFinding] = []

    public var firstFault: InspectionFinding? { findings.first { $0.severity == .error } }
    public var isClean: Bool { firstFault == nil }
}

/// A record as read from a segment, copied out of the mapping.
public struct InspectedRecord: Sendable, Equatable {
    public let sequence: UInt64
    public let timestampNanoseconds: UInt64
    public let type: UInt16
    public let flags: RecordFlags
    public let payload: [UInt8]
    public let file: String
    public let offset: Int

    init(_ view: RecordView, file: String) {
        sequence = view.header.sequence
        timestampNanoseconds = view.header.timestampNanoseconds
        type = view.header.type
        flags = view.header.flags
        payload = Array(view.payload)
        self.file = file
        self.offset = view.offset
    }
}

public struct DataDirectoryStatistics: Sendable {
    public struct SegmentFigures: Sendable {
        public let file: String
        /// Nil when the header cannot be read.
        public let state: SegmentState?
        public let firstSequence: UInt64
        /// Nil when the segment holds no (committed) record.
        public let lastSequence: UInt64?
        public let records: Int
        /// Where its committed records end: header included.
        public let bytesUsed: Int
        public let size: Int
        public let createdAtNanoseconds: UInt64?
        /// Why reading it stopped short, if it did.
        public let fault: String?
    }

    public struct SnapshotFigures: Sendable {
        public let file: String
        public let sequence: UInt64?
        public let createdAtNanoseconds: UInt64?
        public let size: Int
        /// Nil when the snapshot checks out.
        public let fault: String?
        public var isValid: Bool { fault == nil }
    }

    /// A record's place and time, for the ends of the log.
    public struct RecordMoment: Sendable {
        public let sequence: UInt64
        public let timestampNanoseconds: UInt64
    }

    public let directory: String
    public let lock: DataDirectoryLockState
    public internal(set) var segments: [SegmentFigures] = []
    public internal(set) var recordsByType: [UInt16: Int] = [:]
    public internal(set) var records = 0
    /// Bytes of committed records, headers and padding included.
    public internal(set) var recordBytes = 0
    /// Bytes the segment files take on disk (they are preallocated).
    public internal(set) var reservedBytes = 0
    public internal(set) var first: RecordMoment?
    public internal(set) var last: RecordMoment?
    public internal(set) var snapshots: [SnapshotFigures] = []
}

/// Why a directory cannot be inspected at all.
public struct InspectionError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Reads a data directory without taking its lock and without writing to
/// it: segments are mapped PROT_READ, so a running corridord is never
/// disturbed and a damaged directory is never made worse.
public struct DataDirectoryInspector: Sendable {
    public let directory: String
    /// The directory whose lock tells whether corridord runs: `directory`
    /// itself, or for the audit trail (DIR/audit) the data directory above
    /// it, which is what corridord locks.
    public let lockDirectory: String
    let segmentsDirectory: String
    let snapshotsDirectory: String

    /// Fails when `directory` does not exist, cannot be read, or has no
    /// segments/. `lockDirectory`: the directory corridord locks while it
    /// writes this log, when it is not `directory` itself.
    public init(directory: String, lockDirectory: String? = nil) throws(InspectionError) {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.directory = trimmed
        self.lockDirectory = lockDirectory ?? trimmed
        segmentsDirectory = trimmed + "/" + DataDirectoryLayout.segments
        snapshotsDirectory = trimmed + "/" + DataDirectoryLayout.snapshots

        switch Self.fileType(trimmed) {
        case .success(let type) where type == S_IFDIR: break
        case .success: throw InspectionError("\(trimmed) is not a directory")
        case .failure(.noSuchFileOrDirectory): throw InspectionError("\(trimmed) does not exist")
        case .failure(let error): throw Self.unreadable(trimmed, error)
        }
        switch Self.fileType(segmentsDirectory) {
        case .success(let type) where type == S_IFDIR: break
        case .success, .failure(.noSuchFileOrDirectory):
            throw InspectionError("\(trimmed) is not a Corridor data directory: it has no \(DataDirectoryLayout.segments)/ directory")
        case .failure(let error): throw Self.unreadable(segmentsDirectory, error)
        }
        guard access(segmentsDirectory, R_OK | X_OK) == 0 else {
            throw Self.unreadable(segmentsDirectory, Errno(rawValue: errno))
        }
    }

    // MARK: Lock

    /// Whether corridord holds the data directory's lock now, and its pid.
    /// Probes with a non-blocking shared flock on our own read-only open of
    /// the directory (the object the daemon locks), released at once: a
    /// shared lock conflicts with the daemon's exclusive one, and nothing is
    /// created or written.
    public func lockState() -> DataDirectoryLockState {
        let descriptor: FileDescriptor
        do {
            descriptor = try DataDirectoryLock.openDirectory(lockDirectory)
        } catch {
            return .unknown("cannot open \(lockDirectory): \(error)")
        }
        defer { try? descriptor.close() }
        guard flock(descriptor.rawValue, LOCK_SH | LOCK_NB) == 0 else {
            let reason = Errno(rawValue: errno)
            if reason == .wouldBlock { return .held(pid: DataDirectoryLock.holder(of: lockDirectory)) }
            return .unknown("cannot probe the lock on \(lockDirectory): \(reason)")
        }
        flock(descriptor.rawValue, LOCK_UN)
        return .free
    }

    // MARK: Verify

    /// Checks everything a start of corridord would, and more, without
    /// changing anything. `progress` is called after each segment.
    public func verify(progress: (VerificationProgress) -> Void = { _ in }) -> VerificationReport {
        let lock = lockState()
        let inUse = lock.mayBeInUse
        var report = VerificationReport(directory: directory, lock: lock)
        if case .unknown(let reason) = lock {
            report.findings.append(InspectionFinding(
                severity: .warning, file: directory, offset: nil,
                fault: "cannot tell whether corridord is running (\(reason)); a torn tail is reported as a warning"
            ))
        }
        let listing: SegmentListing
        do {
            listing = try listSegments()
        } catch {
            report.findings.append(InspectionFinding(severity: .error, file: segmentsDirectory, offset: nil, fault: error.description))
            return report
        }
        for stray in listing.strays {
            if stray.hasSuffix(".log" + Segment.temporarySuffix) {
                // Segments are created under this name and renamed once whole.
                report.findings.append(InspectionFinding(
                    severity: .warning, file: stray, offset: nil,
                    fault: inUse
                        ? "a segment being created (or whose creation was interrupted); it never held a record"
                        : "a segment whose creation a crash interrupted; it never held a record, and corridord removes it at the next start"
                ))
                continue
            }
            report.findings.append(InspectionFinding(
                severity: .warning, file: stray, offset: nil,
                fault: "not named like a segment (20-digit first sequence + .log); corridord ignores it"
            ))
        }

        let files = listing.files
        report.segments = files.count
        let bytesTotal = files.reduce(UInt64(0)) { $0 + UInt64($1.size) }
        var bytesChecked: UInt64 = 0
        var checked = 0
        func reportProgress(_ file: SegmentFile) {
            checked += 1
            bytesChecked += UInt64(file.size)
            progress(VerificationProgress(segmentsChecked: checked, segmentsTotal: report.segments, bytesChecked: bytesChecked, bytesTotal: bytesTotal))
        }

        var expectedFirst: UInt64?
        var logFirstSequence: UInt64?
        for (index, file) in files.enumerated() {
            let outcome = verifySegment(file, isLast: index == files.count - 1, inUse: inUse, expectedFirst: expectedFirst, report: &report)
            if index == 0 { logFirstSequence = outcome.firstSequence }
            expectedFirst = outcome.nextSequence
            reportProgress(file)
        }
        verifySnapshots(report: &report, logFirstSequence: logFirstSequence, inUse: inUse)
        verifyQuarantine(report: &report)
        return report
    }

    private struct SegmentOutcome {
        /// The first sequence the header gives, when it can be read.
        var firstSequence: UInt64?
        /// The sequence the next segment must start with, when it is known.
        var nextSequence: UInt64?
    }

    private func verifySegment(
        _ file: SegmentFile, isLast: Bool, inUse: Bool, expectedFirst: UInt64?, report: inout VerificationReport
    ) -> SegmentOutcome {
        func add(_ severity: InspectionFinding.Severity, _ offset: Int?, _ fault: String) {
            report.findings.append(InspectionFinding(severity: severity, file: file.path, offset: offset, fault: fault))
        }
        let segment: Segment
        do {
            guard let opened = try Segment.open(path: file.path, firstSequence: file.firstSequence, writable: false) else {
                add(.error, 0, "the file is \(file.size) bytes, shorter than a segment header (\(SegmentFormat.headerSize)): segments are created whole, so it was cut after it was created and its records are lost; corridord will refuse to start (DATA_LOSS)" + (isLast ? "; --repair moves it to quarantine/ and goes on from the segment before it" : ""))
                return SegmentOutcome()
            }
            segment = opened
        } catch {
            add(.error, nil, error.description)
            return SegmentOutcome()
        }
        let header: SegmentHeader
        do {
            header = try Self.readHeader(segment, inUse: inUse)
        } catch {
            add(.error, 0, "unreadable segment header: \(error)")
            return SegmentOutcome()
        }
        let first = header.firstSequence
        if first != file.firstSequence {
            add(.error, SegmentHeaderOffsets.firstSequence, "the header says first sequence \(first), the file name says \(file.firstSequence)")
        }
        if let expectedFirst, first != expectedFirst {
            if first > expectedFirst {
                add(.error, SegmentHeaderOffsets.firstSequence, "starts at sequence \(first) where \(expectedFirst) was expected: \(Self.missingSequences(expectedFirst, first - 1)) between segments")
            } else {
                add(.error, SegmentHeaderOffsets.firstSequence, "starts at sequence \(first) where \(expectedFirst) was expected: it overlaps the segment before it")
            }
        }

        let bytes = segment.bytes
        var watermarkEndsARecord = false
        let summary = RecordScanner.scan(bytes, firstSequence: first) { record in
            if EventLog.endsAtWatermark(record, header: header) { watermarkEndsARecord = true }
        }
        let committedRecords = summary.lastCommittedSequence.map { Int($0 - first + 1) } ?? 0
        let uncommittedRecords = summary.recordCount - committedRecords
        var damaged = false

        if isLast {
            let cut = summary.committedEnd
            // Recovery's rule, from the same function: damage at or below the
            // exact durability watermark is damage to acknowledged records.
            if let fault = EventLog.damageBelowWatermark(header: header, summary: summary, bytes: bytes, fileSize: file.size, watermarkEndsARecord: watermarkEndsARecord) {
                var followers = ""
                if case .damaged(let offset, _) = summary.stop, let lastNonZero = RecordScanner.lastNonZeroByte(in: bytes, from: offset),
                   let found = RecordScanner.validRecords(in: bytes, after: offset, before: lastNonZero + 1, beyond: summary.lastSequence ?? first - 1) {
                    followers = " (then \(found.count) valid record(s), \(Self.sequenceRange(found.first, found.last)), at offset \(found.offset))"
                }
                add(.error, fault.offset, "\(fault.reason)\(followers); every record up to offset \(max(Int(clamping: header.durableEndOffset), SegmentFormat.headerSize)) (sequence \(header.durableLastSequence)) was made durable and acknowledged, so this is damage, not a torn write: corridord will refuse to start (DATA_LOSS) without --repair")
            } else if let lastNonZero = RecordScanner.lastNonZeroByte(in: bytes, from: cut) {
                verifyTail(
                    bytes, header: header, summary: summary, through: lastNonZero, inUse: inUse,
                    uncommittedRecords: uncommittedRecords, add: add
                )
            }
            report.records += UInt64(committedRecords)
            if committedRecords > 0 {
                if report.firstSequence == nil { report.firstSequence = first }
                report.lastSequence = summary.lastCommittedSequence
            }
            return SegmentOutcome(firstSequence: first, nextSequence: nil)
        }

        switch summary.stop {
        case .damaged(let offset, let reason):
            damaged = true
            add(.error, offset, "damaged record: \(reason); later segments follow, so acknowledged records are unreadable from here")
        case .end(let end):
            if summary.committedEnd < summary.validEnd {
                add(.error, summary.committedEnd, "its last command is incomplete: \(uncommittedRecords) record(s) after the last commit mark (\(Self.sequenceRange((summary.lastCommittedSequence ?? first - 1) + 1, summary.lastSequence ?? first))), yet later segments follow")
            }
            if let lastNonZero = RecordScanner.lastNonZeroByte(in: bytes, from: end) {
                add(.error, end, "non-zero bytes at offsets \(end)-\(lastNonZero) after its last record: a damaged record length may hide records")
            }
        }
        if header.state == .sealed {
            if !damaged {
                checkSeal(header, end: summary.validEnd, lastSequence: summary.lastSequence ?? first - 1, add: add)
            }
        } else {
            add(.warning, SegmentHeaderOffsets.state, "is \(header.state), not sealed, though later segments follow: a crash while a new segment was being started, or corridord starting one now; corridord seals it at the next start")
        }
        report.records += UInt64(summary.recordCount)
        if summary.recordCount > 0 {
            if report.firstSequence == nil { report.firstSequence = first }
            report.lastSequence = summary.lastSequence
        }
        // The seal says where the next segment must start even when damage
        // hides the last records; without it, damage leaves it unknown.
        let next: UInt64? = header.state == .sealed
            ? header.durableLastSequence + 1
            : (damaged ? nil : (summary.lastSequence ?? first - 1) + 1)
        return SegmentOutcome(firstSequence: first, nextSequence: next)
    }

    private func checkSeal(_ header: SegmentHeader, end: Int, lastSequence: UInt64, add: (InspectionFinding.Severity, Int?, String) -> Void) {
        guard Int(clamping: header.durableEndOffset) != end || header.durableLastSequence != lastSequence else { return }
        add(.error, SegmentHeaderOffsets.durableLastSequence, "the header seals it after sequence \(header.durableLastSequence) at offset \(header.durableEndOffset), but its records end after sequence \(lastSequence) at offset \(end)")
    }

    /// What follows the last commit mark of the last segment. Usually a
    /// torn tail: a write cut short, never acknowledged, which recovery cuts
    /// off. But whole, valid records after the damage cannot come from a torn
    /// write (records are written in order, each checksummed last): then it is
    /// damage to written, likely acknowledged records, which recovery would
    /// cut off too, so it must be said loudly before anyone starts corridord.
    private func verifyTail(
        _ bytes: UnsafeRawBufferPointer, header: SegmentHeader, summary: ScanSummary, through lastNonZero: Int,
        inUse: Bool, uncommittedRecords: Int, add: (InspectionFinding.Severity, Int?, String) -> Void
    ) {
        let first = header.firstSequence
        let cut = summary.committedEnd
        let stop = summary.stop.offset
        // What lies after the cut; `at` says where when the finding points elsewhere.
        func found(pointingAt findingOffset: Int) -> String {
            var parts: [String] = []
            if uncommittedRecords > 0 {
                parts.append("\(uncommittedRecords) record(s) after the last commit mark (\(Self.sequenceRange((summary.lastCommittedSequence ?? first - 1) + 1, summary.lastSequence ?? first)))")
            }
            if case .damaged(let offset, let reason) = summary.stop {
                parts.append("an incomplete or damaged record" + (offset == findingOffset ? "" : " at offset \(offset)") + ": \(reason)")
            } else if uncommittedRecords == 0 {
                parts.append("non-zero bytes after the end of the records")
            }
            return parts.joined(separator: ", then ")
        }

        var followers = RecordScanner.validRecords(in: bytes, after: stop, before: lastNonZero + 1, beyond: summary.lastSequence ?? first - 1)
        if followers != nil && inUse {
            // A scan racing corridord's writes can see one record half-written
            // and, a moment later, the next one whole. A second look settles it.
            let again = RecordScanner.scan(bytes, firstSequence: first) { _ in }
            if again.validEnd > stop { followers = nil }
        }
        // Only called with nothing wrong at or below the watermark: all of
        // this lies above it and was never acknowledged (records of a sync
        // that never completed, whose pages may reach the disk in any order).
        let context = inUse
            ? "corridord is running and may be writing it now"
            : "never acknowledged (above the durability watermark at offset \(max(Int(clamping: header.durableEndOffset), SegmentFormat.headerSize))); corridord cuts it off at the next start and keeps a copy in quarantine/"
        if let followers {
            add(inUse ? .warning : .error, stop, "\(found(pointingAt: stop)); then \(followers.count) valid record(s) (\(Self.sequenceRange(followers.first, followers.last))) at offset \(followers.offset) (\(context))")
        } else {
            add(inUse ? .warning : .error, cut, "torn tail of \(lastNonZero + 1 - cut) bytes: \(found(pointingAt: cut)) (\(context))")
        }
    }

    private func verifySnapshots(report: inout VerificationReport, logFirstSequence: UInt64?, inUse: Bool) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: snapshotsDirectory).sorted()
        } catch {
            // No snapshots/ is a log that has never been snapshotted.
            if Self.fileType(snapshotsDirectory) != .failure(.noSuchFileOrDirectory) {
                report.findings.append(InspectionFinding(severity: .error, file: snapshotsDirectory, offset: nil, fault: "cannot be listed: \(error)"))
            }
            names = []
        }
        var newestValid: (path: String, sequence: UInt64)?
        for name in names {
            let path = snapshotsDirectory + "/" + name
            if name.hasSuffix(".snap.tmp") {
                // corridord writes a snapshot to .tmp and renames it when it is durable.
                if !inUse {
                    report.findings.append(InspectionFinding(severity: .warning, file: path, offset: nil, fault: "an unfinished snapshot left by a crash; corridord ignores it"))
                }
                continue
            }
            guard let sequence = SnapshotFormat.sequence(fromFileName: name) else { continue }
            report.snapshots += 1
            switch SnapshotStore.load(path) {
            case .success:
                if sequence >= newestValid?.sequence ?? 0 { newestValid = (path, sequence) }
            case .failure where access(path, F_OK) != 0:
                // corridord keeps only its newest snapshots: this one was removed since the listing.
                report.snapshots -= 1
            case .failure(let fault):
                report.findings.append(InspectionFinding(severity: .error, file: path, offset: nil, fault: "damaged snapshot: \(fault); corridord skips it for an older one"))
            }
        }
        // corridord starts from the newest valid snapshot and replays the log
        // after it; both ends have to meet.
        let coveredThrough = newestValid?.sequence ?? 0
        if let logFirstSequence, logFirstSequence > coveredThrough + 1 {
            let firstFile = segmentsDirectory + "/" + SegmentFormat.fileName(firstSequence: logFirstSequence)
            report.findings.append(InspectionFinding(
                severity: .error, file: firstFile, offset: SegmentHeaderOffsets.firstSequence,
                fault: "the log starts at sequence \(logFirstSequence) but "
                    + (newestValid.map { "the newest valid snapshot ends at \($0.sequence)" } ?? "there is no valid snapshot")
                    + ": \(Self.missingSequences(coveredThrough + 1, logFirstSequence - 1))"
            ))
        }
        // With corridord running, the log may have grown since it was read.
        if !inUse, let newestValid, newestValid.sequence > report.lastSequence ?? 0 {
            report.findings.append(InspectionFinding(
                severity: .error, file: newestValid.path, offset: nil,
                fault: "the snapshot holds the state through sequence \(newestValid.sequence), but the log ends at \(report.lastSequence ?? 0); corridord will not start"
            ))
        }
    }

    private func verifyQuarantine(report: inout VerificationReport) {
        let quarantine = directory + "/" + DataDirectoryLayout.quarantine
        let names = (try? FileManager.default.contentsOfDirectory(atPath: quarantine)) ?? []
        let moved = names.filter { $0.hasSuffix(".log") }
        let cuts = names.filter { $0.hasSuffix(".cut") }
        if !moved.isEmpty {
            report.findings.append(InspectionFinding(
                severity: .warning, file: quarantine, offset: nil,
                fault: "holds \(moved.count) segment(s) cut off the log by a repair (--repair); their records are not in the log"
            ))
        }
        if !cuts.isEmpty {
            report.findings.append(InspectionFinding(
                severity: .warning, file: quarantine, offset: nil,
                fault: "holds \(cuts.count) cop(ies) of bytes recovery cut off a segment (named <segment>@<offset>.cut); their records are not in the log"
            ))
        }
    }

    // MARK: Records

    /// The committed records with sequences in `from...to` (and of `types`,
    /// if given), oldest first, across segments. The cursor can be polled
    /// again after it runs dry to pick up records corridord has written
    /// since, including in segments started since.
    public func records(from: UInt64 = 1, to: UInt64? = nil, types: Set<UInt16>? = nil) -> RecordCursor {
        RecordCursor(inspector: self, lowerBound: from, upperBound: to, types: types, inUse: lockState().mayBeInUse)
    }

    /// The sequence of the last committed record; 0 for an empty log.
    public func lastSequence() throws(InspectionError) -> UInt64 {
        let files = try listSegments().files
        for file in files.reversed() {
            guard let segment = try? Segment.open(path: file.path, firstSequence: file.firstSequence, writable: false),
                  !Self.isNeverWritten(segment),
                  let header = try? Self.readHeader(segment, inUse: true)
            else { continue }
            let summary = RecordScanner.scan(segment.bytes, firstSequence: header.firstSequence) { _ in }
            return summary.lastCommittedSequence ?? header.firstSequence - 1
        }
        return 0
    }

    // MARK: Statistics

    public func stats() throws(InspectionError) -> DataDirectoryStatistics {
        var statistics = DataDirectoryStatistics(directory: directory, lock: lockState())
        let inUse = statistics.lock.mayBeInUse
        for file in try listSegments().files {
            statistics.reservedBytes += file.size
            statistics.segments.append(segmentFigures(file, inUse: inUse, statistics: &statistics))
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: snapshotsDirectory)) ?? []).sorted()
        for name in names {
            guard let sequence = SnapshotFormat.sequence(fromFileName: name) else { continue }
            let path = snapshotsDirectory + "/" + name
            let size = Self.fileSize(path) ?? 0
            switch SnapshotStore.load(path) {
            case .success(let loaded):
                statistics.snapshots.append(.init(file: path, sequence: loaded.header.sequence, createdAtNanoseconds: loaded.header.createdAtNanoseconds, size: size, fault: nil))
            case .failure where access(path, F_OK) != 0:
                continue  // removed by corridord's retention since the listing
            case .failure(let fault):
                let header = Self.snapshotHeader(path)
                statistics.snapshots.append(.init(file: path, sequence: header?.sequence ?? sequence, createdAtNanoseconds: header?.createdAtNanoseconds, size: size, fault: fault.description))
            }
        }
        return statistics
    }

    private func segmentFigures(_ file: SegmentFile, inUse: Bool, statistics: inout DataDirectoryStatistics) -> DataDirectoryStatistics.SegmentFigures {
        func unreadable(_ fault: String, state: SegmentState? = nil, created: UInt64? = nil) -> DataDirectoryStatistics.SegmentFigures {
            .init(file: file.path, state: state, firstSequence: file.firstSequence, lastSequence: nil, records: 0,
                  bytesUsed: 0, size: file.size, createdAtNanoseconds: created, fault: fault)
        }
        let segment: Segment
        do {
            guard let opened = try Segment.open(path: file.path, firstSequence: file.firstSequence, writable: false) else {
                return unreadable("shorter than a segment header")
            }
            segment = opened
        } catch {
            return unreadable(error.description)
        }
        let header: SegmentHeader
        do {
            header = try Self.readHeader(segment, inUse: inUse)
        } catch {
            return unreadable(Self.isNeverWritten(segment) ? "never finished being created" : "unreadable header: \(error)")
        }
        // Only whole commands count, as for `records`: a command's records
        // are tallied when its commit mark is seen.
        var pending: [(sequence: UInt64, timestamp: UInt64, type: UInt16)] = []
        var records = 0
        let summary = RecordScanner.scan(segment.bytes, firstSequence: header.firstSequence) { record in
            pending.append((record.header.sequence, record.header.timestampNanoseconds, record.header.type))
            guard record.header.flags.contains(.commit) else { return }
            for item in pending {
                statistics.recordsByType[item.type, default: 0] += 1
                if statistics.first == nil { statistics.first = .init(sequence: item.sequence, timestampNanoseconds: item.timestamp) }
            }
            if let last = pending.last { statistics.last = .init(sequence: last.sequence, timestampNanoseconds: last.timestamp) }
            records += pending.count
            pending.removeAll(keepingCapacity: true)
        }
        statistics.records += records
        statistics.recordBytes += summary.committedEnd - SegmentFormat.headerSize
        var fault: String?
        if case .damaged(let offset, let reason) = summary.stop {
            fault = "records stop at offset \(offset): \(reason)"
        }
        return .init(
            file: file.path, state: header.state, firstSequence: header.firstSequence,
            lastSequence: summary.lastCommittedSequence, records: records, bytesUsed: summary.committedEnd,
            size: file.size, createdAtNanoseconds: header.createdAtNanoseconds, fault: fault
        )
    }

    // MARK: Files

    struct SegmentFile {
        let path: String
        let firstSequence: UInt64
        let size: Int
    }

    struct SegmentListing {
        /// Segment files, by first sequence.
        var files: [SegmentFile]
        /// Paths of entries that are not named like segments.
        var strays: [String]
    }

    func listSegments() throws(InspectionError) -> SegmentListing {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: segmentsDirectory)
        } catch {
            throw InspectionError("cannot list \(segmentsDirectory): \(error)")
        }
        var listing = SegmentListing(files: [], strays: [])
        for name in names.sorted() {
            let path = segmentsDirectory + "/" + name
            guard let first = SegmentFormat.firstSequence(fromFileName: name) else {
                listing.strays.append(path)
                continue
            }
            listing.files.append(SegmentFile(path: path, firstSequence: first, size: Self.fileSize(path) ?? 0))
        }
        listing.files.sort { $0.firstSequence < $1.firstSequence }
        return listing
    }

    static func readHeader(_ segment: Segment, inUse: Bool) throws(SegmentHeader.DecodingFailure) -> SegmentHeader {
        do {
            return try segment.header()
        } catch {
            // corridord rewrites the 64-byte header when it seals or closes a
            // segment; a read racing that copy can see half of each. The copy
            // is one memcpy, so reading once more settles it.
            guard inUse else { throw error }
            return try segment.header()
        }
    }

    /// Shorter than a header, or zeros from end to end: created and never
    /// written. Recovery's test (LogRecovery.isNeverWritten): it removes such
    /// a last file, while a zeroed header in front of records is DATA_LOSS.
    static func isNeverWritten(_ path: String) -> Bool {
        let opened: Segment?
        do {
            opened = try Segment.open(path: path, firstSequence: 0, writable: false)
        } catch {
            return false  // reported when the segment itself is checked
        }
        guard let segment = opened else { return true }
        return isNeverWritten(segment)
    }

    static func isNeverWritten(_ segment: Segment) -> Bool {
        RecordScanner.lastNonZeroByte(in: segment.bytes, from: 0) == nil
    }

    /// "sequence 7" or "sequences 7-9".
    static func sequenceRange(_ first: UInt64, _ last: UInt64) -> String {
        first == last ? "sequence \(first)" : "sequences \(first)-\(last)"
    }

    /// "sequence 7 is missing" or "sequences 7-9 are missing".
    static func missingSequences(_ first: UInt64, _ last: UInt64) -> String {
        sequenceRange(first, last) + (first == last ? " is missing" : " are missing")
    }

    private static func fileType(_ path: String) -> Result<mode_t, Errno> {
        var status = stat()
        guard stat(path, &status) == 0 else { return .failure(Errno(rawValue: errno)) }
        return .success(status.st_mode & S_IFMT)
    }

    private static func fileSize(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_size)
    }

    private static func snapshotHeader(_ path: String) -> SnapshotHeader? {
        guard let descriptor = try? FileDescriptor.open(path, .readOnly, options: [.closeOnExec]) else { return nil }
        defer { try? descriptor.close() }
        var bytes = [UInt8](repeating: 0, count: SnapshotFormat.headerSize)
        guard let count = try? bytes.withUnsafeMutableBytes({ try descriptor.read(fromAbsoluteOffset: 0, into: $0) }) else { return nil }
        return bytes.prefix(count).withUnsafeBytes { try? SnapshotHeader(decoding: $0) }
    }

    private static func unreadable(_ path: String, _ error: Errno) -> InspectionError {
        if error == .permissionDenied {
            return InspectionError("cannot read \(path): permission denied. The data directory belongs to corridord's user; run as that user or root, e.g. `sudo -u corridor corridorctl inspect …`")
        }
        return InspectionError("cannot read \(path): \(error)")
    }
}

/// Where SegmentHeader's fields lie (SegmentHeader.encoded), for findings that point at them.
enum SegmentHeaderOffsets {
    static let state = 20
    static let firstSequence = 24
    static let durableLastSequence = 40
}

/// Committed records of a data directory, oldest first, copied out of
/// read-only mappings. Runs dry at the end of what is written; `next()`
/// called again later looks for more (tail --follow polls it).
public final class RecordCursor: Sequence, IteratorProtocol {
    private let inspector: DataDirectoryInspector
    private let lowerBound: UInt64
    private let upperBound: UInt64?
    private let types: Set<UInt16>?
    /// With corridord running, a torn record at the end of the last segment is a write in progress.
    private let inUse: Bool
    /// Records scanned per batch: bounds the memory of one `next()` refill.
    private let batchRecords = 4096

    private var files: [DataDirectoryInspector.SegmentFile] = []
    private var index = 0
    /// The segment being read: its mapping and its header.
    private var current: (segment: Segment, header: SegmentHeader)?
    /// Where the next unread record starts in the current segment, and its sequence.
    private var offset = SegmentFormat.headerSize
    private var expected: UInt64 = 0
    /// The segment before the current one ended in damage, so a gap is expected.
    private var previousDamaged = false
    private var failedToOpenIndex: Int?
    private var ready: [InspectedRecord] = []
    private var readyIndex = 0
    private var finished = false

    /// Damage met on the way (segments that ended badly, gaps between segments), in order.
    public private(set) var findings: [InspectionFinding] = []

    init(inspector: DataDirectoryInspector, lowerBound: UInt64, upperBound: UInt64?, types: Set<UInt16>?, inUse: Bool) {
        self.inspector = inspector
        self.lowerBound = Swift.max(1, lowerBound)
        self.upperBound = upperBound
        self.types = types
        self.inUse = inUse
        refreshFiles()
        // Start in the last segment that begins at or before the lower bound.
        index = files.lastIndex { $0.firstSequence <= self.lowerBound } ?? 0
        if let upperBound, upperBound < self.lowerBound { finished = true }
    }

    public func next() -> InspectedRecord? {
        while true {
            if readyIndex < ready.count {
                defer { readyIndex += 1 }
                return ready[readyIndex]
            }
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            if finished || !advance() { return nil }
        }
    }

    /// Reads the next batch into `ready`, or moves to the next segment.
    /// False when there is nothing more to read for now.
    private func advance() -> Bool {
        let successorKnown = index < files.count - 1
        guard let (segment, header) = current ?? openCurrent() else {
            if successorKnown {
                moveToNextSegment(damaged: true)
                return true
            }
            refreshFiles()
            return index < files.count - 1
        }
        let (released, stop) = scanBatch(segment, header: header)
        if released > 0 || stop == nil { return true }
        guard successorKnown else {
            // Dry for now. If a later segment has appeared, this one is
            // complete; look once more for records written before it was.
            refreshFiles()
            return index < files.count - 1
        }
        var damaged = false
        if let stop, case .damaged = stop { damaged = true }
        if let stop, stop.offset != offset { damaged = true }
        if damaged { reportDamage(segment) }
        moveToNextSegment(damaged: damaged)
        return true
    }

    private func openCurrent() -> (segment: Segment, header: SegmentHeader)? {
        guard index < files.count else { return nil }
        let file = files[index]
        let isLast = index == files.count - 1
        func fail(_ fault: String) -> (segment: Segment, header: SegmentHeader)? {
            // Reported once, not on every poll of the last segment.
            if failedToOpenIndex != index {
                failedToOpenIndex = index
                findings.append(InspectionFinding(severity: .error, file: file.path, offset: nil, fault: fault))
            }
            return nil
        }
        let opened: Segment
        do {
            guard let mapped = try Segment.open(path: file.path, firstSequence: file.firstSequence, writable: false) else {
                // The last one may be being created right now.
                return isLast ? nil : fail("shorter than a segment header; its records cannot be read")
            }
            opened = mapped
        } catch {
            return fail(error.description)
        }
        if isLast && DataDirectoryInspector.isNeverWritten(opened) { return nil }
        let header: SegmentHeader
        do {
            header = try DataDirectoryInspector.readHeader(opened, inUse: inUse)
        } catch {
            return fail("unreadable segment header: \(error); its records cannot be read")
        }
        if !previousDamaged && index > 0 && expected != 0 && header.firstSequence != expected {
            findings.append(InspectionFinding(
                severity: .error, file: file.path, offset: SegmentHeaderOffsets.firstSequence,
                fault: "starts at sequence \(header.firstSequence) where \(expected) was expected"
            ))
        }
        current = (opened, header)
        offset = SegmentFormat.headerSize
        expected = header.firstSequence
        return current
    }

    private func moveToNextSegment(damaged: Bool) {
        previousDamaged = damaged
        if let header = current?.header, header.state == .sealed, damaged {
            // The seal still says where the next segment must start.
            expected = header.durableLastSequence + 1
            previousDamaged = false
        }
        current = nil
        lastStop = nil
        lastUncommitted = 0
        index += 1
    }

    private struct BatchFull: Error {}

    /// Where the last scan of the current segment stopped, and how many
    /// records after the last commit mark it saw: what a segment that ends
    /// badly is reported with.
    private var lastStop: ScanStop?
    private var lastUncommitted = 0

    /// Scans from `offset` and releases the records of whole commands into
    /// `ready`. Returns how many records were scanned through a commit mark,
    /// and where the scan stopped (nil when the batch filled first).
    private func scanBatch(_ segment: Segment, header: SegmentHeader) -> (released: Int, stop: ScanStop?) {
        var pending: [RecordView] = []
        var released = 0
        do {
            let summary = try RecordScanner.scan(segment.bytes, firstSequence: header.firstSequence, start: (offset, expected)) { record in
                pending.append(record)
                guard record.header.flags.contains(.commit) else { return }
                for view in pending { release(view, file: segment.path) }
                released += pending.count
                pending.removeAll(keepingCapacity: true)
                offset = record.offset + SegmentFormat.paddedLength(payloadBytes: record.header.payloadLength)
                expected = record.header.sequence + 1
                if released >= batchRecords || finished { throw BatchFull() }
            }
            lastStop = summary.stop
            lastUncommitted = pending.count
            return (released, summary.stop)
        } catch {
            return (released, nil)
        }
    }

    private func release(_ view: RecordView, file: String) {
        let sequence = view.header.sequence
        if let upperBound, sequence > upperBound {
            finished = true
            return
        }
        guard sequence >= lowerBound else { return }
        if let types, !types.contains(view.header.type) { return }
        ready.append(InspectedRecord(view, file: file))
    }

    /// Once the cursor has run dry: where the last segment's readable records
    /// stop short of its written bytes, if they do. With corridord running
    /// that is usually a write in progress; otherwise a torn tail or damage
    /// (`verify` tells which).
    public func unreadTail() -> InspectionFinding? {
        guard let (segment, _) = current, index == files.count - 1 else { return nil }
        switch lastStop {
        case .damaged(let at, let reason):
            return InspectionFinding(severity: .warning, file: segment.path, offset: at, fault: "the readable records stop here: \(reason)")
        case .end where lastUncommitted > 0:
            return InspectionFinding(severity: .warning, file: segment.path, offset: offset, fault: "the readable records stop here: \(lastUncommitted) record(s) of an incomplete command follow")
        default:
            return nil
        }
    }

    /// A complete segment that ended in something other than a clean end
    /// after its last command.
    private func reportDamage(_ segment: Segment) {
        switch lastStop {
        case .damaged(let at, let reason):
            let skipped = lastUncommitted > 0 ? " (after \(lastUncommitted) record(s) of an incomplete command, also skipped)" : ""
            findings.append(InspectionFinding(severity: .error, file: segment.path, offset: at, fault: "damaged record: \(reason); the rest of this segment cannot be read\(skipped)"))
        case .end, nil:
            findings.append(InspectionFinding(severity: .error, file: segment.path, offset: offset, fault: "\(lastUncommitted) record(s) of an incomplete command skipped"))
        }
    }

    private func refreshFiles() {
        guard let listed = try? inspector.listSegments().files else { return }
        if files.isEmpty {
            files = listed
            return
        }
        // Only files after the current one matter; earlier ones are read.
        let current = files[Swift.min(index, files.count - 1)].firstSequence
        files = files.filter { $0.firstSequence <= current } + listed.filter { $0.firstSequence > current }
    }
}

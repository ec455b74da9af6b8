import CorridorModel
import CorridorStore
import Glibc
import Logging

/// The audit trail: its own append-only segment log in DATA_DIR/audit/, with
/// the event log's format, checksums, exact watermark and recovery
/// (docs/STORAGE.md, "The audit log"), but never replayed into the registry.
///
/// Every `record…` returns once its record is durable: a read's answer, a
/// refusal or an admin action's acknowledgement goes out only after the
/// record of it is on disk, so a crash never loses a record of something a
/// client was told. Concurrent records share one group commit (docs/AUDIT.md
/// gives the reasoning and the cost).
public final class AuditTrail: Sendable {
    /// The directory inside the data directory.
    public static let directoryName = "audit"
    /// Audit records are small (~100 bytes); a smaller segment than the event
    /// log's keeps a fresh trail from reserving 64 MiB.
    public static let maximumSegmentBytes = 16 * 1024 * 1024

    private let log: EventLog
    public let directory: String

    private init(log: EventLog, directory: String) {
        self.log = log
        self.directory = directory
    }

    /// Opens (or creates) `dataDirectory/audit` and recovers it as the event
    /// log is recovered: a torn tail is cut, damage below the watermark is
    /// DATA_LOSS unless `options.repair`. The caller holds the data
    /// directory's lock (the registry takes it), which covers this directory.
    public static func open(dataDirectory: String, options: StoreOptions = StoreOptions(), logger: Logger) throws -> (AuditTrail, RecoveryReport) {
        let directory = dataDirectory + "/" + directoryName
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw StoreError(.unwritable, "cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        var auditOptions = options
        auditOptions.segmentBytes = min(options.segmentBytes, maximumSegmentBytes)
        let (log, report) = try EventLog.open(directory: directory, options: auditOptions, logger: logger)
        return (AuditTrail(log: log, directory: directory), report)
    }

    // MARK: Recording

    /// Appends the records and returns once they are all durable. A trail
    /// that cannot write refuses (the store's error): the caller must then
    /// refuse what it was about to answer. The records are independent facts
    /// (one per case of a page), so a batch larger than a segment holds is
    /// appended in parts that each fit, and only the wait is shared.
    public func record(_ records: [AuditRecord]) async throws(StoreError) {
        guard !records.isEmpty else { return }
        let now = Self.unixNanoseconds()
        let capacity = log.options.segmentBytes - SegmentFormat.headerSize
        var last: UInt64 = 0
        var part: [PendingRecord] = []
        var partBytes = 0
        for record in records {
            let pending = PendingRecord(type: record.kind.rawValue, payload: record.payload(), timestampNanoseconds: now)
            let bytes = SegmentFormat.paddedLength(payloadBytes: pending.payload.count)
            if !part.isEmpty && partBytes + bytes > capacity {
                last = try log.append(part).upperBound
                part.removeAll(keepingCapacity: true)
                partBytes = 0
            }
            part.append(pending)
            partBytes += bytes
        }
        last = try log.append(part).upperBound
        try await log.waitUntilDurable(last)
    }

    /// An administrative action (reload, snapshot, repair, erasure, key
    /// rotation): `action` names it, `detail` says what it did or why.
    public func record(adminAction action: String, actor: Actor, caseID: String = "", detail: String = "") async throws(StoreError) {
        try await record([AuditRecord(kind: .adminAction, actor: actor, method: action, caseID: caseID, detail: detail)])
    }

    /// Responses that carry the personal part of `caseIDs` (one record per
    /// case, all durable together), through `method`.
    public func recordPersonalReads(actor: Actor, method: String, caseIDs: [String]) async throws(StoreError) {
        try await record(caseIDs.map { AuditRecord(kind: .personalRead, actor: actor, method: method, caseID: $0) })
    }

    /// The entry point for access enforcement: a call refused for who the
    /// caller is or the role they hold, recorded before the refusal is sent.
    /// `reason` is what the caller is told (or more).
    public func recordDenied(actor: Actor, method: String, reason: String, caseID: String = "") async throws(StoreError) {
        try await record([AuditRecord(kind: .denied, actor: actor, method: method, caseID: caseID, detail: reason)])
    }

    // MARK: Reading

    /// One page of the records `query` matches, oldest first, from
    /// `query.fromSequence`. Only durable records are seen.
    public func records(_ query: AuditQuery) throws(AuditDecodingError) -> AuditPage {
        var page: [AuditRecord] = []
        var failure: AuditDecodingError?
        var next: UInt64?
        log.read(from: query.fromSequence) { view in
            let record: AuditRecord
            do throws(AuditDecodingError) {
                record = try AuditRecord(type: view.header.type, sequence: view.header.sequence, timestampNs: view.header.timestampNanoseconds, payload: view.payload)
            } catch {
                failure = error
                return false
            }
            guard query.matches(record) else { return true }
            if page.count == query.limit {
                next = record.sequence
                return false
            }
            page.append(record)
            return true
        }
        if let failure { throw failure }
        return AuditPage(records: page, nextSequence: next)
    }

    /// The last sequence written, durable or not.
    public var lastSequence: UInt64 { log.lastSequence }

    /// How many syncs the trail has waited for since it opened: what an
    /// audited read costs, for System.Status and for the tests that keep a
    /// replay to one per burst.
    public var syncs: UInt64 { log.figures.syncs }

    /// Makes everything durable and closes the log cleanly.
    public func close() throws(StoreError) {
        try log.close()
    }

    static func unixNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}

extension Actor {
    /// The daemon itself, for what it does on its own or on a signal whose
    /// sender the kernel does not name (SIGHUP reload, scheduled snapshots,
    /// a repair at start).
    public static var daemon: Actor {
        let uid = getuid()
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 1024)
        let name = getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0 && result != nil
            ? entry.pw_name.map { String(cString: $0) } ?? "uid \(uid)" : "uid \(uid)"
        return Actor(uid: uid, userName: name, pid: getpid(), role: "daemon")
    }
}

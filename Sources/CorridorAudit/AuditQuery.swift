/// Which audit records a listing wants: a time range, a user, a case, kinds,
/// and a page. Every filter is optional; an empty query matches everything.
public struct AuditQuery: Sendable, Equatable {
    /// At or after this time, unix milliseconds (0: from the first record).
    public var sinceMs: UInt64 = 0
    /// Before this time, unix milliseconds (0: to the last record).
    public var untilMs: UInt64 = 0
    /// A user name, or a uid in decimal ("" for everyone).
    public var user: String = ""
    public var caseID: String = ""
    /// Empty: every kind.
    public var kinds: Set<AuditRecord.Kind> = []
    /// The first sequence to look at (from a previous page's token).
    public var fromSequence: UInt64 = 1
    public var limit: Int = AuditQuery.defaultPageSize

    public static let defaultPageSize = 100
    public static let maximumPageSize = 10_000

    public init() {}

    public func matches(_ record: AuditRecord) -> Bool {
        let atMs = record.recordedAtNs / 1_000_000
        if sinceMs > 0 && atMs < sinceMs { return false }
        if untilMs > 0 && atMs >= untilMs { return false }
        if !caseID.isEmpty && record.caseID != caseID { return false }
        if !kinds.isEmpty && !kinds.contains(record.kind) { return false }
        if !user.isEmpty && record.actor.userName != user && UInt32(user).map({ $0 != record.actor.uid }) ?? true { return false }
        return true
    }
}

/// One page of a listing: the records, and where the next page starts (nil
/// when there is no more).
public struct AuditPage: Sendable, Equatable {
    public var records: [AuditRecord]
    public var nextSequence: UInt64?

    public init(records: [AuditRecord], nextSequence: UInt64?) {
        self.records = records
        self.nextSequence = nextSequence
    }
}

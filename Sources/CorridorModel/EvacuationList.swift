public struct EvacuationList: Sendable, Hashable {
    public enum Status: String, Sendable, CaseIterable {
        case unspecified = "STATUS_UNSPECIFIED"
        case draft = "DRAFT"
        case submitted = "SUBMITTED"
        case approved = "APPROVED"
        case inProgress = "IN_PROGRESS"
        case closed = "CLOSED"
    }

    /// Chosen by the operator ("l-29-for-29").
    public var id: String
    public var title: String
    public var agreementID: String
    public var originSiteID: String
    public var quota: UInt32
    public var ruleIDs: [String]
    /// Whether companions take places of the quota.
    public var companionsCount: Bool
    public var status: Status
    /// The selection policy the entries come from ("priority-v1").
    public var policyVersion: String
    /// The parties whose approval the list needs (by default the agreement's
    /// parties with role PARTY), and those that have approved.
    public var requiredApprovals: [String]
    public var approvedBy: [String]
    /// The current version's entries, ranked.
    public var entries: [ListEntry]
    public var version: UInt32
    public var createdAtMs: UInt64
    /// The reason given when the list was closed.
    public var closedReason: String
    /// The date (YYYY-MM-DD, UTC) the last selection counted days waited to.
    public var selectedAsOf: String

    public init(
        id: String = "",
        title: String = "",
        agreementID: String = "",
        originSiteID: String = "",
        quota: UInt32 = 0,
        ruleIDs: [String] = [],
        companionsCount: Bool = false,
        status: Status = .unspecified,
        policyVersion: String = "",
        requiredApprovals: [String] = [],
        approvedBy: [String] = [],
        entries: [ListEntry] = [],
        version: UInt32 = 0,
        createdAtMs: UInt64 = 0,
        closedReason: String = "",
        selectedAsOf: String = ""
    ) {
        self.id = id
        self.title = title
        self.agreementID = agreementID
        self.originSiteID = originSiteID
        self.quota = quota
        self.ruleIDs = ruleIDs
        self.companionsCount = companionsCount
        self.status = status
        self.policyVersion = policyVersion
        self.requiredApprovals = requiredApprovals
        self.approvedBy = approvedBy
        self.entries = entries
        self.version = version
        self.createdAtMs = createdAtMs
        self.closedReason = closedReason
        self.selectedAsOf = selectedAsOf
    }
}

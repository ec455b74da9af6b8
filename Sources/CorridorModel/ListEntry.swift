/// One ranked entry of a list.
public struct ListEntry: Sendable, Hashable {
    public enum State: String, Sendable, CaseIterable {
        case unspecified = "STATE_UNSPECIFIED"
        /// On the list, counting against the quota.
        case active = "ACTIVE"
        /// Struck by a party; kept with who and why.
        case struck = "STRUCK"
        /// The case died, withdrew or was otherwise taken off; kept so the list
        /// still counts it (deaths while waiting on the list).
        case dropped = "DROPPED"
    }

    public var rank: UInt32
    public var caseID: String
    /// Why the entry is where it is ("URGENT; infant 6 months; waiting 41 days").
    public var explanation: String
    /// Companions that travel with this case; with companions_count they take
    /// places of the quota too.
    public var companionIDs: [String]
    public var state: State
    /// For STRUCK: the party that struck it and its reason; for DROPPED: why.
    public var struckBy: String
    public var reason: String
    /// The list version that added the entry.
    public var addedInVersion: UInt32
    /// Companions that left the entry (died, withdrew or went back to
    /// waiting), oldest first: no longer in `companionIDs`, no longer taking places.
    public var companionsLeft: [LeftCompanion]

    /// A companion that left the entry, and why ("DECEASED on 2026-11-20: shelling").
    public struct LeftCompanion: Sendable, Hashable {
        public var caseID: String
        public var reason: String

        public init(caseID: String = "", reason: String = "") {
            self.caseID = caseID
            self.reason = reason
        }
    }

    public init(
        rank: UInt32 = 0,
        caseID: String = "",
        explanation: String = "",
        companionIDs: [String] = [],
        state: State = .unspecified,
        struckBy: String = "",
        reason: String = "",
        addedInVersion: UInt32 = 0,
        companionsLeft: [LeftCompanion] = []
    ) {
        self.rank = rank
        self.caseID = caseID
        self.explanation = explanation
        self.companionIDs = companionIDs
        self.state = state
        self.struckBy = struckBy
        self.reason = reason
        self.addedInVersion = addedInVersion
        self.companionsLeft = companionsLeft
    }
}

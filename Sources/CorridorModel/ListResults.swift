// What the lists queries and the selection answer: a list's progress, the
// changes between two versions, the cases a selection left out.

public struct SelectListResponse: Sendable, Hashable {
    public var list: EvacuationList?
    public var leftOut: [LeftOutCase]
    public var considered: UInt32
    /// How many cases the selection left out in all (`leftOut` holds the first of them).
    public var leftOutTotal: UInt32
    /// The whole report counted by reason.
    public var leftOutCounts: [LeftOutCount]

    public init(
        list: EvacuationList? = nil, leftOut: [LeftOutCase] = [], considered: UInt32 = 0, leftOutTotal: UInt32 = 0,
        leftOutCounts: [LeftOutCount] = []
    ) {
        self.list = list
        self.leftOut = leftOut
        self.considered = considered
        self.leftOutTotal = leftOutTotal
        self.leftOutCounts = leftOutCounts
    }
}

/// How many cases one reason left out.
public struct LeftOutCount: Sendable, Hashable {
    /// "consent not given", "rule no-men-15-55 (imposed by gov)", "quota filled", …
    public var reason: String
    public var count: UInt32
    /// When a rule left them out: the rule and its imposing party.
    public var ruleID: String
    public var imposedBy: String

    public init(reason: String = "", count: UInt32 = 0, ruleID: String = "", imposedBy: String = "") {
        self.reason = reason
        self.count = count
        self.ruleID = ruleID
        self.imposedBy = imposedBy
    }
}

/// A list with its progress.
public struct ListSummary: Sendable, Hashable {
    public var list: EvacuationList?
    /// Active entries by their case's status.
    public var waiting: UInt32
    public var scheduled: UInt32
    public var inTransit: UInt32
    public var evacuated: UInt32
    public var died: UInt32
    public var withdrawn: UInt32
    public var struck: UInt32
    /// Places of the quota taken (entries plus companions when they count).
    public var placesTaken: UInt32
    /// Companions of active entries still on them, those of them EVACUATED,
    /// and the companions that left their entry (died, withdrew).
    public var companions: UInt32
    public var companionsEvacuated: UInt32
    public var companionsLeft: UInt32

    public init(
        list: EvacuationList? = nil,
        waiting: UInt32 = 0,
        scheduled: UInt32 = 0,
        inTransit: UInt32 = 0,
        evacuated: UInt32 = 0,
        died: UInt32 = 0,
        withdrawn: UInt32 = 0,
        struck: UInt32 = 0,
        placesTaken: UInt32 = 0,
        companions: UInt32 = 0,
        companionsEvacuated: UInt32 = 0,
        companionsLeft: UInt32 = 0
    ) {
        self.list = list
        self.waiting = waiting
        self.scheduled = scheduled
        self.inTransit = inTransit
        self.evacuated = evacuated
        self.died = died
        self.withdrawn = withdrawn
        self.struck = struck
        self.placesTaken = placesTaken
        self.companions = companions
        self.companionsEvacuated = companionsEvacuated
        self.companionsLeft = companionsLeft
    }
}

public struct ListEntryChange: Sendable, Hashable {
    public var caseID: String
    /// ADDED, REMOVED, MOVED (rank changed), CHANGED (state changed, or a
    /// companion left the entry).
    public var change: String
    public var fromRank: UInt32
    public var toRank: UInt32
    public var fromState: ListEntry.State
    public var toState: ListEntry.State
    public var reason: String

    public init(
        caseID: String = "",
        change: String = "",
        fromRank: UInt32 = 0,
        toRank: UInt32 = 0,
        fromState: ListEntry.State = .unspecified,
        toState: ListEntry.State = .unspecified,
        reason: String = ""
    ) {
        self.caseID = caseID
        self.change = change
        self.fromRank = fromRank
        self.toRank = toRank
        self.fromState = fromState
        self.toState = toState
        self.reason = reason
    }
}

public struct DiffListResponse: Sendable, Hashable {
    public var from: ListVersion?
    public var to: ListVersion?
    public var changes: [ListEntryChange]

    public init(from: ListVersion? = nil, to: ListVersion? = nil, changes: [ListEntryChange] = []) {
        self.from = from
        self.to = to
        self.changes = changes
    }
}

public struct LeftOutResponse: Sendable, Hashable {
    /// Rule- and consent-excluded cases first, then the rest by rank.
    public var leftOut: [LeftOutCase]
    public var considered: UInt32
    /// The whole report's length.
    public var leftOutTotal: UInt32
    /// The whole report counted by reason.
    public var leftOutCounts: [LeftOutCount]

    public init(leftOut: [LeftOutCase] = [], considered: UInt32 = 0, leftOutTotal: UInt32 = 0, leftOutCounts: [LeftOutCount] = []) {
        self.leftOut = leftOut
        self.considered = considered
        self.leftOutTotal = leftOutTotal
        self.leftOutCounts = leftOutCounts
    }
}

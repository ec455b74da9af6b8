// The events of lists (proto/corridor/v1/lists.proto). Each carries the record as it
// is after the change, so applying one is a replacement.

public struct ListCreated: Sendable, Hashable {
    public var list: EvacuationList?

    public init(list: EvacuationList? = nil) {
        self.list = list
    }
}

/// A selection ran: `list` holds the new version's entries.
public struct ListSelected: Sendable, Hashable {
    public var list: EvacuationList?
    /// How many waiting cases the selection considered and left out.
    public var considered: UInt32
    public var leftOut: UInt32

    public init(list: EvacuationList? = nil, considered: UInt32 = 0, leftOut: UInt32 = 0) {
        self.list = list
        self.considered = considered
        self.leftOut = leftOut
    }
}

public struct ListSubmitted: Sendable, Hashable {
    public var list: EvacuationList?

    public init(list: EvacuationList? = nil) {
        self.list = list
    }
}

public struct ListApproved: Sendable, Hashable {
    public var list: EvacuationList?
    public var partyID: String

    public init(list: EvacuationList? = nil, partyID: String = "") {
        self.list = list
        self.partyID = partyID
    }
}

public struct ListEntryStruck: Sendable, Hashable {
    public var list: EvacuationList?
    public var caseID: String
    public var partyID: String

    public init(list: EvacuationList? = nil, caseID: String = "", partyID: String = "") {
        self.list = list
        self.caseID = caseID
        self.partyID = partyID
    }
}

/// The list was filled back up to its quota from the next eligible cases.
public struct ListToppedUp: Sendable, Hashable {
    public var list: EvacuationList?
    public var addedCaseIDs: [String]

    public init(list: EvacuationList? = nil, addedCaseIDs: [String] = []) {
        self.list = list
        self.addedCaseIDs = addedCaseIDs
    }
}

/// IN_PROGRESS (first departure) or CLOSED.
public struct ListStatusChanged: Sendable, Hashable {
    public var list: EvacuationList?
    public var from: EvacuationList.Status
    public var to: EvacuationList.Status
    /// For CLOSED: the cases that went back to WAITING.
    public var returnedCaseIDs: [String]

    public init(
        list: EvacuationList? = nil,
        from: EvacuationList.Status = .unspecified,
        to: EvacuationList.Status = .unspecified,
        returnedCaseIDs: [String] = []
    ) {
        self.list = list
        self.from = from
        self.to = to
        self.returnedCaseIDs = returnedCaseIDs
    }
}

/// An entry left the list because its case died or withdrew; or, with
/// `companionOf` set, a companion (`caseID`) left the entry of `companionOf`
/// and its place of the quota is free.
public struct ListEntryDropped: Sendable, Hashable {
    public var list: EvacuationList?
    public var caseID: String
    public var companionOf: String

    public init(list: EvacuationList? = nil, caseID: String = "", companionOf: String = "") {
        self.list = list
        self.caseID = caseID
        self.companionOf = companionOf
    }
}

public struct RuleImposed: Sendable, Hashable {
    public var rule: EligibilityRule?

    public init(rule: EligibilityRule? = nil) {
        self.rule = rule
    }
}

public struct RuleLifted: Sendable, Hashable {
    public var rule: EligibilityRule?

    public init(rule: EligibilityRule? = nil) {
        self.rule = rule
    }
}

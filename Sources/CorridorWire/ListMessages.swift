import CorridorModel

// Requests and responses of proto/corridor/v1/lists.proto.

public struct CreateListRequest: ProtobufMessage, Hashable {
    /// `list.id`, `agreement_id`, `origin_site_id`, `quota` are required;
    /// `required_approvals` defaults to the agreement's parties with role PARTY.
    public var list: EvacuationList?

    public init(list: EvacuationList? = nil) {
        self.list = list
    }
}

public struct SelectListRequest: ProtobufMessage, Hashable {
    public var listID: String
    /// "" for the current policy.
    public var policyVersion: String
    /// The date (YYYY-MM-DD) ages and waiting times are computed at; "" for today.
    public var asOf: String

    public init(listID: String = "", policyVersion: String = "", asOf: String = "") {
        self.listID = listID
        self.policyVersion = policyVersion
        self.asOf = asOf
    }
}

public struct SelectListResponse: ProtobufMessage, Hashable {
    public var list: EvacuationList?
    public var leftOut: [LeftOutCase]
    public var considered: UInt32

    public init(list: EvacuationList? = nil, leftOut: [LeftOutCase] = [], considered: UInt32 = 0) {
        self.list = list
        self.leftOut = leftOut
        self.considered = considered
    }
}

public struct ListActionRequest: ProtobufMessage, Hashable {
    public var listID: String
    public var reason: String

    public init(listID: String = "", reason: String = "") {
        self.listID = listID
        self.reason = reason
    }
}

public struct ApproveListRequest: ProtobufMessage, Hashable {
    public var listID: String
    public var partyID: String

    public init(listID: String = "", partyID: String = "") {
        self.listID = listID
        self.partyID = partyID
    }
}

public struct StrikeEntryRequest: ProtobufMessage, Hashable {
    public var listID: String
    public var caseID: String
    public var partyID: String
    public var reason: String
    /// Fill the freed places from the next eligible cases in the same command.
    public var topUp: Bool

    public init(listID: String = "", caseID: String = "", partyID: String = "", reason: String = "", topUp: Bool = false) {
        self.listID = listID
        self.caseID = caseID
        self.partyID = partyID
        self.reason = reason
        self.topUp = topUp
    }
}

public struct ListListsRequest: ProtobufMessage, Hashable {
    public var agreementID: String
    public var status: EvacuationList.Status

    public init(agreementID: String = "", status: EvacuationList.Status = .unspecified) {
        self.agreementID = agreementID
        self.status = status
    }
}

/// A list with its progress.
public struct ListSummary: ProtobufMessage, Hashable {
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

    public init(
        list: EvacuationList? = nil,
        waiting: UInt32 = 0,
        scheduled: UInt32 = 0,
        inTransit: UInt32 = 0,
        evacuated: UInt32 = 0,
        died: UInt32 = 0,
        withdrawn: UInt32 = 0,
        struck: UInt32 = 0,
        placesTaken: UInt32 = 0
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
    }
}

public struct ListListsResponse: ProtobufMessage, Hashable {
    public var lists: [ListSummary]

    public init(lists: [ListSummary] = []) {
        self.lists = lists
    }
}

public struct GetListVersionRequest: ProtobufMessage, Hashable {
    public var listID: String
    public var version: UInt32

    public init(listID: String = "", version: UInt32 = 0) {
        self.listID = listID
        self.version = version
    }
}

public struct DiffListRequest: ProtobufMessage, Hashable {
    public var listID: String
    public var fromVersion: UInt32
    public var toVersion: UInt32

    public init(listID: String = "", fromVersion: UInt32 = 0, toVersion: UInt32 = 0) {
        self.listID = listID
        self.fromVersion = fromVersion
        self.toVersion = toVersion
    }
}

public struct ListEntryChange: ProtobufMessage, Hashable {
    public var caseID: String
    /// ADDED, REMOVED, MOVED (rank changed), CHANGED (state changed).
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

public struct DiffListResponse: ProtobufMessage, Hashable {
    public var from: ListVersion?
    public var to: ListVersion?
    public var changes: [ListEntryChange]

    public init(from: ListVersion? = nil, to: ListVersion? = nil, changes: [ListEntryChange] = []) {
        self.from = from
        self.to = to
        self.changes = changes
    }
}

public struct LeftOutRequest: ProtobufMessage, Hashable {
    public var listID: String

    public init(listID: String = "") {
        self.listID = listID
    }
}

public struct LeftOutResponse: ProtobufMessage, Hashable {
    public var leftOut: [LeftOutCase]
    public var considered: UInt32

    public init(leftOut: [LeftOutCase] = [], considered: UInt32 = 0) {
        self.leftOut = leftOut
        self.considered = considered
    }
}

public struct ImposeRuleRequest: ProtobufMessage, Hashable {
    public var rule: EligibilityRule?

    public init(rule: EligibilityRule? = nil) {
        self.rule = rule
    }
}

public struct LiftRuleRequest: ProtobufMessage, Hashable {
    public var ruleID: String
    public var reason: String

    public init(ruleID: String = "", reason: String = "") {
        self.ruleID = ruleID
        self.reason = reason
    }
}

public struct ListRulesRequest: ProtobufMessage, Hashable {
    public var imposedBy: String

    public init(imposedBy: String = "") {
        self.imposedBy = imposedBy
    }
}

public struct ListRulesResponse: ProtobufMessage, Hashable {
    public var rules: [EligibilityRule]

    public init(rules: [EligibilityRule] = []) {
        self.rules = rules
    }
}

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
    /// YYYY-MM-DD the days waited are counted to; "" for today (UTC).
    public var asOf: String

    public init(listID: String = "", policyVersion: String = "", asOf: String = "") {
        self.listID = listID
        self.policyVersion = policyVersion
        self.asOf = asOf
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

public struct LeftOutRequest: ProtobufMessage, Hashable {
    public var listID: String
    /// Rows per page (0: 1000; at most 10000), and how many rows to skip.
    public var limit: UInt32
    public var offset: UInt32

    public init(listID: String = "", limit: UInt32 = 0, offset: UInt32 = 0) {
        self.listID = listID
        self.limit = limit
        self.offset = offset
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

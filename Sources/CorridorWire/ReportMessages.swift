import CorridorModel

// Requests and responses of proto/corridor/v1/reports.proto.

/// Waiting cases, most urgent first, then longest waiting.
public struct WaitingCasesRequest: ProtobufMessage, Hashable {
    /// The site and the sites within it ("" for all).
    public var siteID: String
    /// Only this precedence, if set.
    public var precedence: Case.Precedence
    /// At most this many (default 100, at most 10000).
    public var limit: UInt32

    public init(siteID: String = "", precedence: Case.Precedence = .unspecified, limit: UInt32 = 0) {
        self.siteID = siteID
        self.precedence = precedence
        self.limit = limit
    }
}

public struct WaitingCaseRow: ProtobufMessage, Hashable {
    public var caseID: String
    public var siteID: String
    public var precedence: Case.Precedence
    public var daysWaited: UInt32
    public var status: Case.Status
    public var ageMonths: UInt32
    public var conditions: [Case.Condition]

    public init(
        caseID: String = "",
        siteID: String = "",
        precedence: Case.Precedence = .unspecified,
        daysWaited: UInt32 = 0,
        status: Case.Status = .unspecified,
        ageMonths: UInt32 = 0,
        conditions: [Case.Condition] = []
    ) {
        self.caseID = caseID
        self.siteID = siteID
        self.precedence = precedence
        self.daysWaited = daysWaited
        self.status = status
        self.ageMonths = ageMonths
        self.conditions = conditions
    }
}

public struct PrecedenceCount: ProtobufMessage, Hashable {
    public var precedence: Case.Precedence
    public var count: UInt32
    /// The longest wait among them, in days.
    public var longestWaitDays: UInt32

    public init(precedence: Case.Precedence = .unspecified, count: UInt32 = 0, longestWaitDays: UInt32 = 0) {
        self.precedence = precedence
        self.count = count
        self.longestWaitDays = longestWaitDays
    }
}

public struct WaitingCasesResponse: ProtobufMessage, Hashable {
    public var cases: [WaitingCaseRow]
    public var byPrecedence: [PrecedenceCount]
    public var total: UInt32

    public init(cases: [WaitingCaseRow] = [], byPrecedence: [PrecedenceCount] = [], total: UInt32 = 0) {
        self.cases = cases
        self.byPrecedence = byPrecedence
        self.total = total
    }
}

/// Deaths while waiting (cases that became DECEASED before they were evacuated).
public struct DeathsWhileWaitingRequest: ProtobufMessage, Hashable {
    public var siteID: String
    /// YYYY-MM-DD, inclusive; "" for open.
    public var from: String
    public var to: String

    public init(siteID: String = "", from: String = "", to: String = "") {
        self.siteID = siteID
        self.from = from
        self.to = to
    }
}

public struct DeathsAtSite: ProtobufMessage, Hashable {
    public var siteID: String
    public var count: UInt32
    public var caseIDs: [String]

    public init(siteID: String = "", count: UInt32 = 0, caseIDs: [String] = []) {
        self.siteID = siteID
        self.count = count
        self.caseIDs = caseIDs
    }
}

public struct DeathsWhileWaitingResponse: ProtobufMessage, Hashable {
    public var sites: [DeathsAtSite]
    public var total: UInt32

    public init(sites: [DeathsAtSite] = [], total: UInt32 = 0) {
        self.sites = sites
        self.total = total
    }
}

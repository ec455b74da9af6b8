// The daily questions' answers: waiting cases by precedence and days waited,
// deaths while waiting by site.

public struct WaitingCaseRow: Sendable, Hashable {
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

public struct PrecedenceCount: Sendable, Hashable {
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

public struct WaitingCasesResponse: Sendable, Hashable {
    public var cases: [WaitingCaseRow]
    public var byPrecedence: [PrecedenceCount]
    public var total: UInt32

    public init(cases: [WaitingCaseRow] = [], byPrecedence: [PrecedenceCount] = [], total: UInt32 = 0) {
        self.cases = cases
        self.byPrecedence = byPrecedence
        self.total = total
    }
}

public struct DeathsAtSite: Sendable, Hashable {
    public var siteID: String
    public var count: UInt32
    public var caseIDs: [String]

    public init(siteID: String = "", count: UInt32 = 0, caseIDs: [String] = []) {
        self.siteID = siteID
        self.count = count
        self.caseIDs = caseIDs
    }
}

public struct DeathsWhileWaitingResponse: Sendable, Hashable {
    public var sites: [DeathsAtSite]
    public var total: UInt32

    public init(sites: [DeathsAtSite] = [], total: UInt32 = 0) {
        self.sites = sites
        self.total = total
    }
}

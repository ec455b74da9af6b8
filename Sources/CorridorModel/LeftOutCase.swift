/// A waiting case at the origin that a selection left out, and what left it out.
public struct LeftOutCase: Sendable, Hashable {
    public var caseID: String
    /// The rule that left it out, if a rule did.
    public var ruleID: String
    /// The imposing party of that rule.
    public var imposedBy: String
    /// Its rank in the priority order, when only the quota left it out.
    public var rank: UInt32
    /// In words ("excluded by rule no-men-15-55 (government)", "rank 30; quota 29 filled").
    public var reason: String

    public init(caseID: String = "", ruleID: String = "", imposedBy: String = "", rank: UInt32 = 0, reason: String = "") {
        self.caseID = caseID
        self.ruleID = ruleID
        self.imposedBy = imposedBy
        self.rank = rank
        self.reason = reason
    }
}

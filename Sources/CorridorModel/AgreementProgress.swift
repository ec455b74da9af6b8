// An agreement's progress per term, derived from movements and recorded fulfilments.

public struct TermProgress: Sendable, Hashable {
    public var term: Agreement.Term?
    public var done: UInt32
    public var target: UInt32
    /// Where `done` comes from ("cases evacuated by movements of this agreement").
    public var source: String

    public init(term: Agreement.Term? = nil, done: UInt32 = 0, target: UInt32 = 0, source: String = "") {
        self.term = term
        self.done = done
        self.target = target
        self.source = source
    }
}

public struct AgreementProgress: Sendable, Hashable {
    public var agreement: Agreement?
    public var terms: [TermProgress]
    /// Every term has reached its target.
    public var allMet: Bool

    public init(agreement: Agreement? = nil, terms: [TermProgress] = [], allMet: Bool = false) {
        self.agreement = agreement
        self.terms = terms
        self.allMet = allMet
    }
}

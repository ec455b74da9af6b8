public struct Agreement: Sendable, Hashable {
    public enum Status: String, Sendable, CaseIterable {
        case unspecified = "STATUS_UNSPECIFIED"
        case negotiating = "NEGOTIATING"
        case agreed = "AGREED"
        case implementing = "IMPLEMENTING"
        case completed = "COMPLETED"
        case suspended = "SUSPENDED"
        case collapsed = "COLLAPSED"
    }

    public enum Role: String, Sendable, CaseIterable {
        case unspecified = "ROLE_UNSPECIFIED"
        case party = "PARTY"
        case mediator = "MEDIATOR"
        case facilitator = "FACILITATOR"
        case guarantor = "GUARANTOR"
        case monitor = "MONITOR"
    }

    /// What a term counts, and so where its progress comes from.
    public enum Measure: String, Sendable, CaseIterable {
        case unspecified = "MEASURE_UNSPECIFIED"
        /// Cases EVACUATED by the agreement's movements (through `list_id` if set).
        case evacuations = "EVACUATIONS"
        /// Counted, not registered: from recorded fulfilment counts.
        case detaineeReleases = "DETAINEE_RELEASES"
        /// Anything else counted: from recorded fulfilment counts.
        case otherCount = "OTHER_COUNT"
    }

    /// Whom an EVACUATIONS term counts.
    public enum Counting: String, Sendable, CaseIterable {
        /// As `cases`: what terms recorded before the choice existed count.
        case unspecified = "COUNTING_UNSPECIFIED"
        /// The cases of list entries; their companions do not count.
        case cases = "CASES"
        /// Everyone evacuated: the entries' cases and their companions.
        case people = "PEOPLE"
    }

    public struct PartyRole: Sendable, Hashable {
        public var partyID: String
        public var role: Role

        public init(partyID: String = "", role: Role = .unspecified) {
            self.partyID = partyID
            self.role = role
        }
    }

    /// A counted obligation ("the armed group releases 29 detainees").
    public struct Term: Sendable, Hashable {
        /// Short, unique within the agreement ("releases").
        public var id: String
        public var description: String
        /// The party that owes it.
        public var obligorID: String
        public var measure: Measure
        public var target: UInt32
        /// For EVACUATIONS: only evacuations from this list count.
        public var listID: String
        /// For counted terms: the sum of recorded fulfilments.
        public var fulfilled: UInt32
        /// For EVACUATIONS: cases or people (cases plus companions).
        public var counting: Counting

        public init(
            id: String = "",
            description: String = "",
            obligorID: String = "",
            measure: Measure = .unspecified,
            target: UInt32 = 0,
            listID: String = "",
            fulfilled: UInt32 = 0,
            counting: Counting = .unspecified
        ) {
            self.id = id
            self.description = description
            self.obligorID = obligorID
            self.measure = measure
            self.target = target
            self.listID = listID
            self.fulfilled = fulfilled
            self.counting = counting
        }
    }

    /// Chosen by the operator ("a-29-for-29").
    public var id: String
    public var title: String
    public var parties: [PartyRole]
    public var terms: [Term]
    /// YYYY-MM-DD; agreed and implementation started can be months apart.
    public var agreedOn: String
    public var implementationStartedOn: String
    public var status: Status
    public var statusReason: String

    public init(
        id: String = "",
        title: String = "",
        parties: [PartyRole] = [],
        terms: [Term] = [],
        agreedOn: String = "",
        implementationStartedOn: String = "",
        status: Status = .unspecified,
        statusReason: String = ""
    ) {
        self.id = id
        self.title = title
        self.parties = parties
        self.terms = terms
        self.agreedOn = agreedOn
        self.implementationStartedOn = implementationStartedOn
        self.status = status
        self.statusReason = statusReason
    }
}

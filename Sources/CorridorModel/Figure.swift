public struct Figure: Sendable, Hashable {
    public enum SubjectKind: String, Sendable, CaseIterable {
        case unspecified = "SUBJECT_KIND_UNSPECIFIED"
        case site = "SITE"
        case agreement = "AGREEMENT"
        case movement = "MOVEMENT"
        /// A named event ("the 2018-02 offensive"): subject_id is its name.
        case namedEvent = "NAMED_EVENT"
    }

    public enum Measure: String, Sendable, CaseIterable {
        case unspecified = "MEASURE_UNSPECIFIED"
        case killed = "KILLED"
        case injured = "INJURED"
        case population = "POPULATION"
        case children = "CHILDREN"
        case trapped = "TRAPPED"
        case needingEvacuation = "NEEDING_EVACUATION"
        case evacuated = "EVACUATED"
        case detaineesReleased = "DETAINEES_RELEASED"
        case diedWhileWaiting = "DIED_WHILE_WAITING"
        case peopleServed = "PEOPLE_SERVED"
        /// Combatants.
        case fighters = "FIGHTERS"
        case families = "FAMILIES"
        case woundedEvacuated = "WOUNDED_EVACUATED"
        case bodiesRecovered = "BODIES_RECOVERED"
    }

    public enum Qualifier: String, Sendable, CaseIterable {
        case unspecified = "QUALIFIER_UNSPECIFIED"
        case exact = "EXACT"
        case about = "ABOUT"
        case almost = "ALMOST"
        case atLeast = "AT_LEAST"
        case moreThan = "MORE_THAN"
        case upTo = "UP_TO"
    }

    /// Assigned by the registry ("F-000001").
    public var id: String
    public var subjectKind: SubjectKind
    public var subjectID: String
    public var measure: Measure
    /// A single value has low == high.
    public var low: UInt64
    public var high: UInt64
    public var qualifier: Qualifier
    /// YYYY-MM-DD, or the period's first day with as_of_end its last.
    public var asOf: String
    public var asOfEnd: String
    /// Every party that reported it: one, or several for a joint statement,
    /// in the order given. A figure recorded before joint figures has one.
    public var sourcePartyIDs: [String]
    /// Where it was reported (a publication, a briefing, a URL).
    public var reportedIn: String
    public var note: String
    public var recordedAtMs: UInt64

    public init(
        id: String = "",
        subjectKind: SubjectKind = .unspecified,
        subjectID: String = "",
        measure: Measure = .unspecified,
        low: UInt64 = 0,
        high: UInt64 = 0,
        qualifier: Qualifier = .unspecified,
        asOf: String = "",
        asOfEnd: String = "",
        sourcePartyIDs: [String] = [],
        reportedIn: String = "",
        note: String = "",
        recordedAtMs: UInt64 = 0
    ) {
        self.id = id
        self.subjectKind = subjectKind
        self.subjectID = subjectID
        self.measure = measure
        self.low = low
        self.high = high
        self.qualifier = qualifier
        self.asOf = asOf
        self.asOfEnd = asOfEnd
        self.sourcePartyIDs = sourcePartyIDs
        self.reportedIn = reportedIn
        self.note = note
        self.recordedAtMs = recordedAtMs
    }
}

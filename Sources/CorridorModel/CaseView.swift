// A case as queries answer it, a page of them, and one event of a record's
// history or of the watch stream: results the registry returns.

/// A case as queries return it: both parts and how long it has waited.
public struct CaseView: Sendable, Hashable {
    // Optional<…>, not `Case?`: see Event.actor.
    public var `case`: Optional<Case>
    public var personal: Optional<CasePersonal>
    public var daysWaiting: UInt32
    public init(case: Case?, personal: CasePersonal?, daysWaiting: UInt32) {
        self.case = `case`
        self.personal = personal
        self.daysWaiting = daysWaiting
    }
}

public struct ListCasesResponse: Sendable, Hashable {
    public var cases: [CaseView]
    public var nextPageToken: String
    public var total: UInt32
    public init(cases: [CaseView], nextPageToken: String, total: UInt32) {
        self.cases = cases
        self.nextPageToken = nextPageToken
        self.total = total
    }
}

/// One event of a record's history, or of the watch stream.
public struct RecordedEvent: Sendable, Hashable {
    public var sequence: UInt64
    public var recordedAtNs: UInt64
    public var event: Event?
    public init(sequence: UInt64, recordedAtNs: UInt64, event: Event?) {
        self.sequence = sequence
        self.recordedAtNs = recordedAtNs
        self.event = event
    }
}

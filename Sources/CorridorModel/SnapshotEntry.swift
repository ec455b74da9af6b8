// The entries of a snapshot (proto/corridor/v1/snapshot.proto): the state
// one record at a time, each with the sequence numbers of its events. The
// registry builds them; a RecordCoding turns each into bytes and back.

/// One entry of a snapshot: exactly one of these (a oneof in snapshot.proto).
public enum SnapshotEntry: Sendable, Hashable {
    case party(PartyEntry)
    case site(SiteEntry)
    case caseEntry(CaseEntry)
    case counters(RegistryCounters)
    case rule(RuleEntry)
    case list(ListEntryRecord)
    case agreement(AgreementEntry)
    case window(WindowEntry)
    case movement(MovementEntry)
    case figure(FigureEntry)
}



public struct PartyEntry: Sendable, Hashable {
    public var party: Party?
    public var history: [UInt64]
    public init(party: Party?, history: [UInt64]) {
        self.party = party
        self.history = history
    }
}

public struct SiteEntry: Sendable, Hashable {
    public var site: Site?
    public var history: [UInt64]
    public init(site: Site?, history: [UInt64]) {
        self.site = site
        self.history = history
    }
}

public struct CaseEntry: Sendable, Hashable {
    public var `case`: Case?
    public var personal: CasePersonal?
    public var history: [UInt64]
    public init(case: Case?, personal: CasePersonal?, history: [UInt64]) {
        self.case = `case`
        self.personal = personal
        self.history = history
    }
}

public struct RegistryCounters: Sendable, Hashable {
    public var nextCaseNumber: UInt64
    public var nextFigureNumber: UInt64
    public init(nextCaseNumber: UInt64, nextFigureNumber: UInt64) {
        self.nextCaseNumber = nextCaseNumber
        self.nextFigureNumber = nextFigureNumber
    }
}

public struct RuleEntry: Sendable, Hashable {
    public var rule: EligibilityRule?
    public var history: [UInt64]
    public init(rule: EligibilityRule?, history: [UInt64]) {
        self.rule = rule
        self.history = history
    }
}

/// A list with every version it has had.
public struct ListEntryRecord: Sendable, Hashable {
    public var list: EvacuationList?
    public var versions: [ListVersion]
    public var history: [UInt64]
    public init(list: EvacuationList?, versions: [ListVersion], history: [UInt64]) {
        self.list = list
        self.versions = versions
        self.history = history
    }
}

public struct AgreementEntry: Sendable, Hashable {
    public var agreement: Agreement?
    public var history: [UInt64]
    public init(agreement: Agreement?, history: [UInt64]) {
        self.agreement = agreement
        self.history = history
    }
}

public struct WindowEntry: Sendable, Hashable {
    public var window: AccessWindow?
    public var history: [UInt64]
    public init(window: AccessWindow?, history: [UInt64]) {
        self.window = window
        self.history = history
    }
}

public struct MovementEntry: Sendable, Hashable {
    public var movement: Movement?
    public var history: [UInt64]
    public init(movement: Movement?, history: [UInt64]) {
        self.movement = movement
        self.history = history
    }
}

public struct FigureEntry: Sendable, Hashable {
    public var figure: Figure?
    public var history: [UInt64]
    public init(figure: Figure?, history: [UInt64]) {
        self.figure = figure
        self.history = history
    }
}

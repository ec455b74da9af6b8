internal import CCorridorProto
import CorridorModel

// The entries of a snapshot file (proto/corridor/v1/snapshot.proto).

public struct SnapshotEntry: ProtobufMessage, Equatable {
    public var party: PartyEntry?
    public var site: SiteEntry?
    public var caseEntry: CaseEntry?
    public var counters: RegistryCounters?
    public var rule: RuleEntry?
    public var list: ListEntryRecord?
    public var agreement: AgreementEntry?
    public var window: WindowEntry?
    public var movement: MovementEntry?
    public var figure: FigureEntry?

    public init(
        party: PartyEntry? = nil, site: SiteEntry? = nil, caseEntry: CaseEntry? = nil, counters: RegistryCounters? = nil,
        rule: RuleEntry? = nil, list: ListEntryRecord? = nil, agreement: AgreementEntry? = nil, window: WindowEntry? = nil,
        movement: MovementEntry? = nil, figure: FigureEntry? = nil
    ) {
        self.party = party
        self.site = site
        self.caseEntry = caseEntry
        self.counters = counters
        self.rule = rule
        self.list = list
        self.agreement = agreement
        self.window = window
        self.movement = movement
        self.figure = figure
    }

    public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__snapshot_entry__init)
}

public struct PartyEntry: Codable, Sendable, Equatable {
    public var party: Party?
    public var history: [UInt64]
    public init(party: Party, history: [UInt64]) {
        self.party = party
        self.history = history
    }
}

public struct SiteEntry: Codable, Sendable, Equatable {
    public var site: Site?
    public var history: [UInt64]
    public init(site: Site, history: [UInt64]) {
        self.site = site
        self.history = history
    }
}

public struct CaseEntry: Codable, Sendable, Equatable {
    public var `case`: Case?
    public var personal: CasePersonal?
    public var history: [UInt64]
    public init(case: Case, personal: CasePersonal?, history: [UInt64]) {
        self.case = `case`
        self.personal = personal
        self.history = history
    }
}

public struct RegistryCounters: Codable, Sendable, Equatable {
    public var nextCaseNumber: UInt64
    public var nextFigureNumber: UInt64
    public init(nextCaseNumber: UInt64, nextFigureNumber: UInt64) {
        self.nextCaseNumber = nextCaseNumber
        self.nextFigureNumber = nextFigureNumber
    }
}

public struct RuleEntry: Codable, Sendable, Equatable {
    public var rule: EligibilityRule?
    public var history: [UInt64]
    public init(rule: EligibilityRule, history: [UInt64]) {
        self.rule = rule
        self.history = history
    }
}

/// A list with every version it has had.
public struct ListEntryRecord: Codable, Sendable, Equatable {
    public var list: EvacuationList?
    public var versions: [ListVersion]
    public var history: [UInt64]
    public init(list: EvacuationList, versions: [ListVersion], history: [UInt64]) {
        self.list = list
        self.versions = versions
        self.history = history
    }
}

public struct AgreementEntry: Codable, Sendable, Equatable {
    public var agreement: Agreement?
    public var history: [UInt64]
    public init(agreement: Agreement, history: [UInt64]) {
        self.agreement = agreement
        self.history = history
    }
}

public struct WindowEntry: Codable, Sendable, Equatable {
    public var window: AccessWindow?
    public var history: [UInt64]
    public init(window: AccessWindow, history: [UInt64]) {
        self.window = window
        self.history = history
    }
}

public struct MovementEntry: Codable, Sendable, Equatable {
    public var movement: Movement?
    public var history: [UInt64]
    public init(movement: Movement, history: [UInt64]) {
        self.movement = movement
        self.history = history
    }
}

public struct FigureEntry: Codable, Sendable, Equatable {
    public var figure: Figure?
    public var history: [UInt64]
    public init(figure: Figure, history: [UInt64]) {
        self.figure = figure
        self.history = history
    }
}

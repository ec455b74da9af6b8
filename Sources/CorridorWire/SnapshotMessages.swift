internal import CCorridorProto
import CorridorModel

// The entries of a snapshot file (proto/corridor/v1/snapshot.proto).

public struct SnapshotEntry: ProtobufMessage, Equatable {
    public var party: PartyEntry?
    public var site: SiteEntry?
    public var caseEntry: CaseEntry?
    public var counters: RegistryCounters?

    public init(party: PartyEntry? = nil, site: SiteEntry? = nil, caseEntry: CaseEntry? = nil, counters: RegistryCounters? = nil) {
        self.party = party
        self.site = site
        self.caseEntry = caseEntry
        self.counters = counters
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
    public init(nextCaseNumber: UInt64) { self.nextCaseNumber = nextCaseNumber }
}

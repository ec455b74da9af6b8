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

/// A snapshot entry none of whose kinds this build knows.
public struct UnknownSnapshotEntryKind: Error, Sendable, Hashable, CustomStringConvertible {
    public init() {}

    public var description: String { "a snapshot entry of an unknown kind (none of the kinds this build knows is set)" }
}

// Codable as CorridorWire's run-time coder reads and writes it: one optional
// property per case, named as snapshot.proto's oneof fields, as the
// synthesized Codable of the struct this replaces wrote them.
extension SnapshotEntry: Codable {
    enum CodingKeys: String, CodingKey {
        case party
        case site
        case caseEntry
        case counters
        case rule
        case list
        case agreement
        case window
        case movement
        case figure
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let value = try container.decodeIfPresent(PartyEntry.self, forKey: .party) {
            self = .party(value)
        } else if let value = try container.decodeIfPresent(SiteEntry.self, forKey: .site) {
            self = .site(value)
        } else if let value = try container.decodeIfPresent(CaseEntry.self, forKey: .caseEntry) {
            self = .caseEntry(value)
        } else if let value = try container.decodeIfPresent(RegistryCounters.self, forKey: .counters) {
            self = .counters(value)
        } else if let value = try container.decodeIfPresent(RuleEntry.self, forKey: .rule) {
            self = .rule(value)
        } else if let value = try container.decodeIfPresent(ListEntryRecord.self, forKey: .list) {
            self = .list(value)
        } else if let value = try container.decodeIfPresent(AgreementEntry.self, forKey: .agreement) {
            self = .agreement(value)
        } else if let value = try container.decodeIfPresent(WindowEntry.self, forKey: .window) {
            self = .window(value)
        } else if let value = try container.decodeIfPresent(MovementEntry.self, forKey: .movement) {
            self = .movement(value)
        } else if let value = try container.decodeIfPresent(FigureEntry.self, forKey: .figure) {
            self = .figure(value)
        } else {
            throw UnknownSnapshotEntryKind()
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .party(let value): try container.encode(value, forKey: .party)
        case .site(let value): try container.encode(value, forKey: .site)
        case .caseEntry(let value): try container.encode(value, forKey: .caseEntry)
        case .counters(let value): try container.encode(value, forKey: .counters)
        case .rule(let value): try container.encode(value, forKey: .rule)
        case .list(let value): try container.encode(value, forKey: .list)
        case .agreement(let value): try container.encode(value, forKey: .agreement)
        case .window(let value): try container.encode(value, forKey: .window)
        case .movement(let value): try container.encode(value, forKey: .movement)
        case .figure(let value): try container.encode(value, forKey: .figure)
        }
    }
}

public struct PartyEntry: Codable, Sendable, Hashable {
    public var party: Party?
    public var history: [UInt64]
    public init(party: Party?, history: [UInt64]) {
        self.party = party
        self.history = history
    }
}

public struct SiteEntry: Codable, Sendable, Hashable {
    public var site: Site?
    public var history: [UInt64]
    public init(site: Site?, history: [UInt64]) {
        self.site = site
        self.history = history
    }
}

public struct CaseEntry: Codable, Sendable, Hashable {
    public var `case`: Case?
    public var personal: CasePersonal?
    public var history: [UInt64]
    public init(case: Case?, personal: CasePersonal?, history: [UInt64]) {
        self.case = `case`
        self.personal = personal
        self.history = history
    }
}

public struct RegistryCounters: Codable, Sendable, Hashable {
    public var nextCaseNumber: UInt64
    public var nextFigureNumber: UInt64
    public init(nextCaseNumber: UInt64, nextFigureNumber: UInt64) {
        self.nextCaseNumber = nextCaseNumber
        self.nextFigureNumber = nextFigureNumber
    }
}

public struct RuleEntry: Codable, Sendable, Hashable {
    public var rule: EligibilityRule?
    public var history: [UInt64]
    public init(rule: EligibilityRule?, history: [UInt64]) {
        self.rule = rule
        self.history = history
    }
}

/// A list with every version it has had.
public struct ListEntryRecord: Codable, Sendable, Hashable {
    public var list: EvacuationList?
    public var versions: [ListVersion]
    public var history: [UInt64]
    public init(list: EvacuationList?, versions: [ListVersion], history: [UInt64]) {
        self.list = list
        self.versions = versions
        self.history = history
    }
}

public struct AgreementEntry: Codable, Sendable, Hashable {
    public var agreement: Agreement?
    public var history: [UInt64]
    public init(agreement: Agreement?, history: [UInt64]) {
        self.agreement = agreement
        self.history = history
    }
}

public struct WindowEntry: Codable, Sendable, Hashable {
    public var window: AccessWindow?
    public var history: [UInt64]
    public init(window: AccessWindow?, history: [UInt64]) {
        self.window = window
        self.history = history
    }
}

public struct MovementEntry: Codable, Sendable, Hashable {
    public var movement: Movement?
    public var history: [UInt64]
    public init(movement: Movement?, history: [UInt64]) {
        self.movement = movement
        self.history = history
    }
}

public struct FigureEntry: Codable, Sendable, Hashable {
    public var figure: Figure?
    public var history: [UInt64]
    public init(figure: Figure?, history: [UInt64]) {
        self.figure = figure
        self.history = history
    }
}

/// Who did something, from the socket's peer credentials and the call.
public struct Actor: Codable, Sendable, Hashable {
    public var uid: UInt32
    public var userName: String
    public var pid: Int32
    public var role: String
    public var requestID: String

    public init(uid: UInt32, userName: String, pid: Int32, role: String = "", requestID: String = "") {
        self.uid = uid
        self.userName = userName
        self.pid = pid
        self.role = role
        self.requestID = requestID
    }
}

/// One change to the registry, as it is stored in the event log.
public struct Event: Codable, Sendable, Hashable {
    public var actor: Actor?
    public var reason: String
    public var atMs: UInt64
    // The kind: exactly one of these is set (a oneof in events.proto).
    public var partyRegistered: PartyRegistered?
    public var partyUpdated: PartyUpdated?
    public var siteRegistered: SiteRegistered?
    public var siteUpdated: SiteUpdated?
    public var crossingStatusChanged: CrossingStatusChanged?
    public var caseRegistered: CaseRegistered?
    public var caseUpdated: CaseUpdated?
    public var casePersonalUpdated: CasePersonalUpdated?
    public var caseStatusChanged: CaseStatusChanged?

    public init(actor: Actor?, reason: String = "", atMs: UInt64, _ kind: EventKind) {
        self.actor = actor
        self.reason = reason
        self.atMs = atMs
        switch kind {
        case .partyRegistered(let value): partyRegistered = value
        case .partyUpdated(let value): partyUpdated = value
        case .siteRegistered(let value): siteRegistered = value
        case .siteUpdated(let value): siteUpdated = value
        case .crossingStatusChanged(let value): crossingStatusChanged = value
        case .caseRegistered(let value): caseRegistered = value
        case .caseUpdated(let value): caseUpdated = value
        case .casePersonalUpdated(let value): casePersonalUpdated = value
        case .caseStatusChanged(let value): caseStatusChanged = value
        }
    }

    /// The kind that is set; nil for an event of a kind this build does not know.
    public var kind: EventKind? {
        if let value = partyRegistered { return .partyRegistered(value) }
        if let value = partyUpdated { return .partyUpdated(value) }
        if let value = siteRegistered { return .siteRegistered(value) }
        if let value = siteUpdated { return .siteUpdated(value) }
        if let value = crossingStatusChanged { return .crossingStatusChanged(value) }
        if let value = caseRegistered { return .caseRegistered(value) }
        if let value = caseUpdated { return .caseUpdated(value) }
        if let value = casePersonalUpdated { return .casePersonalUpdated(value) }
        if let value = caseStatusChanged { return .caseStatusChanged(value) }
        return nil
    }
}

public enum EventKind: Sendable, Hashable {
    case partyRegistered(PartyRegistered)
    case partyUpdated(PartyUpdated)
    case siteRegistered(SiteRegistered)
    case siteUpdated(SiteUpdated)
    case crossingStatusChanged(CrossingStatusChanged)
    case caseRegistered(CaseRegistered)
    case caseUpdated(CaseUpdated)
    case casePersonalUpdated(CasePersonalUpdated)
    case caseStatusChanged(CaseStatusChanged)

    /// The record type in the event log: the field number of the kind in
    /// events.proto's oneof, stable across versions.
    public var recordType: UInt16 {
        switch self {
        case .partyRegistered: 10
        case .partyUpdated: 11
        case .siteRegistered: 20
        case .siteUpdated: 21
        case .crossingStatusChanged: 22
        case .caseRegistered: 30
        case .caseUpdated: 31
        case .casePersonalUpdated: 32
        case .caseStatusChanged: 33
        }
    }

    /// The name used by `inspect dump --type` and watch filters, e.g. `case_registered`.
    public static let namesByRecordType: [UInt16: String] = [
        10: "party_registered", 11: "party_updated",
        20: "site_registered", 21: "site_updated", 22: "crossing_status_changed",
        30: "case_registered", 31: "case_updated", 32: "case_personal_updated", 33: "case_status_changed",
    ]

    public var name: String { Self.namesByRecordType[recordType] ?? "unknown" }

    /// What kind of record the event is about, and which one.
    public var subject: (kind: RecordKind, id: String) {
        switch self {
        case .partyRegistered(let event): (.party, event.party?.id ?? "")
        case .partyUpdated(let event): (.party, event.party?.id ?? "")
        case .siteRegistered(let event): (.site, event.site?.id ?? "")
        case .siteUpdated(let event): (.site, event.site?.id ?? "")
        case .crossingStatusChanged(let event): (.site, event.siteID)
        case .caseRegistered(let event): (.case, event.case?.id ?? "")
        case .caseUpdated(let event): (.case, event.case?.id ?? "")
        case .casePersonalUpdated(let event): (.case, event.caseID)
        case .caseStatusChanged(let event): (.case, event.caseID)
        }
    }
}

/// The kinds of record events are about; watch filters by these names.
public enum RecordKind: String, Sendable, CaseIterable, Codable {
    case party
    case site
    case `case`
}

public struct PartyRegistered: Codable, Sendable, Hashable {
    public var party: Party?
    public init(party: Party) { self.party = party }
}

public struct PartyUpdated: Codable, Sendable, Hashable {
    public var party: Party?
    public var changedFields: [String]
    public init(party: Party, changedFields: [String]) {
        self.party = party
        self.changedFields = changedFields
    }
}

public struct SiteRegistered: Codable, Sendable, Hashable {
    public var site: Site?
    public init(site: Site) { self.site = site }
}

public struct SiteUpdated: Codable, Sendable, Hashable {
    public var site: Site?
    public var changedFields: [String]
    public init(site: Site, changedFields: [String]) {
        self.site = site
        self.changedFields = changedFields
    }
}

public struct CrossingStatusChanged: Codable, Sendable, Hashable {
    public var siteID: String
    public var from: Site.CrossingStatus
    public var to: Site.CrossingStatus
    public init(siteID: String, from: Site.CrossingStatus, to: Site.CrossingStatus) {
        self.siteID = siteID
        self.from = from
        self.to = to
    }
}

public struct CaseRegistered: Codable, Sendable, Hashable {
    public var `case`: Case?
    public var personal: CasePersonal?
    public init(case: Case, personal: CasePersonal?) {
        self.case = `case`
        self.personal = personal
    }
}

public struct CaseUpdated: Codable, Sendable, Hashable {
    public var `case`: Case?
    public var changedFields: [String]
    public init(case: Case, changedFields: [String]) {
        self.case = `case`
        self.changedFields = changedFields
    }
}

public struct CasePersonalUpdated: Codable, Sendable, Hashable {
    public var caseID: String
    public var personal: CasePersonal?
    public var changedFields: [String]
    public init(caseID: String, personal: CasePersonal, changedFields: [String]) {
        self.caseID = caseID
        self.personal = personal
        self.changedFields = changedFields
    }
}

public struct CaseStatusChanged: Codable, Sendable, Hashable {
    public var caseID: String
    public var from: Case.Status
    public var to: Case.Status
    public var date: String
    public init(caseID: String, from: Case.Status, to: Case.Status, date: String) {
        self.caseID = caseID
        self.from = from
        self.to = to
        self.date = date
    }
}

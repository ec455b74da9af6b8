/// Who did something, from the socket's peer credentials and the call.
public struct Actor: Sendable, Hashable {
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

/// One change to the registry, as it is stored in the event log: who, why,
/// when, and what (exactly one kind: a oneof in events.proto). The kind is
/// not optional, so every switch over it is exhaustive: a kind added here is
/// a compile error wherever events are applied, snapshotted, shown or watched.
public struct Event: Sendable, Hashable {
    // Optional<…> rather than `Actor?`, which would be implicitly `= nil`: swiftc then copies
    // the whole value out of the init (docs/PERFORMANCE.md, the codec). Same below.
    public var actor: Optional<Actor>
    public var reason: String
    public var atMs: UInt64
    public var kind: EventKind

    public init(actor: Actor?, reason: String = "", atMs: UInt64, _ kind: EventKind) {
        self.actor = actor
        self.reason = reason
        self.atMs = atMs
        self.kind = kind
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
    case casePersonalErased(CasePersonalErased)
    case listCreated(ListCreated)
    case listSelected(ListSelected)
    case listSubmitted(ListSubmitted)
    case listApproved(ListApproved)
    case listEntryStruck(ListEntryStruck)
    case listToppedUp(ListToppedUp)
    case listStatusChanged(ListStatusChanged)
    case listEntryDropped(ListEntryDropped)
    case ruleImposed(RuleImposed)
    case ruleLifted(RuleLifted)
    case agreementRecorded(AgreementRecorded)
    case agreementUpdated(AgreementUpdated)
    case agreementStatusChanged(AgreementStatusChanged)
    case fulfilmentRecorded(FulfilmentRecorded)
    case windowAnnounced(WindowAnnounced)
    case windowStatusChanged(WindowStatusChanged)
    case movementPlanned(MovementPlanned)
    case movementStatusChanged(MovementStatusChanged)
    case manifestChanged(ManifestChanged)
    case cargoRemoved(CargoRemoved)
    case deliveryRecorded(DeliveryRecorded)
    case incidentReported(IncidentReported)
    case figureReported(FigureReported)

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
        case .casePersonalErased: 34
        case .listCreated: 40
        case .listSelected: 41
        case .listSubmitted: 42
        case .listApproved: 43
        case .listEntryStruck: 44
        case .listToppedUp: 45
        case .listStatusChanged: 46
        case .listEntryDropped: 47
        case .ruleImposed: 50
        case .ruleLifted: 51
        case .agreementRecorded: 60
        case .agreementUpdated: 61
        case .agreementStatusChanged: 62
        case .fulfilmentRecorded: 63
        case .windowAnnounced: 70
        case .windowStatusChanged: 71
        case .movementPlanned: 80
        case .movementStatusChanged: 81
        case .manifestChanged: 82
        case .cargoRemoved: 83
        case .deliveryRecorded: 84
        case .incidentReported: 85
        case .figureReported: 100
        }
    }

    /// The name used by `inspect dump --type` and watch filters, e.g. `case_registered`.
    public static let namesByRecordType: [UInt16: String] = [
        10: "party_registered", 11: "party_updated",
        20: "site_registered", 21: "site_updated", 22: "crossing_status_changed",
        30: "case_registered", 31: "case_updated", 32: "case_personal_updated", 33: "case_status_changed",
        34: "case_personal_erased",
        40: "list_created",
        41: "list_selected",
        42: "list_submitted",
        43: "list_approved",
        44: "list_entry_struck",
        45: "list_topped_up",
        46: "list_status_changed",
        47: "list_entry_dropped",
        50: "rule_imposed",
        51: "rule_lifted",
        60: "agreement_recorded",
        61: "agreement_updated",
        62: "agreement_status_changed",
        63: "fulfilment_recorded",
        70: "window_announced",
        71: "window_status_changed",
        80: "movement_planned",
        81: "movement_status_changed",
        82: "manifest_changed",
        83: "cargo_removed",
        84: "delivery_recorded",
        85: "incident_reported",
        100: "figure_reported",
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
        case .casePersonalErased(let event): (.case, event.caseID)
        case .listCreated(let event): (.list, event.list?.id ?? "")
        case .listSelected(let event): (.list, event.list?.id ?? "")
        case .listSubmitted(let event): (.list, event.list?.id ?? "")
        case .listApproved(let event): (.list, event.list?.id ?? "")
        case .listEntryStruck(let event): (.list, event.list?.id ?? "")
        case .listToppedUp(let event): (.list, event.list?.id ?? "")
        case .listStatusChanged(let event): (.list, event.list?.id ?? "")
        case .listEntryDropped(let event): (.list, event.list?.id ?? "")
        case .ruleImposed(let event): (.rule, event.rule?.id ?? "")
        case .ruleLifted(let event): (.rule, event.rule?.id ?? "")
        case .agreementRecorded(let event): (.agreement, event.agreement?.id ?? "")
        case .agreementUpdated(let event): (.agreement, event.agreement?.id ?? "")
        case .agreementStatusChanged(let event): (.agreement, event.agreement?.id ?? "")
        case .fulfilmentRecorded(let event): (.agreement, event.agreement?.id ?? "")
        case .windowAnnounced(let event): (.window, event.window?.id ?? "")
        case .windowStatusChanged(let event): (.window, event.window?.id ?? "")
        case .movementPlanned(let event): (.movement, event.movement?.id ?? "")
        case .movementStatusChanged(let event): (.movement, event.movement?.id ?? "")
        case .manifestChanged(let event): (.movement, event.movement?.id ?? "")
        case .cargoRemoved(let event): (.movement, event.movement?.id ?? "")
        case .deliveryRecorded(let event): (.movement, event.movement?.id ?? "")
        case .incidentReported(let event): (.movement, event.movement?.id ?? "")
        case .figureReported(let event): (.figure, event.figure?.id ?? "")
        }
    }
}

/// The kinds of record events are about; watch filters by these names.
public enum RecordKind: String, Sendable, CaseIterable {
    case party
    case site
    case `case`
    case list
    case rule
    case agreement
    case window
    case movement
    case figure
}

public struct PartyRegistered: Sendable, Hashable {
    public var party: Party?
    public init(party: Party?) { self.party = party }
}

public struct PartyUpdated: Sendable, Hashable {
    public var party: Party?
    public var changedFields: [String]
    public init(party: Party?, changedFields: [String]) {
        self.party = party
        self.changedFields = changedFields
    }
}

public struct SiteRegistered: Sendable, Hashable {
    public var site: Site?
    public init(site: Site?) { self.site = site }
}

public struct SiteUpdated: Sendable, Hashable {
    public var site: Site?
    public var changedFields: [String]
    public init(site: Site?, changedFields: [String]) {
        self.site = site
        self.changedFields = changedFields
    }
}

public struct CrossingStatusChanged: Sendable, Hashable {
    public var siteID: String
    public var from: Site.CrossingStatus
    public var to: Site.CrossingStatus
    public init(siteID: String, from: Site.CrossingStatus, to: Site.CrossingStatus) {
        self.siteID = siteID
        self.from = from
        self.to = to
    }
}

public struct CaseRegistered: Sendable, Hashable {
    public var `case`: Optional<Case>
    public var personal: Optional<CasePersonal>
    public init(case: Case?, personal: CasePersonal?) {
        self.case = `case`
        self.personal = personal
    }
}

public struct CaseUpdated: Sendable, Hashable {
    public var `case`: Case?
    public var changedFields: [String]
    public init(case: Case?, changedFields: [String]) {
        self.case = `case`
        self.changedFields = changedFields
    }
}

public struct CasePersonalUpdated: Sendable, Hashable {
    public var caseID: String
    public var personal: CasePersonal?
    public var changedFields: [String]
    public init(caseID: String, personal: CasePersonal?, changedFields: [String]) {
        self.caseID = caseID
        self.personal = personal
        self.changedFields = changedFields
    }
}

public struct CaseStatusChanged: Sendable, Hashable {
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

/// A case's personal part erased for good: its data key destroyed. Who and
/// when are the event's actor and time, why is its reason ("retention" for
/// the sweep); it carries no personal data.
public struct CasePersonalErased: Sendable, Hashable {
    public var caseID: String
    public init(caseID: String) {
        self.caseID = caseID
    }
}

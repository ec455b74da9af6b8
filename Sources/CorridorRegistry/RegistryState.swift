import CorridorModel

/// The registry as the event log says it is: what you get by applying every
/// event in order. Plain values, so a snapshot is a cheap copy.
public struct RegistryState: Sendable, Equatable {
    public internal(set) var parties: [String: Party] = [:]
    public internal(set) var sites: [String: Site] = [:]
    public internal(set) var cases: [String: Case] = [:]
    public internal(set) var personal: [String: CasePersonal] = [:]
    /// What passes over every case read (CaseFacts), kept beside `cases`.
    public internal(set) var caseFacts: [String: CaseFacts] = [:]
    /// Case ids by site, for listing a site's cases without a full scan.
    public internal(set) var casesBySite: [String: Set<String>] = [:]
    /// The sequence numbers of each record's events, for `history`.
    public internal(set) var history: [RecordKey: [UInt64]] = [:]
    public internal(set) var rules: [String: EligibilityRule] = [:]
    public internal(set) var lists: [String: EvacuationList] = [:]
    /// Every version each list has had, oldest first ("every version is kept").
    public internal(set) var listVersions: [String: [ListVersion]] = [:]
    public internal(set) var agreements: [String: Agreement] = [:]
    public internal(set) var windows: [String: AccessWindow] = [:]
    public internal(set) var movements: [String: Movement] = [:]
    public internal(set) var figures: [String: Figure] = [:]
    /// The number the next registry-assigned figure id gets.
    public internal(set) var nextFigureNumber: UInt64 = 1
    /// The number the next registry-assigned case id gets.
    public internal(set) var nextCaseNumber: UInt64 = 1
    /// The last event applied.
    public internal(set) var lastSequence: UInt64 = 0

    public init() {}

    /// Applies one event. Events were validated when they were decided, so
    /// applying never refuses: replay must rebuild exactly what was acknowledged.
    public mutating func apply(_ event: Event, sequence: UInt64) {
        lastSequence = sequence
        let subject = event.kind.subject
        history[RecordKey(kind: subject.kind, id: subject.id), default: []].append(sequence)
        switch event.kind {
        case .partyRegistered(let registered):
            if let party = registered.party { parties[party.id] = party }
        case .partyUpdated(let updated):
            if let party = updated.party { parties[party.id] = party }
        case .siteRegistered(let registered):
            if let site = registered.site { sites[site.id] = site }
        case .siteUpdated(let updated):
            if let site = updated.site { sites[site.id] = site }
        case .crossingStatusChanged(let change):
            sites[change.siteID]?.crossingStatus = change.to
        case .caseRegistered(let registered):
            guard let record = registered.case.map(internedSites) else { return }
            cases[record.id] = record
            caseFacts[record.id] = CaseFacts(record)
            casesBySite[record.siteID, default: []].insert(record.id)
            if let details = registered.personal, !details.isEmpty { personal[record.id] = details }
            // Registration refuses registry-style numbers past the bound, so this
            // cannot overflow; the guard keeps replay safe even so.
            if let number = Self.registryNumber(of: record.id), number >= nextCaseNumber, number < Self.maximumCaseNumber {
                nextCaseNumber = number + 1
            }
        case .caseUpdated(let updated):
            guard let record = updated.case.map(internedSites) else { return }
            if let previous = cases[record.id], previous.siteID != record.siteID {
                casesBySite[previous.siteID]?.remove(record.id)
                // No empty sets: a state rebuilt from a snapshot has none either.
                if casesBySite[previous.siteID]?.isEmpty == true { casesBySite[previous.siteID] = nil }
                casesBySite[record.siteID, default: []].insert(record.id)
            }
            cases[record.id] = record
            caseFacts[record.id] = CaseFacts(record)
        case .casePersonalUpdated(let updated):
            if let details = updated.personal, !details.isEmpty {
                personal[updated.caseID] = details
            } else {
                personal[updated.caseID] = nil
            }
        case .caseStatusChanged(let change):
            cases[change.caseID]?.status = change.to
            cases[change.caseID]?.statusDate = change.date
            cases[change.caseID]?.statusReason = event.reason
            caseFacts[change.caseID]?.status = change.to
        case .listCreated(let created): applyList(created.list, atMs: event.atMs, change: "created")
        case .listSelected(let selected):
            applyList(selected.list, atMs: event.atMs, change: "selected under policy \(selected.list?.policyVersion ?? ""): \(selected.considered) waiting cases considered, \(selected.leftOut) left out")
        case .listSubmitted(let submitted): applyList(submitted.list, atMs: event.atMs, change: "submitted")
        case .listApproved(let approved): applyList(approved.list, atMs: event.atMs, change: "approved by \(approved.partyID)")
        case .listEntryStruck(let struck):
            applyList(struck.list, atMs: event.atMs, change: "\(struck.caseID) struck by \(struck.partyID): \(event.reason)")
        case .listToppedUp(let toppedUp):
            applyList(toppedUp.list, atMs: event.atMs, change: "topped up with \(toppedUp.addedCaseIDs.joined(separator: ", "))")
        case .listStatusChanged(let change): applyList(change.list, atMs: event.atMs, change: change.to.rawValue.lowercased().replacingUnderscores)
        case .listEntryDropped(let dropped): applyList(dropped.list, atMs: event.atMs, change: "\(dropped.caseID) dropped: \(event.reason)")
        case .ruleImposed(let imposed): if let rule = imposed.rule { rules[rule.id] = rule }
        case .ruleLifted(let lifted): if let rule = lifted.rule { rules[rule.id] = rule }
        case .agreementRecorded(let recorded): if let agreement = recorded.agreement { agreements[agreement.id] = agreement }
        case .agreementUpdated(let updated): if let agreement = updated.agreement { agreements[agreement.id] = agreement }
        case .agreementStatusChanged(let change): if let agreement = change.agreement { agreements[agreement.id] = agreement }
        case .fulfilmentRecorded(let recorded): if let agreement = recorded.agreement { agreements[agreement.id] = agreement }
        case .windowAnnounced(let announced): if let window = announced.window { windows[window.id] = window }
        case .windowStatusChanged(let change): if let window = change.window { windows[window.id] = window }
        case .movementPlanned(let planned): if let movement = planned.movement { movements[movement.id] = movement }
        case .movementStatusChanged(let change): if let movement = change.movement { movements[movement.id] = movement }
        case .manifestChanged(let change): if let movement = change.movement { movements[movement.id] = movement }
        case .cargoRemoved(let removed): if let movement = removed.movement { movements[movement.id] = movement }
        case .deliveryRecorded(let recorded): if let movement = recorded.movement { movements[movement.id] = movement }
        case .incidentReported(let reported): if let movement = reported.movement { movements[movement.id] = movement }
        case .figureReported(let reported):
            guard let figure = reported.figure else { return }
            figures[figure.id] = figure
            if let number = Self.registryNumber(of: figure.id, prefix: "F-"), number >= nextFigureNumber, number < Self.maximumCaseNumber {
                nextFigureNumber = number + 1
            }
        }
    }

    /// The case with its site references pointing at the site's own id
    /// string. Every case at a site then shares one string: comparing a case's
    /// site with a site id is a pointer check rather than a byte compare (the
    /// reports and the selection do it for every case), and a million cases
    /// hold no million copies of a few site names.
    func internedSites(_ record: Case) -> Case {
        var record = record
        if let index = sites.index(forKey: record.siteID) { record.siteID = sites.keys[index] }
        if !record.originSiteID.isEmpty, let index = sites.index(forKey: record.originSiteID) { record.originSiteID = sites.keys[index] }
        return record
    }

    /// Lists are replaced whole; a new version number also keeps the entries
    /// as they now stand, so `list diff` can compare any two versions.
    private mutating func applyList(_ list: EvacuationList?, atMs: UInt64, change: String) {
        guard let list else { return }
        lists[list.id] = list
        if list.version > (listVersions[list.id]?.last?.version ?? 0) {
            listVersions[list.id, default: []].append(ListVersion(version: list.version, atMs: atMs, change: change, entries: list.entries))
        }
    }

    /// The largest number of a registry-style id, C-999999999.
    static let maximumCaseNumber: UInt64 = 999_999_999

    /// "C-000042" → 42, for ids the registry assigned.
    static func registryNumber(of id: String, prefix: String = "C-") -> UInt64? {
        guard id.hasPrefix(prefix) else { return nil }
        return UInt64(id.dropFirst(prefix.count))
    }

    static func registryCaseID(_ number: UInt64, prefix: String = "C-") -> String {
        let digits = String(number)
        return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

/// A record's kind and id: ids are unique within a kind only.
public struct RecordKey: Hashable, Sendable, CustomStringConvertible {
    public var kind: RecordKind
    public var id: String

    public init(kind: RecordKind, id: String) {
        self.kind = kind
        self.id = id
    }

    public var description: String { "\(kind.rawValue) \(id)" }
}

extension String {
    /// "IN_PROGRESS" lower-cased → "in progress".
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}

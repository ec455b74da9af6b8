import CorridorModel

/// The registry as the event log says it is: what you get by applying every
/// event in order. Plain values, so a snapshot is a cheap copy.
public struct RegistryState: Sendable, Equatable {
    public internal(set) var parties: [String: Party] = [:]
    public internal(set) var sites: [String: Site] = [:]
    /// Every case with its personal part, facts, history and site (CaseTable).
    public internal(set) var caseTable = CaseTable()
    /// The sequence numbers of the events of every record but the cases
    /// (those are in `caseTable`), for `history`.
    var recordHistory: [RecordKey: [UInt64]] = [:]
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
        defer {
            // After the change, so a case's first event finds its slot.
            if subject.kind != .case || !caseTable.appendHistory(sequence, of: subject.id) {
                recordHistory[RecordKey(kind: subject.kind, id: subject.id), default: []].append(sequence)
            }
        }
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
            caseTable.put(record)
            if let details = registered.personal, !details.isEmpty { caseTable.setPersonal(details, of: record.id) }
            // Registration refuses registry-style numbers past the bound, so this
            // cannot overflow; the guard keeps replay safe even so.
            if let number = Self.registryNumber(of: record.id), number >= nextCaseNumber, number < Self.maximumCaseNumber {
                nextCaseNumber = number + 1
            }
        case .caseUpdated(let updated):
            guard let record = updated.case.map(internedSites) else { return }
            caseTable.put(record)
        case .casePersonalUpdated(let updated):
            if let details = updated.personal, !details.isEmpty {
                caseTable.setPersonal(details, of: updated.caseID)
            } else {
                caseTable.setPersonal(nil, of: updated.caseID)
            }
        case .caseStatusChanged(let change):
            caseTable.setStatus(of: change.caseID, to: change.to, date: change.date, reason: event.reason)
        case .casePersonalErased(let erased):
            // What was in memory goes too: from here on the case has only when and why.
            caseTable.setPersonal(.erased(PersonalErasure(atMs: event.atMs, reason: event.reason)), of: erased.caseID)
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
        case .listEntryDropped(let dropped):
            let change = dropped.companionOf.isEmpty
                ? "\(dropped.caseID) dropped: \(event.reason)"
                : "companion \(dropped.caseID) of \(dropped.companionOf) left: \(event.reason)"
            applyList(dropped.list, atMs: event.atMs, change: change)
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

    /// The cases by id (a view of `caseTable`).
    public var cases: CaseRecords { CaseRecords(table: caseTable) }

    /// What passes over every case read (CaseFacts), by case id.
    public var caseFacts: CaseFactsByID { CaseFactsByID(table: caseTable) }

    /// The personal part of a case, if it has one.
    func personal(of id: String) -> CasePersonal? {
        caseTable.slot(of: id).flatMap(caseTable.personal(at:))
    }

    /// The sequence numbers of a record's events, oldest first; nil for a
    /// record the registry never had.
    func history(of key: RecordKey) -> [UInt64]? {
        if key.kind == .case, let slot = caseTable.slot(of: key.id) { return caseTable.history(at: slot) }
        return recordHistory[key]
    }

    /// Every personal part by case id. Built on each call, for tests and
    /// tools: the registry reads `personal(of:)`.
    public var personal: [String: CasePersonal] {
        var all: [String: CasePersonal] = [:]
        for slot in 0..<caseTable.count {
            if let details = caseTable.personal(at: slot) { all[caseTable.id(at: slot)] = details }
        }
        return all
    }

    /// Case ids by site. Built on each call, for tests and tools: the
    /// registry reads `caseTable.slots(at:)`.
    public var casesBySite: [String: Set<String>] {
        caseTable.bySite.mapValues { Set($0.map { caseTable.id(at: Int($0)) }) }
    }

    /// The sequence numbers of each record's events. Built on each call, for
    /// tests and tools: the registry reads `history(of:)`.
    public var history: [RecordKey: [UInt64]] {
        var all = recordHistory
        for slot in 0..<caseTable.count {
            all[RecordKey(kind: .case, id: caseTable.id(at: slot))] = caseTable.history(at: slot)
        }
        return all
    }

    /// The case with its site references pointing at the site's own id
    /// string. Every case at a site then shares one string: comparing a case's
    /// site with a site id is a pointer check rather than a byte compare (the
    /// reports and the selection do it for every case), and a million cases
    /// hold no million copies of a few site names.
    func internedSites(_ record: Case) -> Case {
        var record = record
        internSites(&record)
        return record
    }

    /// internedSites in place (the snapshot load: no copy of the case).
    func internSites(_ record: inout Case) {
        if let index = sites.index(forKey: record.siteID) { record.siteID = sites.keys[index] }
        if !record.originSiteID.isEmpty, let index = sites.index(forKey: record.originSiteID) { record.originSiteID = sites.keys[index] }
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

import CorridorModel

/// The registry as the event log says it is: what you get by applying every
/// event in order. Plain values, so a snapshot is a cheap copy.
public struct RegistryState: Sendable, Equatable {
    public internal(set) var parties: [String: Party] = [:]
    public internal(set) var sites: [String: Site] = [:]
    public internal(set) var cases: [String: Case] = [:]
    public internal(set) var personal: [String: CasePersonal] = [:]
    /// Case ids by site, for listing a site's cases without a full scan.
    public internal(set) var casesBySite: [String: Set<String>] = [:]
    /// The sequence numbers of each record's events, for `history`.
    public internal(set) var history: [RecordKey: [UInt64]] = [:]
    /// The number the next registry-assigned case id gets.
    public internal(set) var nextCaseNumber: UInt64 = 1
    /// The last event applied.
    public internal(set) var lastSequence: UInt64 = 0

    public init() {}

    /// Applies one event. Events were validated when they were decided, so
    /// applying never refuses: replay must rebuild exactly what was acknowledged.
    public mutating func apply(_ event: Event, sequence: UInt64) {
        lastSequence = sequence
        guard let kind = event.kind else { return }
        let subject = kind.subject
        history[RecordKey(kind: subject.kind, id: subject.id), default: []].append(sequence)
        switch kind {
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
            guard let record = registered.case else { return }
            cases[record.id] = record
            casesBySite[record.siteID, default: []].insert(record.id)
            if let details = registered.personal, !details.isEmpty { personal[record.id] = details }
            // Registration refuses registry-style numbers past the bound, so this
            // cannot overflow; the guard keeps replay safe even so.
            if let number = Self.registryNumber(of: record.id), number >= nextCaseNumber, number < Self.maximumCaseNumber {
                nextCaseNumber = number + 1
            }
        case .caseUpdated(let updated):
            guard let record = updated.case else { return }
            if let previous = cases[record.id], previous.siteID != record.siteID {
                casesBySite[previous.siteID]?.remove(record.id)
                // No empty sets: a state rebuilt from a snapshot has none either.
                if casesBySite[previous.siteID]?.isEmpty == true { casesBySite[previous.siteID] = nil }
                casesBySite[record.siteID, default: []].insert(record.id)
            }
            cases[record.id] = record
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
        }
    }

    /// The largest number of a registry-style id, C-999999999.
    static let maximumCaseNumber: UInt64 = 999_999_999

    /// "C-000042" → 42, for ids the registry assigned.
    static func registryNumber(of caseID: String) -> UInt64? {
        guard caseID.hasPrefix("C-") else { return nil }
        return UInt64(caseID.dropFirst(2))
    }

    static func registryCaseID(_ number: UInt64) -> String {
        let digits = String(number)
        return "C-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
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

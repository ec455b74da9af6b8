/// What the soak checks of one case after a restart: the fields it registered
/// with and the status its last acknowledged change set. Plain strings, so
/// the checks need nothing of Corridor's modules (and their tests build in
/// seconds).
public struct CaseFacts: Sendable, Hashable, CustomStringConvertible {
    public var siteID: String
    public var ageMonths: UInt32
    public var sex: String
    public var precedence: String
    /// The personal part's name: sealed at rest, so it checks the key store too.
    public var name: String
    public var status: String

    public init(siteID: String, ageMonths: UInt32, sex: String, precedence: String, name: String, status: String) {
        self.siteID = siteID
        self.ageMonths = ageMonths
        self.sex = sex
        self.precedence = precedence
        self.name = name
        self.status = status
    }

    public var description: String {
        "site \(siteID), \(ageMonths) months, \(sex), \(precedence), name \"\(name)\", \(status)"
    }
}

/// Every write corridord acknowledged, remembered so that each restart can
/// check it is still there with the right content.
///
/// A write is one of three things when its call ends: acknowledged (it must
/// be present from then on), refused (a status code that says nothing was
/// written: it must not be present), or unknown (the connection died with
/// the call in flight, as at a kill -9: it may or may not have been made
/// durable, and both outcomes are correct). A case with an unknown status
/// change is left alone until the next check sees which way it went.
///
/// Status changes need to know the case's status before they are sent, so
/// each case has at most one change in flight: `claimStatusChange` hands a
/// case to one caller until its answer is recorded.
public struct AckLedger: Sendable {
    private struct Entry: Sendable {
        var facts: CaseFacts
        /// A status change sent and not yet answered.
        var inFlight: String?
        /// A status change whose outcome is unknown: the next check accepts
        /// either status and settles on what it finds.
        var unknownChange: String?
    }

    private var entries: [String: Entry] = [:]
    private var ids: [String] = []
    /// Acknowledged registrations and status changes.
    public private(set) var acknowledgedWrites = 0
    /// Writes whose answer never came (in flight at a kill).
    public private(set) var unknownWrites = 0

    public init() {}

    public var caseCount: Int { ids.count }

    /// A registration corridord acknowledged, with the id it gave.
    public mutating func registered(id: String, facts: CaseFacts) {
        acknowledgedWrites += 1
        if entries[id] == nil { ids.append(id) }
        entries[id] = Entry(facts: facts)
    }

    /// A registration whose answer never came: nothing to remember (its id is
    /// unknown), but counted.
    public mutating func registrationUnknown() {
        unknownWrites += 1
    }

    /// A known case id for a read, chosen by `hint` (any number).
    public func caseID(hint: Int) -> String? {
        ids.isEmpty ? nil : ids[Int(UInt(bitPattern: hint) % UInt(ids.count))]
    }

    /// A case whose status nobody else is changing and whose status is known,
    /// with that status; nil when the few tried are all busy. The caller must
    /// end the claim with `statusChanged`, `statusChangeRefused` or
    /// `statusChangeUnknown`.
    public mutating func claimStatusChange(hint: Int, to target: (String) -> String?) -> (id: String, from: String, to: String)? {
        guard !ids.isEmpty else { return nil }
        for probe in 0..<8 {
            let id = ids[Int(UInt(bitPattern: hint &+ probe &* 7919) % UInt(ids.count))]
            guard var entry = entries[id], entry.inFlight == nil, entry.unknownChange == nil,
                  let next = target(entry.facts.status) else { continue }
            entry.inFlight = next
            entries[id] = entry
            return (id, entry.facts.status, next)
        }
        return nil
    }

    public mutating func statusChanged(id: String, to status: String) {
        guard var entry = entries[id] else { return }
        acknowledgedWrites += 1
        entry.facts.status = status
        entry.inFlight = nil
        entries[id] = entry
    }

    /// Refused with a status that says nothing was written.
    public mutating func statusChangeRefused(id: String) {
        entries[id]?.inFlight = nil
    }

    public mutating func statusChangeUnknown(id: String, to status: String) {
        guard var entry = entries[id] else { return }
        unknownWrites += 1
        entry.inFlight = nil
        entry.unknownChange = status
        entries[id] = entry
    }

    /// What a check after a restart found.
    public struct Verification: Sendable, Equatable {
        /// Cases compared.
        public var checked = 0
        /// Acknowledged cases that were not there.
        public var lost: [String] = []
        /// Cases there with other content than acknowledged: "id: why".
        public var wrong: [String] = []
        /// Unknown changes now settled, and how many turned out to be made.
        public var settled = 0
        public var settledAsMade = 0

        public var isClean: Bool { lost.isEmpty && wrong.isEmpty }
    }

    /// Compares every acknowledged case with what the daemon holds
    /// (`observed`, by id; cases the ledger does not know are ignored: an
    /// unknown registration may have been made). Settles unknown changes.
    public mutating func verify(observed: [String: CaseFacts]) -> Verification {
        var result = Verification()
        for id in ids {
            guard var entry = entries[id] else { continue }
            result.checked += 1
            guard let found = observed[id] else {
                result.lost.append(id)
                continue
            }
            // A change still marked in flight has lost its caller: as unknown.
            let unknown = entry.unknownChange ?? entry.inFlight
            var expected = entry.facts
            if let unknown, found.status == unknown {
                expected.status = unknown
            }
            if found != expected {
                let alternative = unknown.map { " (or status \($0), a change whose answer never came)" } ?? ""
                result.wrong.append("\(id): expected \(entry.facts)\(alternative), found \(found)")
            }
            if unknown != nil {
                result.settled += 1
                if found.status == unknown { result.settledAsMade += 1 }
                // Whatever the daemon holds now is durable: the next check holds it to that.
                if found.status == unknown || found.status == entry.facts.status { entry.facts.status = found.status }
                entry.unknownChange = nil
                entry.inFlight = nil
                entries[id] = entry
            }
        }
        return result
    }
}

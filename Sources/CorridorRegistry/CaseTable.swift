import CorridorModel

/// Every case the registry holds, in one table: a hash index from case id to
/// a slot, and per slot the case, its personal part, its history and its
/// facts. One key copy and one hash table per case instead of five
/// dictionaries (cases, personal, caseFacts, casesBySite, history), the
/// slots dense arrays, each field of a case kept once (the facts hold the
/// plain ones, the slot the rest; `record(at:)` puts the `Case` together),
/// a history of one or two events kept inline, and the condition and need
/// lists of equal cases sharing one array (docs/PERFORMANCE.md, "The
/// registry's memory").
///
/// Cases are never removed, so slots only grow. A value: a snapshot of the
/// state copies it (copy on write, like the dictionaries it replaces).
public struct CaseTable: Sendable {
    /// Case id → slot: 4 bytes a bucket, the ids themselves in `ids`.
    private(set) var index = SlotIndex()
    private(set) var slots: [CaseSlot] = []
    /// The id of slot n, densely, beside `facts`: a scan over the facts
    /// reads the ids of those it keeps without touching the slots.
    private(set) var ids: [String] = []
    /// The facts of slot n, apart from the slots: a pass over every case
    /// reads these 40 bytes a case, densely (CaseFacts).
    private(set) var facts: [CaseFacts] = []
    /// The slots of each site's cases, in no particular order; no empty
    /// arrays. The key is the site's interned id string.
    private(set) var bySite: [String: [Int32]] = [:]
    private var lists = SharedLists()

    init() {}

    public var count: Int { slots.count }
    public var isEmpty: Bool { slots.isEmpty }

    func slot(of id: String) -> Int? {
        index.slot(of: id, ids: ids)
    }

    // MARK: Changes

    /// Adds a case, or replaces the case with its id (its personal part and
    /// history stay).
    mutating func put(_ record: Case) {
        var record = record
        lists.share(&record)
        if let at = slot(of: record.id) {
            let previousSite = facts[at].siteID
            facts[at] = CaseFacts(record)
            slots[at].rest = CaseRest(record)
            if previousSite != record.siteID {
                removeFromSite(at, site: previousSite)
                addToSite(at, site: record.siteID)
            }
        } else {
            let at = slots.count
            precondition(at < Int(Int32.max), "more than 2^31 cases")
            index.insert(slot: at, id: record.id, ids: ids)
            ids.append(record.id)
            slots.append(CaseSlot(rest: CaseRest(record), personal: nil, history: SequenceList(), sitePosition: 0))
            facts.append(CaseFacts(record))
            addToSite(at, site: record.siteID)
        }
    }

    /// Adds a case with its personal part and history, as a snapshot holds
    /// them: one probe of the index and one hash of the id, where put,
    /// setPersonal and setHistory take three. An id already in the table (a
    /// snapshot never holds one twice) is replaced as put replaces it.
    mutating func load(_ record: __owned Case, personal: __owned CasePersonal?, history: [UInt64]) {
        var record = record
        lists.share(&record)
        let at = slots.count
        precondition(at < Int(Int32.max), "more than 2^31 cases")
        if let existing = index.slotOrInsert(slot: at, id: record.id, ids: ids) {
            put(record)
            if let personal { slots[existing].personal = personal }
            slots[existing].history = SequenceList(history)
            return
        }
        ids.append(record.id)
        slots.append(CaseSlot(rest: CaseRest(record), personal: personal, history: SequenceList(history), sitePosition: 0))
        facts.append(CaseFacts(record))
        addToSite(at, site: record.siteID)
    }

    /// Room for `total` cases in all, so that loading that many grows no
    /// array and never rehashes the index.
    mutating func reserveCapacity(_ total: Int) {
        ids.reserveCapacity(total)
        slots.reserveCapacity(total)
        facts.reserveCapacity(total)
        index.reserveCapacity(total, ids: ids)
    }

    mutating func setPersonal(_ details: CasePersonal?, of id: String) {
        guard let at = slot(of: id) else { return }
        slots[at].personal = details
    }

    mutating func setStatus(of id: String, to status: Case.Status, date: String, reason: String) {
        guard let at = slot(of: id) else { return }
        slots[at].rest.statusDate = date
        slots[at].rest.statusReason = reason
        facts[at].status = status
    }

    /// False when no case has the id.
    mutating func appendHistory(_ sequence: UInt64, of id: String) -> Bool {
        guard let at = slot(of: id) else { return false }
        slots[at].history.append(sequence)
        return true
    }

    mutating func setHistory(_ sequences: [UInt64], of id: String) {
        guard let at = slot(of: id) else { return }
        slots[at].history = SequenceList(sequences)
    }

    private mutating func addToSite(_ at: Int, site: String) {
        slots[at].sitePosition = Int32(bySite[site]?.count ?? 0)
        bySite[site, default: []].append(Int32(at))
    }

    private mutating func removeFromSite(_ at: Int, site: String) {
        let position = Int(slots[at].sitePosition)
        guard var members = bySite.removeValue(forKey: site), position < members.count, members[position] == Int32(at) else {
            assertionFailure("slot \(at) is not where its site position says")
            return
        }
        let last = members.removeLast()
        if position < members.count {
            members[position] = last
            slots[Int(last)].sitePosition = Int32(position)
        }
        if !members.isEmpty { bySite[site] = members }
    }

    // MARK: Reading

    /// The case in slot n, put together from its id, its facts and the rest.
    func record(at slot: Int) -> Case {
        let facts = facts[slot], rest = slots[slot].rest
        return Case(
            id: ids[slot], siteID: facts.siteID, ageMonths: facts.ageMonths, sex: facts.sex, precedence: facts.precedence,
            conditions: rest.conditions, needs: rest.needs, consentGiven: facts.consentGiven, companionIDs: rest.companionIDs,
            pregnant: facts.pregnant, status: facts.status, registeredAtMs: rest.registeredAtMs,
            statusReason: rest.statusReason, statusDate: rest.statusDate, originSiteID: rest.originSiteID,
            fieldRegisteredOn: rest.fieldRegisteredOn
        )
    }
    func facts(at slot: Int) -> CaseFacts { facts[slot] }
    func id(at slot: Int) -> String { ids[slot] }
    func personal(at slot: Int) -> CasePersonal? { slots[slot].personal }
    func history(at slot: Int) -> [UInt64] { slots[slot].history.array }

    /// The slots of the cases at a site (its id as the site registered it).
    func slots(at site: String) -> [Int32] { bySite[site] ?? [] }

    func count(at site: String) -> Int { bySite[site]?.count ?? 0 }

    /// Every invariant between the index, the slots, the facts and the
    /// by-site arrays; nil when they hold, else what is wrong (for tests).
    public func inconsistency() -> String? {
        guard index.count == slots.count, facts.count == slots.count, ids.count == slots.count else {
            return "\(index.count) indexed, \(ids.count) ids, \(slots.count) slots, \(facts.count) facts"
        }
        for (at, id) in ids.enumerated() {
            guard index.slot(of: id, ids: ids) == at else { return "id \(id) of slot \(at) is found at slot \(index.slot(of: id, ids: ids).map(String.init) ?? "none")" }
        }
        var placed = 0
        for (site, members) in bySite {
            guard !members.isEmpty else { return "site \(site) has an empty slot array" }
            for (position, member) in members.enumerated() {
                let at = Int(member)
                guard at < slots.count else { return "site \(site) names slot \(at) past the end" }
                guard facts[at].siteID == site else { return "slot \(at) is listed at \(site) but is at \(facts[at].siteID)" }
                guard Int(slots[at].sitePosition) == position else { return "slot \(at) says position \(slots[at].sitePosition) at \(site), is at \(position)" }
            }
            placed += members.count
        }
        guard placed == slots.count else { return "\(placed) slots placed at sites of \(slots.count)" }
        for at in slots.indices where facts[at] != CaseFacts(record(at: at)) {
            return "the facts of slot \(at) (\(ids[at])) differ from its case"
        }
        return nil
    }
}

extension CaseTable: Equatable {
    /// The same cases, personal parts, histories and site memberships,
    /// whatever slots they are in: a state replayed and one loaded from a
    /// snapshot number their slots differently.
    public static func == (lhs: CaseTable, rhs: CaseTable) -> Bool {
        guard lhs.count == rhs.count, lhs.bySite.count == rhs.bySite.count else { return false }
        for (at, slot) in lhs.slots.enumerated() {
            guard let other = rhs.slot(of: lhs.ids[at]) else { return false }
            let theirs = rhs.slots[other]
            guard lhs.facts[at] == rhs.facts[other], slot.rest == theirs.rest, slot.personal == theirs.personal,
                  slot.history == theirs.history else { return false }
        }
        for (site, members) in lhs.bySite {
            guard let others = rhs.bySite[site], others.count == members.count else { return false }
            // The sites' cases match by id; where they are is the case's own
            // site, compared above, so equal counts suffice.
        }
        return true
    }
}

/// An open-addressing hash table of slot numbers (linear probing, at most
/// half full), keyed by the ids in the table's `ids` array: a dictionary
/// from id to slot would keep a second copy of every id and, at a million
/// cases, 2^21 buckets of 20 bytes; this keeps 2^21 buckets of 4. Slots are
/// never removed, so there are no tombstones.
struct SlotIndex: Sendable {
    private var buckets: [Int32] = []
    private(set) var count = 0
    private static let empty: Int32 = -1

    func slot(of id: String, ids: [String]) -> Int? {
        guard !buckets.isEmpty else { return nil }
        let mask = buckets.count - 1
        var at = id.hashValue & mask
        while true {
            let slot = buckets[at]
            if slot == Self.empty { return nil }
            if ids[Int(slot)] == id { return Int(slot) }
            at = (at + 1) & mask
        }
    }

    /// The slot of `id` when the index has it; else adds `slot` for it (its
    /// id goes into `ids` next) and returns nil. One hash of the id.
    mutating func slotOrInsert(slot: Int, id: String, ids: [String]) -> Int? {
        if (count + 1) * 2 > buckets.count {
            rehash(size: max(16, buckets.count * 2), ids: ids)
        }
        let mask = buckets.count - 1
        var at = id.hashValue & mask
        while buckets[at] != Self.empty {
            let other = Int(buckets[at])
            if ids[other] == id { return other }
            at = (at + 1) & mask
        }
        buckets[at] = Int32(slot)
        count += 1
        return nil
    }

    /// Buckets for `total` ids at most half full, the ids in `ids` placed again.
    mutating func reserveCapacity(_ total: Int, ids: [String]) {
        guard total > 0, total <= Int(Int32.max) else { return }
        var size = max(16, buckets.count)
        while size < total * 2 { size *= 2 }
        if size > buckets.count { rehash(size: size, ids: ids) }
    }

    private mutating func rehash(size: Int, ids: [String]) {
        buckets = [Int32](repeating: Self.empty, count: size)
        for (other, otherID) in ids.enumerated() { place(Int32(other), otherID) }
    }

    /// Adds slot `slot`, whose id is not in the index yet; `ids` holds it.
    mutating func insert(slot: Int, id: String, ids: [String]) {
        if (count + 1) * 2 > buckets.count {
            buckets = [Int32](repeating: Self.empty, count: max(16, buckets.count * 2))
            for (other, otherID) in ids.enumerated() where other != slot { place(Int32(other), otherID) }
        }
        place(Int32(slot), id)
        count += 1
    }

    private mutating func place(_ slot: Int32, _ id: String) {
        let mask = buckets.count - 1
        var at = id.hashValue & mask
        while buckets[at] != Self.empty { at = (at + 1) & mask }
        buckets[at] = slot
    }
}

/// One case's place in the table.
struct CaseSlot: Sendable {
    var rest: CaseRest
    var personal: CasePersonal?
    var history: SequenceList
    /// Where this slot is in its site's array (CaseTable.bySite).
    var sitePosition: Int32
}

/// What of a case its CaseFacts and its id do not hold. `CaseTable.record(at:)`
/// names every field of `Case`; a field added there must be added here or
/// to the facts (CaseTableTests checks the count).
struct CaseRest: Sendable, Equatable {
    var conditions: [Case.Condition]
    var needs: [Case.Need]
    var companionIDs: [String]
    var statusReason: String
    var statusDate: String
    var originSiteID: String
    var registeredAtMs: UInt64
    /// A date's ten bytes fit in the string itself: no heap object a case.
    var fieldRegisteredOn: String

    init(_ record: Case) {
        conditions = record.conditions
        needs = record.needs
        companionIDs = record.companionIDs
        statusReason = record.statusReason
        statusDate = record.statusDate
        originSiteID = record.originSiteID
        registeredAtMs = record.registeredAtMs
        fieldRegisteredOn = record.fieldRegisteredOn
    }
}

/// A record's event sequence numbers, oldest first: the first two inline
/// (most cases have one or two events), the rest in an array. The count
/// last, so the slot's next field fills the padding after it.
struct SequenceList: Sendable, Equatable {
    private var first: UInt64 = 0
    private var second: UInt64 = 0
    private var more: [UInt64] = []
    private var count: UInt32 = 0

    init() {}

    init(_ sequences: [UInt64]) {
        for sequence in sequences { append(sequence) }
    }

    mutating func append(_ sequence: UInt64) {
        switch count {
        case 0: first = sequence
        case 1: second = sequence
        default: more.append(sequence)
        }
        count += 1
    }

    var array: [UInt64] {
        switch count {
        case 0: []
        case 1: [first]
        default: [first, second] + more
        }
    }
}

/// Equal condition and need lists share one array: most cases have one of a
/// few, and an array of its own costs a case 48 bytes of heap. Bounded: past
/// `limit` distinct lists, new ones are kept as they come.
private struct SharedLists: Sendable {
    private var conditions: [[Case.Condition]: [Case.Condition]] = [:]
    private var needs: [[Case.Need]: [Case.Need]] = [:]
    private static let limit = 4_096

    mutating func share(_ record: inout Case) {
        if !record.conditions.isEmpty {
            if let shared = conditions[record.conditions] {
                record.conditions = shared
            } else if conditions.count < Self.limit {
                conditions[record.conditions] = record.conditions
            }
        }
        if !record.needs.isEmpty {
            if let shared = needs[record.needs] {
                record.needs = shared
            } else if needs.count < Self.limit {
                needs[record.needs] = record.needs
            }
        }
    }
}

// MARK: Dictionary-like views

/// The cases by id, read through the table: `cases[id]`, `cases.keys`,
/// `for (id, record) in cases`, as the dictionary it replaces.
public struct CaseRecords: Sendable, Sequence {
    let table: CaseTable

    public subscript(id: String) -> Case? {
        table.slot(of: id).map(table.record(at:))
    }

    public var count: Int { table.count }
    public var isEmpty: Bool { table.isEmpty }
    public var keys: [String] { table.ids }
    public var values: some Sequence<Case> { (0..<table.count).lazy.map { [table] in table.record(at: $0) } }

    public struct Iterator: IteratorProtocol {
        let table: CaseTable
        var at = 0
        public mutating func next() -> (key: String, value: Case)? {
            guard at < table.count else { return nil }
            defer { at += 1 }
            return (key: table.id(at: at), value: table.record(at: at))
        }
    }

    public func makeIterator() -> Iterator { Iterator(table: table) }
    public var underestimatedCount: Int { table.count }
}

extension CaseRecords: Equatable {
    /// The same cases by id, as two dictionaries compare.
    public static func == (lhs: CaseRecords, rhs: CaseRecords) -> Bool {
        lhs.count == rhs.count && lhs.allSatisfy { rhs[$0.key] == $0.value }
    }
}

/// The facts by case id, read through the table.
public struct CaseFactsByID: Sendable, Sequence {
    let table: CaseTable

    public subscript(id: String) -> CaseFacts? {
        table.slot(of: id).map(table.facts(at:))
    }

    public var count: Int { table.count }
    public var isEmpty: Bool { table.isEmpty }

    public struct Iterator: IteratorProtocol {
        let table: CaseTable
        var at = 0
        public mutating func next() -> (key: String, value: CaseFacts)? {
            guard at < table.count else { return nil }
            defer { at += 1 }
            return (key: table.id(at: at), value: table.facts(at: at))
        }
    }

    public func makeIterator() -> Iterator { Iterator(table: table) }
    public var underestimatedCount: Int { table.count }
}

import CorridorModel

/// The priority selection (policy "priority-v1"): given the waiting cases at
/// a list's origin, its rules and its quota, the ranked entries and, for
/// every case left out, what left it out. A pure function of its inputs: the
/// same cases, rules, quota, policy and as-of date give the same entries, byte
/// for byte.
///
/// Order: precedence (URGENT, URGENT_SURGICAL, PRIORITY, ROUTINE); then
/// vulnerability (infant under 12 months, child under 18 years, elderly 65+,
/// pregnant, none: the best class that applies); then longest waiting
/// (earliest registration: the field's date when the case has one, else the
/// registry's time; `Case.waitingSinceMs`); then id.
///
/// The candidates are the cases waiting now, whatever the as-of date: it is
/// only the day the days waited are counted to. A case registered after it
/// stays a candidate (leaving out someone who waits today because of an
/// earlier as-of date would be the worse mistake), and its explanation says
/// it was not yet registered then instead of "waiting 0 days"
/// (`explanation(_:companions:notes:)`).
///
/// Fast on large origins: every candidate gets one integer sort key, ids are
/// compared only between equal keys, and words are written only for the
/// entries and for the left-out rows a caller asks for.
public struct PrioritySelection: Sendable {
    public static let currentPolicy = "priority-v1"
    public static let knownPolicies = ["priority-v1"]

    /// The places of the quota (1 + companions when they count).
    public var quota: UInt32
    /// Places still free: the quota for a fresh selection, less the places
    /// taken for a top-up.
    public var placesLeft: UInt32
    public var companionsCount: Bool
    /// In the list's order; lifted ones apply to nothing.
    public var rules: [EligibilityRule]
    /// Days since 1970-01-01 (UTC) the days waited are counted to.
    public var asOfDay: Int64
    /// Ranks of new entries (and of left-out cases) continue after this one.
    public var rankOffset: UInt32
    /// The list version new entries are added in.
    public var version: UInt32
    /// For a re-selection: the version that first added each case still on the list.
    public var addedIn: [String: UInt32]
    /// Cases already on the list (for a top-up), so a companion among them is named as such.
    public var onList: Set<String> = []

    public init(
        quota: UInt32, placesLeft: UInt32? = nil, companionsCount: Bool, rules: [EligibilityRule], asOfDay: Int64,
        rankOffset: UInt32 = 0, version: UInt32 = 1, addedIn: [String: UInt32] = [:]
    ) {
        self.quota = quota
        self.placesLeft = placesLeft ?? quota
        self.companionsCount = companionsCount
        self.rules = rules.filter { !$0.lifted && $0.effect != .unspecified }
        self.asOfDay = asOfDay
        self.rankOffset = rankOffset
        self.version = version
        self.addedIn = addedIn
    }

    // MARK: Candidates

    /// The site and every site within it (by the parent chain).
    public static func sitesWithin(_ originID: String, sites: [String: Site]) -> Set<String> {
        RegistryState.siteTree(originID, sites: sites)
    }

    /// The WAITING cases at the origin or within it, in no particular order.
    /// `treatAsWaiting` are LISTED cases a re-selection puts back in play;
    /// `excluding` are cases never to consider (already on the list).
    public static func candidates(
        in state: RegistryState, origin: String, treatAsWaiting: Set<String> = [], excluding: Set<String> = []
    ) -> [Case] {
        let pool = gather(in: state, origin: origin, treatAsWaiting: treatAsWaiting, excluding: excluding) { _, _, _ in }
        return (0..<pool.count).map(pool.record)
    }

    /// The candidates: an array given by the caller, or ids into the
    /// registry's dictionary (no case is copied until it is needed in full).
    struct Pool: Sendable {
        var array: [Case] = []
        var dictionary = CaseRecords(table: CaseTable())
        var ids: [String] = []
        var inDictionary = false
        var count: Int { inDictionary ? ids.count : array.count }

        func record(_ index: Int) -> Case {
            inDictionary ? dictionary[ids[index]]! : array[index]
        }

        func id(_ index: Int) -> String {
            inDictionary ? ids[index] : array[index].id
        }
    }

    /// Scans the registry's case facts once: those WAITING (or put back in
    /// play) at the origin or within it, each handed to `visit` as found.
    static func gather(
        in state: RegistryState, origin: String, treatAsWaiting: Set<String>, excluding: Set<String>,
        visit: (String, CaseFacts, Int) -> Void
    ) -> Pool {
        // The sites' own id strings, as cases hold them: comparing them with
        // a case's site is then a pointer check.
        let within = sitesWithin(origin, sites: state.sites)
        let withinList = Array(within)
        var pool = Pool()
        pool.dictionary = state.cases
        pool.inDictionary = true
        let atOrigin = within.reduce(0) { $0 + state.caseTable.count(at: $1) }
        func consider(_ id: String, _ facts: CaseFacts) {
            if facts.status == .waiting {
                if !excluding.isEmpty && excluding.contains(id) { return }
            } else if facts.status != .listed || treatAsWaiting.isEmpty || !treatAsWaiting.contains(id) {
                return
            }
            visit(id, facts, pool.ids.count)
            pool.ids.append(id)
        }
        if atOrigin * 4 >= state.caseFacts.count {
            // Most cases are here: one pass over all of them beats a lookup each.
            pool.ids.reserveCapacity(atOrigin)
            let few = withinList.count <= 8
            for (id, facts) in state.caseFacts where few ? withinList.contains(facts.siteID) : within.contains(facts.siteID) {
                consider(id, facts)
            }
        } else {
            for site in withinList.sorted() {
                let table = state.caseTable
                for slot in table.slots(at: site) {
                    consider(table.id(at: Int(slot)), table.facts(at: Int(slot)))
                }
            }
        }
        return pool
    }

    // MARK: Running

    /// Why a candidate is not on the list.
    enum Mark: Sendable {
        case noConsent
        case rule(Int)
        /// Ranked, but the quota was filled.
        case quotaFilled(rank: UInt32)
        /// Ranked, but needs more places than were left.
        case tooLarge(rank: UInt32, needed: UInt32, left: UInt32)
    }

    public struct Outcome: Sendable {
        /// The new entries, ranked from `rankOffset + 1`.
        public var entries: [ListEntry]
        /// How many waiting cases were considered.
        public var considered: Int
        /// The cases the entries take (each entry's case and its companions).
        public var selectedCaseIDs: [String]
        public var placesUsed: UInt32
        let pool: Pool
        let rules: [EligibilityRule]
        let quota: UInt32
        let verdict: [Int16]
        let taken: [Bool]
        /// Left out by consent or a rule, not yet in order.
        let excluded: [SortKey]
        /// Ranked and left out while places were being filled, in order.
        let ranked: [(index: Int32, mark: Mark)]
        /// Eligible cases after the quota was filled (not yet in order, some
        /// taken as companions), ranked from `restRankOffset + 1`.
        let rest: [SortKey]
        let restRankOffset: UInt32
        let restCount: Int

        /// The report is in three parts: excluded by consent or a rule, then
        /// ranked while places were filled, then the rest by rank.
        public var leftOutTotal: Int { excluded.count + ranked.count + restCount }

        /// The left-out report from `offset`, at most `limit` rows. Only the
        /// rows asked for are put in order and written.
        public func leftOut(offset: Int = 0, limit: Int = Int.max) -> [LeftOutCase] {
            guard offset < leftOutTotal, limit > 0 else { return [] }
            let end = limit >= leftOutTotal - offset ? leftOutTotal : offset + limit
            var rows: [LeftOutCase] = []
            rows.reserveCapacity(end - offset)
            let less = PrioritySelection.less(pool)
            if offset < excluded.count {
                var sorted = excluded
                let upTo = min(end, excluded.count)
                PrioritySelection.partialSort(&sorted, upTo, by: less)
                for item in sorted[offset..<upTo] {
                    let index = Int(item.index)
                    rows.append(row(index: index, mark: verdict[index] == -2 ? .noConsent : .rule(Int(verdict[index]))))
                }
            }
            let rankedStart = excluded.count
            if end > rankedStart && offset < rankedStart + ranked.count {
                for item in ranked[max(offset, rankedStart) - rankedStart..<min(end, rankedStart + ranked.count) - rankedStart] {
                    rows.append(row(index: Int(item.index), mark: item.mark))
                }
            }
            let restStart = rankedStart + ranked.count
            if end > restStart {
                var sorted = rest.filter { !taken[Int($0.index)] }
                let from = max(offset, restStart) - restStart, upTo = end - restStart
                PrioritySelection.partialSort(&sorted, upTo, by: less)
                for (position, item) in sorted[from..<upTo].enumerated() {
                    rows.append(row(index: Int(item.index), mark: .quotaFilled(rank: restRankOffset + UInt32(from + position) + 1)))
                }
            }
            return rows
        }

        /// The whole report counted by reason: consent, each rule (in the
        /// list's order), quota filled, not enough places.
        public func leftOutCounts() -> [LeftOutCount] {
            var consent: UInt32 = 0, quotaCount = UInt32(restCount), size: UInt32 = 0
            var byRule = [UInt32](repeating: 0, count: rules.count)
            for item in excluded {
                let value = verdict[Int(item.index)]
                if value == -2 { consent += 1 } else { byRule[Int(value)] += 1 }
            }
            for (_, mark) in ranked {
                switch mark {
                case .quotaFilled: quotaCount += 1
                case .tooLarge: size += 1
                case .noConsent, .rule: break
                }
            }
            var counts: [LeftOutCount] = []
            if consent > 0 { counts.append(LeftOutCount(reason: "consent not given", count: consent)) }
            for (index, count) in byRule.enumerated() where count > 0 {
                let rule = rules[index]
                counts.append(LeftOutCount(reason: "rule \(rule.id) (imposed by \(rule.imposedBy))", count: count, ruleID: rule.id, imposedBy: rule.imposedBy))
            }
            if quotaCount > 0 { counts.append(LeftOutCount(reason: "quota filled", count: quotaCount)) }
            if size > 0 { counts.append(LeftOutCount(reason: "not enough places for the case and its companions", count: size)) }
            return counts
        }

        private func row(index: Int, mark: Mark) -> LeftOutCase {
            let id = pool.id(index)
            switch mark {
            case .noConsent:
                return LeftOutCase(caseID: id, reason: "consent not given")
            case .rule(let ruleIndex):
                let rule = rules[ruleIndex]
                return LeftOutCase(caseID: id, ruleID: rule.id, imposedBy: rule.imposedBy, reason: rule.refusalText)
            case .quotaFilled(let rank):
                return LeftOutCase(caseID: id, rank: rank, reason: "rank \(rank); quota of \(quota) filled")
            case .tooLarge(let rank, let needed, let left):
                return LeftOutCase(caseID: id, rank: rank, reason: "rank \(rank); needs \(needed) places, \(left) left")
            }
        }
    }

    /// The order: sort key, then the id's first bytes, then the whole id.
    static func less(_ pool: Pool) -> (SortKey, SortKey) -> Bool {
        { lhs, rhs in
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            if lhs.idKey != rhs.idKey { return lhs.idKey < rhs.idKey }
            return pool.id(Int(lhs.index)) < pool.id(Int(rhs.index))
        }
    }

    /// Puts the `count` smallest first, in order; the rest stay unordered.
    /// The order is total (ids are unique), so the result does not depend on
    /// the pivots chosen.
    static func partialSort(_ items: inout [SortKey], _ count: Int, by less: (SortKey, SortKey) -> Bool) {
        let count = min(count, items.count)
        guard count > 0 else { return }
        if count * 4 >= items.count {
            items.sort(by: less)
            return
        }
        // Quickselect: move the `count` smallest to the front.
        var low = 0, high = items.count - 1
        var rounds = 0
        while low < high {
            rounds += 1
            if rounds > 64 {
                items[low...high].sort(by: less)
                break
            }
            let middle = low + (high - low) / 2
            // Median of three as the pivot, kept at `high`.
            if less(items[middle], items[low]) { items.swapAt(middle, low) }
            if less(items[high], items[low]) { items.swapAt(high, low) }
            if less(items[middle], items[high]) { items.swapAt(middle, high) }
            let pivot = items[high]
            var store = low
            for position in low..<high where less(items[position], pivot) {
                items.swapAt(position, store)
                store += 1
            }
            items.swapAt(store, high)
            if store == count - 1 || store == count {
                break
            } else if store < count {
                low = store + 1
            } else {
                high = store - 1
            }
        }
        items[0..<count].sort(by: less)
    }

    /// What the first pass learns of each candidate.
    struct Classified {
        var order: [SortKey] = []
        /// -1 eligible, -2 no consent, otherwise the excluding rule's index.
        var verdict: [Int16] = []
        /// Candidates that name companions.
        var owners: [Int32] = []

        mutating func add(_ record: Case, at index: Int, rules: [CompiledRule]) {
            add(id: record.id, CaseFacts(record), at: index, rules: rules)
        }

        mutating func add(id: String, _ facts: CaseFacts, at index: Int, rules: [CompiledRule]) {
            var result: Int16 = -1
            if !facts.consentGiven {
                result = -2
            } else {
                for ruleIndex in rules.indices where rules[ruleIndex].excludes(facts) {
                    result = Int16(ruleIndex)
                    break
                }
            }
            verdict.append(result)
            order.append(SortKey(key: PrioritySelection.sortKey(facts), idKey: PrioritySelection.idKey(id), index: Int32(index)))
            if facts.namesCompanions { owners.append(Int32(index)) }
        }
    }

    /// Runs the selection over the given candidates (WAITING cases at the origin).
    public func run(candidates: [Case]) -> Outcome {
        var classified = Classified()
        classified.order.reserveCapacity(candidates.count)
        classified.verdict.reserveCapacity(candidates.count)
        let compiled = rules.map(CompiledRule.init)
        for (index, record) in candidates.enumerated() { classified.add(record, at: index, rules: compiled) }
        var pool = Pool()
        pool.array = candidates
        return run(pool, classified)
    }

    /// Runs the selection over the registry's WAITING cases at the origin or
    /// within it (see `candidates(in:origin:treatAsWaiting:excluding:)`).
    public func run(in state: RegistryState, origin: String, treatAsWaiting: Set<String> = [], excluding: Set<String> = []) -> Outcome {
        var classified = Classified()
        let compiled = rules.map(CompiledRule.init)
        let pool = Self.gather(in: state, origin: origin, treatAsWaiting: treatAsWaiting, excluding: excluding) { id, facts, index in
            classified.add(id: id, facts, at: index, rules: compiled)
        }
        return run(pool, classified)
    }

    func run(_ pool: Pool, _ classified: Classified) -> Outcome {
        let count = pool.count
        var verdict = classified.verdict
        let order = classified.order
        // Companions, looked up by id only where some case names them.
        var indexOf: [String: Int] = [:]
        if !classified.owners.isEmpty {
            var named: Set<String> = []
            for owner in classified.owners { named.formUnion(pool.record(Int(owner)).companionIDs) }
            for index in 0..<count {
                let id = pool.id(index)
                if named.contains(id) { indexOf[id] = index }
            }
            // INCLUDE_ONLY rules with companions_match: a companion of a matching case matches too.
            if rules.contains(where: { $0.effect == .includeOnly && $0.companionsMatch }) {
                var accompanied: [Int: [Int]] = [:]
                for owner in classified.owners {
                    for companion in pool.record(Int(owner)).companionIDs {
                        if let target = indexOf[companion] { accompanied[target, default: []].append(Int(owner)) }
                    }
                }
                for (index, owners) in accompanied where verdict[index] >= 0 {
                    let record = pool.record(index)
                    let principals = owners.map(pool.record)
                    verdict[index] = -1
                    for ruleIndex in rules.indices where rules[ruleIndex].excludes(record, accompanying: principals) {
                        verdict[index] = Int16(ruleIndex)
                        break
                    }
                }
            }
        }
        var eligible: [SortKey] = []
        var excluded: [SortKey] = []
        eligible.reserveCapacity(order.count)
        for item in order {
            if verdict[Int(item.index)] == -1 { eligible.append(item) } else { excluded.append(item) }
        }
        let less = Self.less(pool)
        // Only the head of the order is needed to fill the places: put it in
        // order, and the rest only if filling runs past it.
        var sortedUpTo = min(eligible.count, Int(placesLeft) * 2 + 2048)
        Self.partialSort(&eligible, sortedUpTo, by: less)

        var ranked: [(index: Int32, mark: Mark)] = []
        var taken = [Bool](repeating: false, count: count)
        var entries: [ListEntry] = []
        var selected: [String] = []
        var placesLeft = self.placesLeft
        var placesUsed: UInt32 = 0
        var rank = rankOffset
        var entryRank = rankOffset
        var position = 0
        while position < eligible.count && placesLeft > 0 {
            if position == sortedUpTo {
                eligible[position...].sort(by: less)
                sortedUpTo = eligible.count
            }
            let item = eligible[position]
            position += 1
            let index = Int(item.index)
            if taken[index] { continue }
            rank += 1
            let record = pool.record(index)
            var companions: [Int] = []
            var notes: [String] = []
            for companion in record.companionIDs {
                guard let companionIndex = indexOf[companion] else {
                    notes.append(onList.contains(companion) ? "companion \(companion) already on the list"
                                 : "companion \(companion) not taken: not waiting at the origin")
                    continue
                }
                if taken[companionIndex] {
                    notes.append("companion \(companion) already on the list")
                } else if verdict[companionIndex] == -2 {
                    notes.append("companion \(companion) not taken: consent not given")
                } else if verdict[companionIndex] >= 0 {
                    notes.append("companion \(companion) not taken: excluded by rule \(rules[Int(verdict[companionIndex])].id)")
                } else {
                    companions.append(companionIndex)
                }
            }
            let needed: UInt32 = companionsCount ? 1 + UInt32(companions.count) : 1
            if needed > placesLeft {
                ranked.append((item.index, .tooLarge(rank: rank, needed: needed, left: placesLeft)))
                continue
            }
            placesLeft -= needed
            placesUsed += needed
            taken[index] = true
            for companionIndex in companions { taken[companionIndex] = true }
            entryRank += 1
            let companionIDs = companions.map(pool.id)
            entries.append(ListEntry(
                rank: entryRank, caseID: record.id,
                explanation: explanation(record, companions: companionIDs, notes: notes),
                companionIDs: companionIDs, state: .active, addedInVersion: addedIn[record.id] ?? version
            ))
            selected.append(record.id)
            selected.append(contentsOf: companionIDs)
        }
        // A case left out on its own turn may still travel as a later entry's companion.
        if selected.count > entries.count { ranked.removeAll { taken[Int($0.index)] } }
        let rest = Array(eligible[position...])
        let restCount = selected.count > entries.count ? rest.reduce(0) { $0 + (taken[Int($1.index)] ? 0 : 1) } : rest.count
        return Outcome(
            entries: entries, considered: count, selectedCaseIDs: selected, placesUsed: placesUsed,
            pool: pool, rules: rules, quota: quota, verdict: verdict, taken: taken, excluded: excluded, ranked: ranked,
            rest: rest, restRankOffset: rank, restCount: restCount
        )
    }

    struct SortKey {
        var key: UInt64
        var idKey: UInt64
        var index: Int32
    }

    /// The id's first 8 bytes, big-endian: orders ids as their bytes do, the
    /// rest compared only when these are equal.
    static func idKey(_ id: String) -> UInt64 {
        var key: UInt64 = 0
        var taken = 0
        for byte in id.utf8 {
            key = key << 8 | UInt64(byte)
            taken += 1
            if taken == 8 { break }
        }
        return taken == 8 ? key : key << (8 * UInt64(8 - taken))
    }

    /// precedence (3 bits) | vulnerability (3 bits) | waiting since, ms (up to 2^50).
    static func sortKey(_ record: Case) -> UInt64 {
        sortKey(CaseFacts(record))
    }

    static func sortKey(_ record: CaseFacts) -> UInt64 {
        let precedence: UInt64 = switch record.precedence {
        case .urgent: 0
        case .urgentSurgical: 1
        case .priority: 2
        case .routine: 3
        case .unspecified: 4
        }
        let registered = min(record.waitingSinceMs, (1 << 50) - 1)
        return precedence << 56 | UInt64(vulnerability(record).rawValue) << 52 | registered
    }

    public enum Vulnerability: UInt8, Sendable {
        case infant, child, elderly, pregnant, none
    }

    /// The best class that applies.
    public static func vulnerability(_ record: Case) -> Vulnerability {
        vulnerability(CaseFacts(record))
    }

    public static func vulnerability(_ record: CaseFacts) -> Vulnerability {
        if record.ageMonths < 12 { return .infant }
        if record.ageMonths < 216 { return .child }
        if record.ageMonths >= 780 { return .elderly }
        if record.pregnant { return .pregnant }
        return .none
    }

    /// "URGENT; infant 6 months; waiting 41 days; with companion C-000123"
    public func explanation(_ record: Case, companions: [String] = [], notes: [String] = []) -> String {
        var parts = [record.precedence.rawValue]
        switch Self.vulnerability(record) {
        case .infant: parts.append("infant \(record.ageMonths) month\(record.ageMonths == 1 ? "" : "s")")
        case .child: parts.append("child \(record.ageMonths / 12) year\(record.ageMonths / 12 == 1 ? "" : "s")")
        case .elderly: parts.append("elderly \(record.ageMonths / 12) years")
        case .pregnant: parts.append("pregnant")
        case .none: break
        }
        let sinceDay = Int64(record.waitingSinceMs / 86_400_000)
        if sinceDay > asOfDay {
            // Not "waiting 0 days": the case was not known on the as-of date.
            let registered = record.fieldRegisteredOn.isEmpty ? "registered \(Self.date(ofDay: sinceDay))"
                : "registered in the field \(Self.date(ofDay: sinceDay))"
            parts.append("\(registered), after the as-of date \(Self.date(ofDay: asOfDay)): no days waited by then")
        } else {
            let days = asOfDay - sinceDay
            parts.append("waiting \(days) day\(days == 1 ? "" : "s")")
        }
        if companions.count == 1 {
            parts.append("with companion \(companions[0])")
        } else if !companions.isEmpty {
            parts.append("with companions \(companions.joined(separator: ", "))")
        }
        parts.append(contentsOf: notes)
        return parts.joined(separator: "; ")
    }

    // MARK: Dates

    /// "2026-11-21" → days since 1970-01-01, or nil.
    public static func day(of date: String) -> Int64? {
        CivilDate(date)?.daysSinceEpoch
    }

    /// Days since 1970-01-01 → "YYYY-MM-DD".
    public static func date(ofDay days: Int64) -> String {
        CivilDate(daysSinceEpoch: days).description
    }
}

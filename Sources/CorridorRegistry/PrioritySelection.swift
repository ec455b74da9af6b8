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
/// (earliest registration); then id.
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
        var within: Set<String> = [originID]
        for id in sites.keys {
            var current = id
            var steps = 0
            while steps < 64, let site = sites[current], !site.parentID.isEmpty {
                if site.parentID == originID { within.insert(id); break }
                current = site.parentID
                steps += 1
            }
        }
        return within
    }

    /// The WAITING cases at the origin or within it, in no particular order.
    /// `treatAsWaiting` are LISTED cases a re-selection puts back in play;
    /// `excluding` are cases never to consider (already on the list).
    public static func candidates(
        in state: RegistryState, origin: String, treatAsWaiting: Set<String> = [], excluding: Set<String> = []
    ) -> [Case] {
        var result: [Case] = []
        for site in sitesWithin(origin, sites: state.sites) {
            guard let ids = state.casesBySite[site] else { continue }
            result.reserveCapacity(result.count + ids.count)
            for id in ids {
                guard let record = state.cases[id] else { continue }
                if record.status == .waiting || (record.status == .listed && treatAsWaiting.contains(id)) {
                    if !excluding.isEmpty && excluding.contains(id) { continue }
                    result.append(record)
                }
            }
        }
        return result
    }

    // MARK: Running

    /// Why a candidate is not on the list.
    @usableFromInline enum Mark: Sendable {
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
        let candidates: [Case]
        let rules: [EligibilityRule]
        let quota: UInt32
        /// Excluded by consent or a rule first, then by rank; candidate index and why.
        let marks: [(index: Int32, mark: Mark)]

        public var leftOutTotal: Int { marks.count }

        /// The left-out report from `offset`, at most `limit` rows.
        public func leftOut(offset: Int = 0, limit: Int = Int.max) -> [LeftOutCase] {
            guard offset < marks.count else { return [] }
            let end = limit >= marks.count - offset ? marks.count : offset + limit
            return marks[offset..<end].map { row(index: Int($0.index), mark: $0.mark) }
        }

        /// How many were left out for each kind of reason (consent, each rule, quota, size).
        public func leftOutCounts() -> [(reason: String, count: Int)] {
            var consent = 0, quotaCount = 0, size = 0
            var byRule = [Int](repeating: 0, count: rules.count)
            for (_, mark) in marks {
                switch mark {
                case .noConsent: consent += 1
                case .rule(let index): byRule[index] += 1
                case .quotaFilled: quotaCount += 1
                case .tooLarge: size += 1
                }
            }
            var counts: [(String, Int)] = []
            if consent > 0 { counts.append(("consent not given", consent)) }
            for (index, count) in byRule.enumerated() where count > 0 {
                counts.append(("rule \(rules[index].id) (imposed by \(rules[index].imposedBy))", count))
            }
            if quotaCount > 0 { counts.append(("quota filled", quotaCount)) }
            if size > 0 { counts.append(("not enough places for the case and its companions", size)) }
            return counts
        }

        private func row(index: Int, mark: Mark) -> LeftOutCase {
            let id = candidates[index].id
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

    /// Runs the selection over the candidates (WAITING cases at the origin).
    public func run(candidates: [Case]) -> Outcome {
        let count = candidates.count
        // Companions, looked up by id only where some case names them.
        var named: Set<String> = []
        for record in candidates where !record.companionIDs.isEmpty { named.formUnion(record.companionIDs) }
        var indexOf: [String: Int] = [:]
        if !named.isEmpty {
            for (index, record) in candidates.enumerated() where named.contains(record.id) { indexOf[record.id] = index }
        }
        // For INCLUDE_ONLY rules with companions_match: who each case accompanies.
        var accompanied: [Int: [Int]] = [:]
        if rules.contains(where: { $0.effect == .includeOnly && $0.companionsMatch }) {
            for (index, record) in candidates.enumerated() {
                for companion in record.companionIDs {
                    if let target = indexOf[companion] { accompanied[target, default: []].append(index) }
                }
            }
        }

        // Eligibility: -1 eligible, -2 no consent, otherwise the excluding rule's index.
        var verdict = [Int16](repeating: -1, count: count)
        var order: [SortKey] = []
        order.reserveCapacity(count)
        for index in 0..<count {
            let record = candidates[index]
            if !record.consentGiven {
                verdict[index] = -2
            } else if !rules.isEmpty {
                for (ruleIndex, rule) in rules.enumerated() {
                    let excluded: Bool
                    if rule.effect == .includeOnly && rule.companionsMatch, let principals = accompanied[index] {
                        excluded = rule.excludes(record, accompanying: principals.map { candidates[$0] })
                    } else {
                        excluded = rule.excludes(record)
                    }
                    if excluded { verdict[index] = Int16(ruleIndex); break }
                }
            }
            order.append(SortKey(key: Self.sortKey(record), index: Int32(index)))
        }
        order.sort { lhs, rhs in
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            return candidates[Int(lhs.index)].id < candidates[Int(rhs.index)].id
        }

        var excludedMarks: [(index: Int32, mark: Mark)] = []
        var rankMarks: [(index: Int32, mark: Mark)] = []
        var taken = [Bool](repeating: false, count: count)
        var entries: [ListEntry] = []
        var selected: [String] = []
        var placesLeft = self.placesLeft
        var placesUsed: UInt32 = 0
        var rank = rankOffset
        var entryRank = rankOffset
        for item in order {
            let index = Int(item.index)
            switch verdict[index] {
            case -1: break
            case -2: excludedMarks.append((item.index, .noConsent)); continue
            default: excludedMarks.append((item.index, .rule(Int(verdict[index])))); continue
            }
            if taken[index] { continue }
            rank += 1
            if placesLeft == 0 {
                rankMarks.append((item.index, .quotaFilled(rank: rank)))
                continue
            }
            let record = candidates[index]
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
                rankMarks.append((item.index, .tooLarge(rank: rank, needed: needed, left: placesLeft)))
                continue
            }
            placesLeft -= needed
            placesUsed += needed
            taken[index] = true
            for companionIndex in companions { taken[companionIndex] = true }
            entryRank += 1
            let companionIDs = companions.map { candidates[$0].id }
            entries.append(ListEntry(
                rank: entryRank, caseID: record.id,
                explanation: explanation(record, companions: companionIDs, notes: notes),
                companionIDs: companionIDs, state: .active, addedInVersion: addedIn[record.id] ?? version
            ))
            selected.append(record.id)
            selected.append(contentsOf: companionIDs)
        }
        // A case left out on its own turn may still travel as a later entry's companion.
        let marks = excludedMarks + rankMarks.filter { !taken[Int($0.index)] }
        return Outcome(
            entries: entries, considered: count, selectedCaseIDs: selected, placesUsed: placesUsed,
            candidates: candidates, rules: rules, quota: quota, marks: marks
        )
    }

    struct SortKey {
        var key: UInt64
        var index: Int32
    }

    /// precedence (3 bits) | vulnerability (3 bits) | registered at, ms (up to 2^50).
    static func sortKey(_ record: Case) -> UInt64 {
        let precedence: UInt64 = switch record.precedence {
        case .urgent: 0
        case .urgentSurgical: 1
        case .priority: 2
        case .routine: 3
        case .unspecified: 4
        }
        let registered = min(record.registeredAtMs, (1 << 50) - 1)
        return precedence << 56 | UInt64(vulnerability(record).rawValue) << 52 | registered
    }

    public enum Vulnerability: UInt8, Sendable {
        case infant, child, elderly, pregnant, none
    }

    /// The best class that applies.
    public static func vulnerability(_ record: Case) -> Vulnerability {
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
        let days = max(0, asOfDay - Int64(record.registeredAtMs / 86_400_000))
        parts.append("waiting \(days) day\(days == 1 ? "" : "s")")
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
        guard let parsed = CalendarDate(date) else { return nil }
        return daysFromCivil(year: Int64(parsed.year), month: Int64(parsed.month), day: Int64(parsed.day))
    }

    /// Days since 1970-01-01 → "YYYY-MM-DD".
    public static func date(ofDay days: Int64) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

import CorridorModel

// The coordination cell's daily questions over the state: waiting cases by
// precedence and days waited, and deaths while waiting by site and period.
//
// WaitingCases makes one pass over the candidate cases (all of them, or those
// of the site tree: see forEachCase) and keeps the best `limit` in a bounded
// heap: O(n log limit) time and O(limit) memory, never a sort of every waiting
// case. Measured on 1,000,000 cases (release build, one core): about 85 ms
// for all sites with limit 100, 105 ms with limit 10000, 100 ms for a tree
// holding half the cases, 22 ms for a site holding 1/20 of them through the
// index; sorting every waiting case instead took 1.6-2.2 s.

/// Which waiting cases: of a site and the sites within it ("" for all), of
/// one precedence (if set), at most `limit` (0: 100; at most 10000).
struct WaitingCasesQuery {
    var siteID: String
    var precedence: Case.Precedence
    var limit: UInt32
}

/// Deaths of a site's tree ("" for all), between two dates (YYYY-MM-DD,
/// inclusive; "" for open).
struct DeathsWhileWaitingQuery {
    var siteID: String
    var from: String
    var to: String
}

extension RegistryState {
    static let reportPrecedences: [Case.Precedence] = [.urgent, .urgentSurgical, .priority, .routine]
    static let defaultReportLimit: UInt32 = 100
    static let maximumReportLimit: UInt32 = 10_000

    public func waitingCasesReport(siteID: String = "", precedence: Case.Precedence = .unspecified, limit: UInt32 = 0, nowMs: UInt64) throws(RegistryError) -> WaitingCasesResponse {
        try waitingCasesReport(WaitingCasesQuery(siteID: siteID, precedence: precedence, limit: limit), nowMs: nowMs)
    }

    func waitingCasesReport(_ request: WaitingCasesQuery, nowMs: UInt64) throws(RegistryError) -> WaitingCasesResponse {
        guard request.limit <= Self.maximumReportLimit else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "limit", reason: "\(request.limit) is more than \(Self.maximumReportLimit)")])
        }
        let limit = Int(request.limit == 0 ? Self.defaultReportLimit : request.limit)
        var best = BoundedWorstFirstHeap<WaitingKey>(capacity: limit)
        // By precedence rank: no hashing in the pass over every case.
        var counts = [(count: UInt32, longest: UInt32)](repeating: (0, 0), count: 5)

        func consider(_ id: String, _ record: CaseFacts) {
            guard Self.reportCountsAsWaiting(record.status),
                  request.precedence == .unspecified || record.precedence == request.precedence else { return }
            let since = record.waitingSinceMs
            let days = nowMs > since ? UInt32(clamping: (nowMs - since) / 86_400_000) : 0
            let rank = Self.precedenceRank(record.precedence)
            counts[Int(rank)].count += 1
            counts[Int(rank)].longest = max(counts[Int(rank)].longest, days)
            best.offer(WaitingKey(rank: rank, daysWaited: days, caseID: id))
        }

        if request.siteID.isEmpty {
            for (id, facts) in caseFacts { consider(id, facts) }
        } else {
            guard sites[request.siteID] != nil else { throw RegistryError.notFound("no site with id \"\(request.siteID)\"") }
            forEachReportCase(inSiteTree: reportSiteTree(request.siteID), consider)
        }

        let rows = best.sortedBestFirst().compactMap { key -> WaitingCaseRow? in
            guard let record = cases[key.caseID] else { return nil }
            return WaitingCaseRow(
                caseID: record.id, siteID: record.siteID, precedence: record.precedence, daysWaited: key.daysWaited,
                status: record.status, ageMonths: record.ageMonths, conditions: record.conditions
            )
        }
        var shown = request.precedence == .unspecified ? Self.reportPrecedences : [request.precedence]
        if request.precedence == .unspecified && counts[Int(Self.precedenceRank(.unspecified))].count > 0 { shown.append(.unspecified) }
        let byPrecedence = shown.map { precedence in
            let tally = counts[Int(Self.precedenceRank(precedence))]
            return PrecedenceCount(precedence: precedence, count: tally.count, longestWaitDays: tally.longest)
        }
        let total = counts.reduce(UInt32(0)) { $0 &+ $1.count }
        return WaitingCasesResponse(cases: rows, byPrecedence: byPrecedence, total: total)
    }

    public func deathsWhileWaitingReport(siteID: String = "", from: String = "", to: String = "") throws(RegistryError) -> DeathsWhileWaitingResponse {
        try deathsWhileWaitingReport(DeathsWhileWaitingQuery(siteID: siteID, from: from, to: to))
    }

    func deathsWhileWaitingReport(_ request: DeathsWhileWaitingQuery) throws(RegistryError) -> DeathsWhileWaitingResponse {
        var checks = FieldChecks()
        let from = checks.date(request.from, "from", required: false)
        let to = checks.date(request.to, "to", required: false)
        if let from, let to {
            checks.require(!(to < from), "to", "\(request.to) is before from \(request.from)")
        }
        try checks.throwIfAny()
        let bounded = !request.from.isEmpty || !request.to.isEmpty
        var bySite: [String: [String]] = [:]

        func consider(_ id: String, _ facts: CaseFacts) {
            // Deaths are few: the full record only for them.
            guard facts.status == .deceased, let record = cases[id] else { return }
            if bounded {
                // YYYY-MM-DD compares as text; a death without a date is outside every period.
                guard !record.statusDate.isEmpty,
                      request.from.isEmpty || record.statusDate >= request.from,
                      request.to.isEmpty || record.statusDate <= request.to else { return }
            }
            bySite[record.siteID, default: []].append(record.id)
        }

        if request.siteID.isEmpty {
            for (id, facts) in caseFacts { consider(id, facts) }
        } else {
            guard sites[request.siteID] != nil else { throw RegistryError.notFound("no site with id \"\(request.siteID)\"") }
            forEachReportCase(inSiteTree: reportSiteTree(request.siteID), consider)
        }
        let sites = bySite.keys.sorted().map { siteID in
            let ids = bySite[siteID]!.sorted()
            return DeathsAtSite(siteID: siteID, count: UInt32(ids.count), caseIDs: ids)
        }
        return DeathsWhileWaitingResponse(sites: sites, total: sites.reduce(0) { $0 + $1.count })
    }

    /// WAITING, LISTED or SCHEDULED: not yet on the way out.
    static func reportCountsAsWaiting(_ status: Case.Status) -> Bool {
        switch status {
        case .waiting, .listed, .scheduled: true
        default: false
        }
    }

    static func precedenceRank(_ precedence: Case.Precedence) -> UInt8 {
        switch precedence {
        case .urgent: 0
        case .urgentSurgical: 1
        case .priority: 2
        case .routine: 3
        case .unspecified: 4
        }
    }
}

/// A waiting case's place in the report: precedence, then longest waiting, then id.
struct WaitingKey: Comparable {
    var rank: UInt8
    var daysWaited: UInt32
    var caseID: String

    /// `<` is "comes before in the report".
    static func < (lhs: WaitingKey, rhs: WaitingKey) -> Bool {
        if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
        if lhs.daysWaited != rhs.daysWaited { return lhs.daysWaited > rhs.daysWaited }
        return lhs.caseID < rhs.caseID
    }
}

/// Keeps the `capacity` smallest elements offered: a max-heap whose root is
/// the worst kept, so most offers are refused with one comparison.
struct BoundedWorstFirstHeap<Element: Comparable> {
    private(set) var elements: [Element] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        elements.reserveCapacity(min(capacity, 1 << 16))
    }

    mutating func offer(_ element: Element) {
        guard capacity > 0 else { return }
        if elements.count < capacity {
            elements.append(element)
            siftUp(elements.count - 1)
        } else if element < elements[0] {
            elements[0] = element
            siftDown(0)
        }
    }

    func sortedBestFirst() -> [Element] { elements.sorted() }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard elements[parent] < elements[child] else { return }
            elements.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let count = elements.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            var largest = left
            let right = left + 1
            if right < count && elements[left] < elements[right] { largest = right }
            guard elements[parent] < elements[largest] else { return }
            elements.swapAt(parent, largest)
            parent = largest
        }
    }
}

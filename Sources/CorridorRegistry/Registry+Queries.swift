import CorridorModel
import CorridorStore

// Reads: from the in-memory state once it is durable, and, for history and
// watch, from the event log itself.

extension Registry {
    func view(of caseID: String, in state: RegistryState? = nil, nowMs: UInt64 = Registry.unixNanoseconds() / 1_000_000) -> CaseView? {
        Self.view(of: caseID, in: state ?? currentState, nowMs: nowMs)
    }

    static func view(of caseID: String, in state: RegistryState, nowMs: UInt64) -> CaseView? {
        guard let record = state.cases[caseID] else { return nil }
        let since = record.waitingSinceMs
        let days = record.status.isWaiting && nowMs > since ? (nowMs - since) / 86_400_000 : 0
        return CaseView(case: record, personal: state.personal(of: caseID), daysWaiting: UInt32(clamping: days))
    }

    public func party(_ id: String) async throws(RegistryError) -> Party {
        guard let party = try await readDurably({ $0.parties[id] }) else { throw RegistryError.notFound("no party with id \"\(id)\"") }
        return party
    }

    public func parties() async throws(RegistryError) -> [Party] {
        try await readDurably { $0.parties.values.sorted { $0.id < $1.id } }
    }

    public func site(_ id: String) async throws(RegistryError) -> Site {
        guard let site = try await readDurably({ $0.sites[id] }) else { throw RegistryError.notFound("no site with id \"\(id)\"") }
        return site
    }

    public func sites(kind: Site.Kind, parentID: String) async throws(RegistryError) -> [Site] {
        try await readDurably { state throws(RegistryError) in
            if !parentID.isEmpty && state.sites[parentID] == nil {
                throw RegistryError.notFound("no site with id \"\(parentID)\"")
            }
            return state.sites.values
                .filter { (kind == .unspecified || $0.kind == kind) && (parentID.isEmpty || $0.parentID == parentID) }
                .sorted { $0.id < $1.id }
        }
    }

    /// One case, answered once everything it shows is durable. Only the
    /// case's own events change it (`RegistryState.apply`: registered,
    /// updated, personal part updated or erased, status changed), so the
    /// answer waits for the last of those, not for every write in flight as
    /// `readDurably` must: under write load a read of a case not written
    /// in the current group commit answers without waiting for its msync.
    /// The view is made before the wait, so nothing applied meanwhile shows.
    public func caseView(_ id: String) async throws(RegistryError) -> CaseView {
        guard let (view, lastChange) = viewAndLastChange(of: id) else { throw RegistryError.notFound("no case with id \"\(id)\"") }
        do {
            try await eventLog.waitUntilDurable(lastChange)
        } catch {
            throw RegistryError.store(error)
        }
        return view
    }

    /// Synchronous, so the state is not held across the wait (holding it
    /// would make the next command copy the case table).
    private func viewAndLastChange(of id: String) -> (CaseView, UInt64)? {
        let state = currentState
        guard let view = view(of: id, in: state), let slot = state.caseTable.slot(of: id) else { return nil }
        return (view, state.caseTable.history(at: slot).last ?? 0)
    }

    public static let defaultPageSize: UInt32 = 100
    public static let maximumPageSize: UInt32 = 10_000

    /// Cases by id, optionally of one site and one status, a page at a time:
    /// those whose id sorts after `after` ("" for the first page). When more
    /// follow, `nextPageToken` is the page's last id, the next page's `after`;
    /// the server seals it into the opaque token clients see (PageTokens).
    /// Off the actor, on the durable state: commands go on meanwhile. One pass
    /// keeps the page's ids in a small sorted buffer instead of sorting every
    /// match, so a page costs O(n) however many cases a site holds.
    public nonisolated func cases(siteID: String, status: Case.Status, limit: UInt32, after: String) async throws(RegistryError) -> ListCasesResponse {
        guard limit <= Self.maximumPageSize else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "limit", reason: "\(limit) is more than \(Self.maximumPageSize)")])
        }
        return try await readDurablyOffActor { state throws(RegistryError) in
            let pageSize = Int(limit == 0 ? Self.defaultPageSize : limit)
            var page = SmallestIDs(capacity: pageSize)
            var matching = 0
            var beyond = 0
            func consider(_ id: String) {
                matching += 1
                guard id > after else { return }
                beyond += 1
                page.offer(id)
            }
            // A case is looked up only when its status matters: the ids alone
            // answer an unfiltered page.
            if siteID.isEmpty {
                if status == .unspecified {
                    for id in state.cases.keys { consider(id) }
                } else {
                    for (id, record) in state.cases where record.status == status { consider(id) }
                }
            } else {
                guard state.sites[siteID] != nil else { throw RegistryError.notFound("no site with id \"\(siteID)\"") }
                let table = state.caseTable
                for slot in table.slots(at: siteID) where status == .unspecified || table.facts(at: Int(slot)).status == status {
                    consider(table.id(at: Int(slot)))
                }
            }
            let nowMs = Self.unixNanoseconds() / 1_000_000
            return ListCasesResponse(
                cases: page.ids.compactMap { Self.view(of: $0, in: state, nowMs: nowMs) },
                nextPageToken: beyond > pageSize ? (page.ids.last ?? "") : "",
                total: UInt32(clamping: matching)
            )
        }
    }

    /// Every event of one record, oldest first. `id` may be "kind:id" (e.g.
    /// "site:ghouta") where a party, a site and a case share an id.
    public func history(of id: String) async throws(RegistryError) -> [RecordedEvent] {
        let (sequences, erasure) = try historyLookup(id)
        // Like GetCase: the record's own last event made durable, nothing
        // else waited for; what the lookup saw is all that is shown.
        if let last = sequences.last { try await waitUntilDurable(last) }
        var entries: [RecordedEvent] = []
        for sequence in sequences {
            do {
                try eventLog.read(from: sequence) { record in
                    guard record.header.sequence == sequence else { return false }
                    let event = Self.showingErasure(try recordCoding.decodeEvent(record.payload), erasure: erasure)
                    entries.append(RecordedEvent(sequence: sequence, recordedAtNs: record.header.timestampNanoseconds, event: event))
                    return false
                }
            } catch {
                throw RegistryError.undecodable(sequence: sequence, error: "\(error)")
            }
        }
        return entries
    }

    /// The sequences of the events of the record `id` names and, for a case, its
    /// erasure as the state knows it: synchronous, so nothing applied later
    /// is mixed in and the state is not held across the wait.
    private func historyLookup(_ id: String) throws(RegistryError) -> (sequences: [UInt64], erasure: PersonalErasure?) {
        let state = currentState
        let keys: [RecordKey]
        if let colon = id.firstIndex(of: ":"), let kind = RecordKind(rawValue: String(id[..<colon])) {
            keys = [RecordKey(kind: kind, id: String(id[id.index(after: colon)...]))]
        } else {
            keys = RecordKind.allCases.map { RecordKey(kind: $0, id: id) }
        }
        let found = keys.filter { state.history(of: $0) != nil }
        guard let key = found.first else { throw RegistryError.notFound("no party, site or case with id \"\(id)\"") }
        guard found.count == 1 else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "id", reason: "\"\(id)\" names a \(found.map(\.kind.rawValue).joined(separator: " and a ")); say which, e.g. \"\(found[0].kind.rawValue):\(id)\"")])
        }
        let erasure = key.kind == .case ? state.personal(of: key.id)?.erasure : nil
        return (state.history(of: key) ?? [], erasure)
    }

    /// A case's event whose sealed personal part no longer opens shows when
    /// and why it was erased (`erasure`: the case's, as the state knows it).
    static func showingErasure(_ event: Event, erasure: PersonalErasure?) -> Event {
        var event = event
        switch event.kind {
        case .caseRegistered(var registered):
            guard registered.personal?.erasure != nil, let erasure else { return event }
            registered.personal = .erased(erasure)
            event.kind = .caseRegistered(registered)
        case .casePersonalUpdated(var updated):
            guard updated.personal?.erasure != nil, let erasure else { return event }
            updated.personal = .erased(erasure)
            event.kind = .casePersonalUpdated(updated)
        default:
            break
        }
        return event
    }

    /// Sends every event from `fromSequence` on that passes the filter, then
    /// each new one as it becomes durable, until the caller stops (`send`
    /// throws) or the log closes (UNAVAILABLE).
    public nonisolated func watch(
        from fromSequence: UInt64, kinds: Set<RecordKind>, recordID: String,
        send: (RecordedEvent) async throws -> Void
    ) async throws {
        try await watchBursts(from: fromSequence, kinds: kinds, recordID: recordID) { batch in
            for event in batch { try await send(event) }
        }
    }

    /// `watch`, a burst at a time: the events read in one pass (up to 256,
    /// in order, never empty), so that a caller with work per delivery (an
    /// audited watch's durable record) does it once per burst, not per event.
    public nonisolated func watchBursts(
        from fromSequence: UInt64, kinds: Set<RecordKind>, recordID: String,
        send: ([RecordedEvent]) async throws -> Void
    ) async throws {
        var next = max(fromSequence, 1)
        while true {
            try Task.checkCancellation()
            var batch: [RecordedEvent] = []
            next = try eventLog.read(from: next) { record in
                let event: Event
                do {
                    event = try recordCoding.decodeEvent(record.payload)
                } catch {
                    // The log holds it whole; this server cannot read it.
                    throw RegistryError.undecodable(sequence: record.header.sequence, error: "\(error)")
                }
                let subject = event.kind.subject
                if (kinds.isEmpty || kinds.contains(subject.kind)) && (recordID.isEmpty || subject.id == recordID) {
                    batch.append(RecordedEvent(sequence: record.header.sequence, recordedAtNs: record.header.timestampNanoseconds, event: event))
                }
                return batch.count < 256
            }
            if !batch.isEmpty { try await send(batch) }
            if next > eventLog.figures.durableSequence {
                do {
                    try await eventLog.waitUntilDurable(next)
                } catch where error.isCancelled {
                    throw CancellationError()
                } catch {
                    throw RegistryError.unavailable("the registry is shutting down; resume the watch from sequence \(next)")
                }
            }
        }
    }
}

/// The `capacity` smallest ids offered, in order. Most offers lose to the
/// largest kept one and cost one comparison; a winner is inserted in place.
struct SmallestIDs {
    let capacity: Int
    private(set) var ids: [String] = []

    init(capacity: Int) {
        self.capacity = capacity
        ids.reserveCapacity(capacity + 1)
    }

    mutating func offer(_ id: String) {
        if ids.count == capacity {
            guard let largest = ids.last, id < largest else { return }
            ids.removeLast()
        }
        var low = 0, high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        ids.insert(id, at: low)
    }
}

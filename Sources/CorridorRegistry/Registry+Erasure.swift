import CorridorModel
import CorridorStore

// Erasure of personal parts (crypto-shredding): the erasure is recorded as
// an event (who, when, why; no personal data), then the case's data key is
// destroyed, so that every sealed copy of the personal part — the log, the
// snapshots, their backups — can no longer be opened. A crash between the
// two is finished at the next start (`finishErasures`).

extension RegistryState {
    /// Closed cases: the statuses after which retention counts.
    static let closedStatuses: Set<Case.Status> = [.evacuated, .deceased, .withdrawn]

    func decideErasePersonalData(caseID: String, reason: String) throws(RegistryError) -> [EventKind] {
        guard cases[caseID] != nil else {
            throw RegistryError.notFound("no case with id \"\(caseID)\"")
        }
        var checks = FieldChecks()
        checks.require(!reason.allSatisfy(\.isWhitespace), "reason", "is required: why the personal part is erased (the person's request, retention, a court order)")
        checks.text(reason, "reason", required: false, maxLength: 1000)
        try checks.throwIfAny()
        if let erasure = personal(of: caseID)?.erasure, erasure.atMs > 0 {
            throw RegistryError.failedPrecondition("the personal part of case \(caseID) was already \(erasure.description)")
        }
        return [.casePersonalErased(CasePersonalErased(caseID: caseID))]
    }

    /// Cases whose erasure is recorded (the key may still need destroying).
    var erasedCaseIDs: Set<String> {
        Set(personal.filter { $0.value.erasure != nil }.keys)
    }
}

extension Registry {
    /// Erases a case's personal part for good, with a reason. Returns the
    /// case as it now is (its personal part: when and why it was erased).
    public func erasePersonalData(caseID: String, reason: String, actor: Actor) async throws(RegistryError) -> CaseView {
        let events = try currentState.decideErasePersonalData(caseID: caseID, reason: reason)
        let erased = try await commit(events, actor: actor, reason: reason) { view(of: caseID) }
        try destroyKeys(of: [caseID])
        return try committed(erased, "case \(caseID)")
    }

    /// Erases the personal part of every case closed (evacuated, deceased,
    /// withdrawn) more than `days` days before `nowMs`, with reason
    /// "retention"; returns their ids. The day a case closed is its status
    /// date, or the day of its last status event when it has none.
    public func erasePersonalDataPastRetention(closedForDays days: UInt32, nowMs: UInt64, actor: Actor) async throws(RegistryError) -> [String] {
        let state = currentState
        let cutoffMs = nowMs > UInt64(days) * 86_400_000 ? nowMs - UInt64(days) * 86_400_000 : 0
        var due: [String] = []
        for (caseID, details) in state.personal.sorted(by: { $0.key < $1.key }) where details.erasure == nil || details.erasure?.atMs == 0 {
            guard let record = state.cases[caseID], RegistryState.closedStatuses.contains(record.status) else { continue }
            let closedMs: UInt64
            if let day = CivilDate(record.statusDate)?.daysSinceEpoch, day >= 0 {
                closedMs = UInt64(day) * 86_400_000
            } else {
                closedMs = lastEventTimeMs(of: caseID, in: state) ?? nowMs
            }
            if closedMs < cutoffMs { due.append(caseID) }
        }
        // Each erasure recorded, then every key destroyed in one rewrite of
        // the key store (not one per case); a crash in between is finished
        // at the next start like any interrupted erasure.
        var erased: [String] = []
        for caseID in due {
            let events: [EventKind]
            do {
                events = try currentState.decideErasePersonalData(caseID: caseID, reason: "retention")
            } catch where error.code == .failedPrecondition || error.code == .notFound {
                continue  // erased (or gone) meanwhile
            }
            try await commit(events, actor: actor, reason: "retention")
            erased.append(caseID)
        }
        if !erased.isEmpty { try destroyKeys(of: Set(erased)) }
        return erased
    }

    private func lastEventTimeMs(of caseID: String, in state: RegistryState) -> UInt64? {
        guard let slot = state.caseTable.slot(of: caseID), let sequence = state.caseTable.history(at: slot).last else { return nil }
        var found: UInt64?
        _ = try? eventLog.read(from: sequence) { record in
            if record.header.sequence == sequence { found = record.header.timestampNanoseconds / 1_000_000 }
            return false
        }
        return found
    }

    /// Destroys the data keys of erased cases, durably.
    func destroyKeys(of caseIDs: Set<String>) throws(RegistryError) {
        guard let sealer = recordCoding.personalDataSealer else { return }
        do {
            try sealer.destroyKeys(of: caseIDs)
        } catch {
            logger.error("an erasure is recorded but its data key could not be destroyed; the next start finishes it", metadata: ["error": "\(error)"])
            throw RegistryError.internal("the erasure of \(caseIDs.sorted().joined(separator: ", ")) is recorded, but the data key could not be destroyed (\(error)); the next start destroys it")
        }
    }
}

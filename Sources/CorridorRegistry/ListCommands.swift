import CorridorModel

// Evacuation lists: create, select, submit, approve, strike, top up, close.
// Each decide function validates against the state and returns the events
// of one command; entries change only with a new version.

// The commands as the decide functions take them.

struct SelectListCommand {
    var listID: String
    var policyVersion: String
    var asOf: String
}

/// Submit, top up, close: a list and why.
struct ListActionCommand {
    var listID: String
    var reason: String
}

struct ApproveListCommand {
    var listID: String
    var partyID: String
}

struct StrikeEntryCommand {
    var listID: String
    var caseID: String
    var partyID: String
    var reason: String
    var topUp: Bool
}

extension RegistryState {
    func existingList(_ id: String) throws(RegistryError) -> EvacuationList {
        guard let list = lists[id] else { throw RegistryError.notFound("no list with id \"\(id)\"") }
        return list
    }

    // MARK: Create

    /// The most places a list can have: its entries travel in every event
    /// and answer, which must stay well inside the 4 MiB frame.
    static let maximumQuota: UInt32 = 10_000

    func decideCreateList(_ proposed: EvacuationList?, nowMs: UInt64) throws(RegistryError) -> (events: [EventKind], list: EvacuationList) {
        var checks = FieldChecks()
        guard var list = proposed else {
            checks.require(false, "list", "is required")
            try checks.throwIfAny()
            throw RegistryError.invalidArgument("list is required")
        }
        checks.identifier(list.id, "list.id")
        checks.text(list.title, "list.title", required: false)
        let agreement = agreements[list.agreementID]
        if list.agreementID.isEmpty {
            checks.require(false, "list.agreement_id", "is required")
        } else {
            checks.require(agreement != nil, "list.agreement_id", "no agreement with id \"\(list.agreementID)\"")
        }
        if list.originSiteID.isEmpty {
            checks.require(false, "list.origin_site_id", "is required")
        } else {
            checks.require(sites[list.originSiteID] != nil, "list.origin_site_id", "no site with id \"\(list.originSiteID)\"")
        }
        checks.require(list.quota >= 1, "list.quota", "is required: at least 1 place")
        checks.require(list.quota <= Self.maximumQuota, "list.quota", "\(list.quota) is more than \(Self.maximumQuota) places")
        for (index, ruleID) in list.ruleIDs.enumerated() {
            if let rule = rules[ruleID] {
                checks.require(!rule.lifted, "list.rule_ids[\(index)]", "rule \(ruleID) was lifted (\(rule.liftedReason))")
            } else {
                checks.require(false, "list.rule_ids[\(index)]", "no rule with id \"\(ruleID)\"")
            }
        }
        checks.require(Set(list.ruleIDs).count == list.ruleIDs.count, "list.rule_ids", "lists a rule twice")
        checks.require(list.status == .unspecified || list.status == .draft, "list.status", "a list is created DRAFT; it is \(list.status.rawValue)")
        checks.require(list.policyVersion.isEmpty, "list.policy_version", "is set by SelectList")
        checks.require(list.approvedBy.isEmpty, "list.approved_by", "is set by ApproveList")
        checks.require(list.entries.isEmpty, "list.entries", "are made by SelectList")
        checks.require(list.version == 0, "list.version", "is set by the registry")
        checks.require(list.createdAtMs == 0, "list.created_at_ms", "is set by the registry")
        checks.require(list.closedReason.isEmpty, "list.closed_reason", "is set by CloseList")
        checks.require(list.selectedAsOf.isEmpty, "list.selected_as_of", "is set by SelectList")
        if let agreement {
            if list.requiredApprovals.isEmpty {
                list.requiredApprovals = agreement.parties.filter { $0.role == .party }.map(\.partyID)
                checks.require(!list.requiredApprovals.isEmpty, "list.required_approvals",
                               "agreement \(agreement.id) has no party with role PARTY; name the parties whose approval the list needs")
            } else {
                let members = Set(agreement.parties.map(\.partyID))
                for (index, party) in list.requiredApprovals.enumerated() {
                    checks.require(members.contains(party), "list.required_approvals[\(index)]", "\"\(party)\" is not a party of agreement \(agreement.id)")
                }
                checks.require(Set(list.requiredApprovals).count == list.requiredApprovals.count, "list.required_approvals", "lists a party twice")
            }
        }
        try checks.throwIfAny()
        guard lists[list.id] == nil else {
            throw RegistryError.alreadyExists("a list with id \"\(list.id)\" already exists")
        }
        if let agreement, agreement.status == .completed || agreement.status == .collapsed {
            throw wrongState("agreement \(agreement.id)", is: agreement.status,
                             allowed: [.negotiating, .agreed, .implementing, .suspended], for: "creating a list")
        }
        list.status = .draft
        list.createdAtMs = nowMs
        return ([.listCreated(ListCreated(list: list))], list)
    }

    // MARK: Select

    /// The list's rules in its order (lifted ones apply to nothing).
    func selectionRules(of list: EvacuationList) -> [EligibilityRule] {
        list.ruleIDs.compactMap { rules[$0] }
    }

    /// Every case a list holds: entries of any state and their companions.
    func caseIDs(on list: EvacuationList, activeOnly: Bool = false) -> Set<String> {
        var ids: Set<String> = []
        for entry in list.entries where !activeOnly || entry.state == .active {
            ids.insert(entry.caseID)
            ids.formUnion(entry.companionIDs)
        }
        return ids
    }

    static func today(nowMs: UInt64) -> Int64 { Int64(nowMs / 86_400_000) }

    func decideSelectList(_ request: SelectListCommand, nowMs: UInt64) throws(RegistryError) -> (events: [EventKind], list: EvacuationList, outcome: PrioritySelection.Outcome) {
        var checks = FieldChecks()
        checks.require(!request.listID.isEmpty, "list_id", "is required")
        let policy = request.policyVersion.isEmpty ? PrioritySelection.currentPolicy : request.policyVersion
        checks.require(PrioritySelection.knownPolicies.contains(policy), "policy_version",
                       "unknown policy \"\(policy)\"; known: \(PrioritySelection.knownPolicies.joined(separator: ", "))")
        let asOf = checks.date(request.asOf, "as_of", required: false)
        try checks.throwIfAny()
        var list = try existingList(request.listID)
        guard list.status == .draft else {
            throw wrongState("list \(list.id)", is: list.status, allowed: [.draft], for: "selecting")
        }
        let asOfDay = asOf?.daysSinceEpoch ?? Self.today(nowMs: nowMs)
        let previous = caseIDs(on: list, activeOnly: true)
        var addedIn: [String: UInt32] = [:]
        for entry in list.entries where entry.state == .active { addedIn[entry.caseID] = entry.addedInVersion }
        let selection = PrioritySelection(
            quota: list.quota, companionsCount: list.companionsCount, rules: selectionRules(of: list), asOfDay: asOfDay,
            version: list.version + 1, addedIn: addedIn
        )
        let outcome = selection.run(in: self, origin: list.originSiteID, treatAsWaiting: previous)
        list.entries = outcome.entries
        list.version += 1
        list.policyVersion = policy
        list.selectedAsOf = PrioritySelection.date(ofDay: asOfDay)
        var events: [EventKind] = [.listSelected(ListSelected(
            list: list, considered: UInt32(clamping: outcome.considered), leftOut: UInt32(clamping: outcome.leftOutTotal)
        ))]
        let now = Set(outcome.selectedCaseIDs)
        for id in previous.sorted() where !now.contains(id) {
            events.append(.caseStatusChanged(CaseStatusChanged(caseID: id, from: .listed, to: .waiting, date: "")))
        }
        for id in outcome.selectedCaseIDs where !previous.contains(id) {
            events.append(.caseStatusChanged(CaseStatusChanged(caseID: id, from: .waiting, to: .listed, date: "")))
        }
        return (events, list, outcome)
    }

    // MARK: Submit, approve

    func decideSubmitList(_ request: ListActionCommand) throws(RegistryError) -> [EventKind] {
        var checks = FieldChecks()
        checks.require(!request.listID.isEmpty, "list_id", "is required")
        checks.text(request.reason, "reason", required: false, maxLength: 1000)
        try checks.throwIfAny()
        var list = try existingList(request.listID)
        guard list.status.allowedNext.contains(.submitted) else {
            throw refusedTransition("list \(list.id)", is: list.status, to: .submitted, field: "list_id")
        }
        guard list.entries.contains(where: { $0.state == .active }) else {
            throw RegistryError.failedPrecondition("list \(list.id) has no entries; select it (SelectList) before submitting")
        }
        list.status = .submitted
        return [.listSubmitted(ListSubmitted(list: list))]
    }

    func decideApproveList(_ request: ApproveListCommand) throws(RegistryError) -> [EventKind] {
        var checks = FieldChecks()
        checks.require(!request.listID.isEmpty, "list_id", "is required")
        checks.require(!request.partyID.isEmpty, "party_id", "is required: the approving party")
        try checks.throwIfAny()
        var list = try existingList(request.listID)
        guard list.status.allowedNext.contains(.approved) else {
            throw refusedTransition("list \(list.id)", is: list.status, to: .approved, field: "list_id")
        }
        guard parties[request.partyID] != nil else {
            throw RegistryError.notFound("no party with id \"\(request.partyID)\"")
        }
        guard list.requiredApprovals.contains(request.partyID) else {
            throw RegistryError.failedPrecondition("party \(request.partyID) is not among the approvals list \(list.id) needs: \(list.requiredApprovals.joined(separator: ", "))")
        }
        guard !list.approvedBy.contains(request.partyID) else {
            throw RegistryError.failedPrecondition("party \(request.partyID) has already approved list \(list.id)")
        }
        list.approvedBy.append(request.partyID)
        if list.requiredApprovals.allSatisfy(list.approvedBy.contains) { list.status = .approved }
        return [.listApproved(ListApproved(list: list, partyID: request.partyID))]
    }

    // MARK: Strike, top up

    static let changeableStatuses: [EvacuationList.Status] = [.submitted, .approved, .inProgress]

    /// The movement whose manifest holds the case, for refusals.
    func movementCarrying(_ caseID: String) -> Movement? {
        movements.values.sorted { $0.id < $1.id }.first { movement in
            movement.status != .aborted && movement.status != .completed
                && movement.passengers.contains { $0.caseID == caseID && !$0.removed }
        }
    }

    func decideStrikeEntry(_ request: StrikeEntryCommand, nowMs: UInt64) throws(RegistryError) -> [EventKind] {
        var checks = FieldChecks()
        checks.require(!request.listID.isEmpty, "list_id", "is required")
        checks.require(!request.caseID.isEmpty, "case_id", "is required")
        checks.require(!request.partyID.isEmpty, "party_id", "is required: the party striking the entry")
        checks.text(request.reason, "reason", required: true, maxLength: 1000)
        try checks.throwIfAny()
        var list = try existingList(request.listID)
        guard Self.changeableStatuses.contains(list.status) else {
            throw wrongState("list \(list.id)", is: list.status, allowed: Self.changeableStatuses, for: "striking an entry")
        }
        guard parties[request.partyID] != nil else {
            throw RegistryError.notFound("no party with id \"\(request.partyID)\"")
        }
        if let agreement = agreements[list.agreementID], !agreement.parties.contains(where: { $0.partyID == request.partyID }) {
            throw RegistryError.failedPrecondition("party \(request.partyID) is not a party of agreement \(agreement.id), which list \(list.id) belongs to")
        }
        guard let position = list.entries.firstIndex(where: { $0.caseID == request.caseID }) else {
            throw RegistryError.notFound("case \(request.caseID) is not an entry of list \(list.id)")
        }
        let entry = list.entries[position]
        guard entry.state.allowedNext.contains(.struck) else {
            throw refusedTransition("entry \(entry.caseID) of list \(list.id)", is: entry.state, to: .struck, field: "case_id")
        }
        let status = cases[entry.caseID]?.status ?? .unspecified
        guard status == .listed else {
            let on = movementCarrying(entry.caseID).map { " (on movement \($0.id))" } ?? ""
            throw RegistryError.failedPrecondition("case \(entry.caseID) is \(status.rawValue)\(on); striking needs one of: LISTED")
        }
        list.entries[position].state = .struck
        list.entries[position].struckBy = request.partyID
        list.entries[position].reason = request.reason
        list.version += 1
        var events: [EventKind] = [.listEntryStruck(ListEntryStruck(list: list, caseID: entry.caseID, partyID: request.partyID))]
        for id in [entry.caseID] + entry.companionIDs where cases[id]?.status == .listed {
            events.append(.caseStatusChanged(CaseStatusChanged(caseID: id, from: .listed, to: .waiting, date: "")))
        }
        if request.topUp, let (toppedUp, added) = topUp(list, nowMs: nowMs), !added.isEmpty {
            events.append(.listToppedUp(ListToppedUp(list: toppedUp, addedCaseIDs: toppedUp.entries.suffix(from: list.entries.count).map(\.caseID))))
            for id in added { events.append(.caseStatusChanged(CaseStatusChanged(caseID: id, from: .waiting, to: .listed, date: ""))) }
        }
        return events
    }

    /// Places of the quota the active entries take.
    func placesTaken(_ list: EvacuationList) -> UInt32 {
        list.entries.reduce(0) { sum, entry in
            entry.state == .active ? sum + 1 + (list.companionsCount ? UInt32(entry.companionIDs.count) : 0) : sum
        }
    }

    /// The selection that would fill the list's free places now: from the
    /// waiting cases at the origin not yet on the list, ranked after its entries.
    func fillingSelection(_ list: EvacuationList, asOfDay: Int64) -> PrioritySelection {
        let taken = placesTaken(list)
        let onList = caseIDs(on: list)
        var selection = PrioritySelection(
            quota: list.quota, placesLeft: list.quota > taken ? list.quota - taken : 0, companionsCount: list.companionsCount,
            rules: selectionRules(of: list), asOfDay: asOfDay,
            rankOffset: list.entries.map(\.rank).max() ?? 0, version: list.version + 1
        )
        selection.onList = onList
        return selection
    }

    /// The list with its free places filled, and the cases that now take
    /// places (entries and companions); nil when it is full.
    func topUp(_ list: EvacuationList, nowMs: UInt64) -> (list: EvacuationList, added: [String])? {
        let selection = fillingSelection(list, asOfDay: Self.today(nowMs: nowMs))
        guard selection.placesLeft > 0 else { return nil }
        let outcome = selection.run(in: self, origin: list.originSiteID, excluding: selection.onList)
        var updated = list
        guard !outcome.entries.isEmpty else { return (updated, []) }
        updated.entries += outcome.entries
        updated.version += 1
        return (updated, outcome.selectedCaseIDs)
    }

    func decideTopUpList(_ request: ListActionCommand, nowMs: UInt64) throws(RegistryError) -> [EventKind] {
        var checks = FieldChecks()
        checks.require(!request.listID.isEmpty, "list_id", "is required")
        checks.text(request.reason, "reason", required: false, maxLength: 1000)
        try checks.throwIfAny()
        let list = try existingList(request.listID)
        guard Self.changeableStatuses.contains(list.status) else {
            throw wrongState("list \(list.id)", is: list.status, allowed: Self.changeableStatuses, for: "topping up")
        }
        guard let (toppedUp, added) = topUp(list, nowMs: nowMs) else {
            throw RegistryError.failedPrecondition("list \(list.id) is full: \(placesTaken(list)) of \(list.quota) places taken")
        }
        guard !added.isEmpty else {
            throw RegistryError.failedPrecondition("no eligible waiting case at \(list.originSiteID) fits the \(list.quota - placesTaken(list)) free places of list \(list.id)")
        }
        var events: [EventKind] = [.listToppedUp(ListToppedUp(list: toppedUp, addedCaseIDs: toppedUp.entries.suffix(from: list.entries.count).map(\.caseID)))]
        for id in added { events.append(.caseStatusChanged(CaseStatusChanged(caseID: id, from: .waiting, to: .listed, date: ""))) }
        return events
    }

    // MARK: Close

    func decideCloseList(_ request: ListActionCommand) throws(RegistryError) -> [EventKind] {
        var checks = FieldChecks()
        checks.require(!request.listID.isEmpty, "list_id", "is required")
        checks.text(request.reason, "reason", required: false, maxLength: 1000)
        try checks.throwIfAny()
        var list = try existingList(request.listID)
        guard list.status.allowedNext.contains(.closed) else {
            throw refusedTransition("list \(list.id)", is: list.status, to: .closed, field: "list_id")
        }
        let onList = list.entries.filter { $0.state == .active }.flatMap { [$0.caseID] + $0.companionIDs }
        let moving = onList.filter { cases[$0]?.status == .scheduled || cases[$0]?.status == .inTransit }
        guard moving.isEmpty else {
            let named = moving.map { id in
                "\(id) (\(cases[id]?.status.rawValue ?? "")\(movementCarrying(id).map { " on movement \($0.id)" } ?? ""))"
            }
            throw RegistryError.failedPrecondition("list \(list.id) still has cases on movements: \(named.joined(separator: ", ")); finish or abort those movements before closing")
        }
        let returned = onList.filter { cases[$0]?.status == .listed }
        let from = list.status
        list.status = .closed
        list.closedReason = request.reason
        var events: [EventKind] = [.listStatusChanged(ListStatusChanged(list: list, from: from, to: .closed, returnedCaseIDs: returned))]
        for id in returned { events.append(.caseStatusChanged(CaseStatusChanged(caseID: id, from: .listed, to: .waiting, date: ""))) }
        return events
    }

    // MARK: A list's first departure

    /// For movements: when a case of an APPROVED list departs for the first
    /// time, the list goes IN_PROGRESS in the same command. Nothing for a list
    /// already IN_PROGRESS (or unknown).
    func listDepartureEvents(listID: String) -> [EventKind] {
        guard var list = lists[listID], list.status == .approved else { return [] }
        list.status = .inProgress
        return [.listStatusChanged(ListStatusChanged(list: list, from: .approved, to: .inProgress))]
    }

    // MARK: A case leaving a list

    /// When a case that is an active entry of an open list dies, withdraws or
    /// goes back to waiting: the entry is DROPPED (a new version), and its
    /// companions still LISTED go back to WAITING. When the case is a
    /// companion of an active entry, the companion leaves the entry (kept in
    /// `companions_left` with why), so its place of the quota is free for a top-up.
    func listEntryDropEvents(caseID: String, status: Case.Status, date: String, reason: String) -> [EventKind] {
        guard status == .deceased || status == .withdrawn || status == .waiting else { return [] }
        var why = status.rawValue
        if !date.isEmpty { why += " on \(date)" }
        if !reason.isEmpty { why += ": \(reason)" }
        var events: [EventKind] = []
        for id in lists.keys.sorted() {
            guard var list = lists[id], list.status != .closed else { continue }
            if let position = list.entries.firstIndex(where: { $0.caseID == caseID && $0.state == .active }) {
                list.entries[position].state = .dropped
                list.entries[position].reason = why
                list.version += 1
                events.append(.listEntryDropped(ListEntryDropped(list: list, caseID: caseID)))
                for companion in list.entries[position].companionIDs where cases[companion]?.status == .listed {
                    events.append(.caseStatusChanged(CaseStatusChanged(caseID: companion, from: .listed, to: .waiting, date: "")))
                }
            } else if let position = list.entries.firstIndex(where: { $0.state == .active && $0.companionIDs.contains(caseID) }) {
                list.entries[position].companionIDs.removeAll { $0 == caseID }
                list.entries[position].companionsLeft.append(ListEntry.LeftCompanion(caseID: caseID, reason: why))
                list.version += 1
                events.append(.listEntryDropped(ListEntryDropped(list: list, caseID: caseID, companionOf: list.entries[position].caseID)))
            }
        }
        return events
    }

    // MARK: Queries

    func summary(of list: EvacuationList) -> ListSummary {
        var summary = ListSummary(list: list)
        for entry in list.entries {
            if entry.state == .struck { summary.struck += 1; continue }
            switch cases[entry.caseID]?.status ?? .unspecified {
            case .waiting, .listed: if entry.state == .active { summary.waiting += 1 }
            case .scheduled: summary.scheduled += 1
            case .inTransit: summary.inTransit += 1
            case .evacuated: summary.evacuated += 1
            case .deceased: summary.died += 1
            case .withdrawn: summary.withdrawn += 1
            case .unspecified: break
            }
        }
        summary.placesTaken = placesTaken(list)
        for entry in list.entries where entry.state == .active {
            summary.companions += UInt32(entry.companionIDs.count)
            summary.companionsEvacuated += UInt32(entry.companionIDs.filter { cases[$0]?.status == .evacuated }.count)
            summary.companionsLeft += UInt32(entry.companionsLeft.count)
        }
        return summary
    }

    /// Version 0 is the list as created, without entries.
    func listVersion(_ list: EvacuationList, _ version: UInt32) throws(RegistryError) -> ListVersion {
        if version == 0 { return ListVersion(version: 0, atMs: list.createdAtMs, change: "created", entries: []) }
        guard let found = listVersions[list.id]?.first(where: { $0.version == version }) else {
            throw RegistryError.notFound("list \(list.id) has no version \(version); its versions are 0 to \(list.version)")
        }
        return found
    }

    static func diff(_ from: ListVersion, _ to: ListVersion) -> [ListEntryChange] {
        var before: [String: ListEntry] = [:]
        for entry in from.entries { before[entry.caseID] = entry }
        var changes: [ListEntryChange] = []
        var seen: Set<String> = []
        for entry in to.entries {
            seen.insert(entry.caseID)
            guard let old = before[entry.caseID] else {
                changes.append(ListEntryChange(caseID: entry.caseID, change: "ADDED", toRank: entry.rank, toState: entry.state, reason: entry.explanation))
                continue
            }
            if old.state != entry.state {
                changes.append(ListEntryChange(caseID: entry.caseID, change: "CHANGED", fromRank: old.rank, toRank: entry.rank,
                                               fromState: old.state, toState: entry.state, reason: entry.reason))
            } else if old.companionIDs != entry.companionIDs {
                // A companion who left (died, withdrew) changes the entry, not its state.
                let left = entry.companionsLeft.filter { !old.companionsLeft.contains($0) }
                let reason = left.map { "companion \($0.caseID) left: \($0.reason)" }.joined(separator: "; ")
                changes.append(ListEntryChange(caseID: entry.caseID, change: "CHANGED", fromRank: old.rank, toRank: entry.rank,
                                               fromState: old.state, toState: entry.state, reason: reason.isEmpty ? "companions changed" : reason))
            } else if old.rank != entry.rank {
                changes.append(ListEntryChange(caseID: entry.caseID, change: "MOVED", fromRank: old.rank, toRank: entry.rank,
                                               fromState: old.state, toState: entry.state, reason: entry.explanation))
            }
        }
        for entry in from.entries where !seen.contains(entry.caseID) {
            changes.append(ListEntryChange(caseID: entry.caseID, change: "REMOVED", fromRank: entry.rank, fromState: entry.state, reason: entry.explanation))
        }
        return changes
    }

    /// The left-out report now: for a DRAFT what selecting again would leave
    /// out; otherwise the waiting cases not on the list, ranked after its entries.
    func leftOutNow(_ list: EvacuationList, nowMs: UInt64) -> PrioritySelection.Outcome {
        let day = Self.today(nowMs: nowMs)
        if list.status == .draft {
            let selection = PrioritySelection(quota: list.quota, companionsCount: list.companionsCount, rules: selectionRules(of: list), asOfDay: day)
            return selection.run(in: self, origin: list.originSiteID, treatAsWaiting: caseIDs(on: list, activeOnly: true))
        }
        var selection = fillingSelection(list, asOfDay: day)
        if list.status == .closed { selection.placesLeft = 0 }
        return selection.run(in: self, origin: list.originSiteID, excluding: selection.onList)
    }
}

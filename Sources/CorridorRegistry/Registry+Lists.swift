import CorridorModel

// The lists commands and queries.

extension Registry {
    /// The most rows of the left-out report one answer carries.
    public static let leftOutPageLimit = 1000
    public static let leftOutMaximumLimit = 10_000

    private static var nowMs: UInt64 { unixNanoseconds() / 1_000_000 }

    private func committedList(_ id: String) throws(RegistryError) -> EvacuationList {
        try committed(currentState.lists[id], "list \(id)")
    }

    /// `list.id`, `agreement_id`, `origin_site_id`, `quota` are required;
    /// `required_approvals` defaults to the agreement's parties with role PARTY.
    public func createList(_ proposed: EvacuationList?, actor: Actor) async throws(RegistryError) -> EvacuationList {
        let (events, list) = try currentState.decideCreateList(proposed, nowMs: Self.nowMs)
        return try await commit(events, actor: actor) { () throws(RegistryError) in try committedList(list.id) }
    }

    /// `policyVersion` "" for the current policy; `asOf` YYYY-MM-DD the days
    /// waited are counted to, "" for today (UTC).
    public func selectList(listID: String, policyVersion: String = "", asOf: String = "", actor: Actor) async throws(RegistryError) -> SelectListResponse {
        let request = SelectListCommand(listID: listID, policyVersion: policyVersion, asOf: asOf)
        let (events, list, outcome) = try currentState.decideSelectList(request, nowMs: Self.nowMs)
        try await commit(events, actor: actor)
        return SelectListResponse(
            list: list, leftOut: outcome.leftOut(limit: Self.leftOutPageLimit),
            considered: UInt32(clamping: outcome.considered), leftOutTotal: UInt32(clamping: outcome.leftOutTotal),
            leftOutCounts: outcome.leftOutCounts()
        )
    }

    public func submitList(listID: String, reason: String = "", actor: Actor) async throws(RegistryError) -> EvacuationList {
        let request = ListActionCommand(listID: listID, reason: reason)
        let events = try currentState.decideSubmitList(request)
        return try await commit(events, actor: actor, reason: request.reason) { () throws(RegistryError) in try committedList(request.listID) }
    }

    public func approveList(listID: String, partyID: String, actor: Actor) async throws(RegistryError) -> EvacuationList {
        let request = ApproveListCommand(listID: listID, partyID: partyID)
        let events = try currentState.decideApproveList(request)
        return try await commit(events, actor: actor) { () throws(RegistryError) in try committedList(request.listID) }
    }

    /// `topUp`: fill the freed places from the next eligible cases in the same command.
    public func strikeEntry(listID: String, caseID: String, partyID: String, reason: String, topUp: Bool = false, actor: Actor) async throws(RegistryError) -> EvacuationList {
        let request = StrikeEntryCommand(listID: listID, caseID: caseID, partyID: partyID, reason: reason, topUp: topUp)
        let events = try currentState.decideStrikeEntry(request, nowMs: Self.nowMs)
        return try await commit(events, actor: actor, reason: request.reason) { () throws(RegistryError) in try committedList(request.listID) }
    }

    public func topUpList(listID: String, reason: String = "", actor: Actor) async throws(RegistryError) -> EvacuationList {
        let request = ListActionCommand(listID: listID, reason: reason)
        let events = try currentState.decideTopUpList(request, nowMs: Self.nowMs)
        return try await commit(events, actor: actor, reason: request.reason) { () throws(RegistryError) in try committedList(request.listID) }
    }

    public func closeList(listID: String, reason: String = "", actor: Actor) async throws(RegistryError) -> EvacuationList {
        let request = ListActionCommand(listID: listID, reason: reason)
        let events = try currentState.decideCloseList(request)
        return try await commit(events, actor: actor, reason: request.reason) { () throws(RegistryError) in try committedList(request.listID) }
    }

    public func getList(_ id: String) async throws(RegistryError) -> ListSummary {
        return try await readDurably { state throws(RegistryError) in
            return state.summary(of: try state.existingList(id))
        }
    }

    /// Lists by id, optionally of one agreement and one status.
    public func listLists(agreementID: String = "", status: EvacuationList.Status = .unspecified) async throws(RegistryError) -> [ListSummary] {
        return try await readDurably { state throws(RegistryError) in
            let lists = state.lists.values
                .filter { (agreementID.isEmpty || $0.agreementID == agreementID) && (status == .unspecified || $0.status == status) }
                .sorted { $0.id < $1.id }
            return lists.map(state.summary(of:))
        }
    }

    public func getListVersion(listID: String, version: UInt32) async throws(RegistryError) -> ListVersion {
        return try await readDurably { state throws(RegistryError) in
            return try state.listVersion(try state.existingList(listID), version)
        }
    }

    public func diffList(listID: String, fromVersion: UInt32, toVersion: UInt32) async throws(RegistryError) -> DiffListResponse {
        return try await readDurably { state throws(RegistryError) in
            let list = try state.existingList(listID)
            let from = try state.listVersion(list, fromVersion)
            let to = try state.listVersion(list, toVersion)
            return DiffListResponse(from: from, to: to, changes: RegistryState.diff(from, to))
        }
    }

    /// The left-out report of a list now, `limit` rows (0: 1000; at most
    /// 10000) after skipping `offset`.
    public func leftOut(listID: String, limit: UInt32 = 0, offset: UInt32 = 0) async throws(RegistryError) -> LeftOutResponse {
        var checks = FieldChecks()
        checks.require(Int(limit) <= Self.leftOutMaximumLimit, "limit", "\(limit) is more than \(Self.leftOutMaximumLimit)")
        try checks.throwIfAny()
        return try await readDurably { state throws(RegistryError) in
            let list = try state.existingList(listID)
            let outcome = state.leftOutNow(list, nowMs: Self.nowMs)
            let pageLimit = limit == 0 ? Self.leftOutPageLimit : Int(limit)
            return LeftOutResponse(
                leftOut: outcome.leftOut(offset: Int(offset), limit: pageLimit),
                considered: UInt32(clamping: outcome.considered), leftOutTotal: UInt32(clamping: outcome.leftOutTotal),
                leftOutCounts: outcome.leftOutCounts()
            )
        }
    }
}

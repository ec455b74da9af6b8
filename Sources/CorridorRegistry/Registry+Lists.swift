import CorridorModel
import CorridorWire

// The lists commands and queries.

extension Registry {
    /// The most rows of the left-out report one answer carries.
    public static let leftOutPageLimit = 1000
    public static let leftOutMaximumLimit = 10_000

    private static var nowMs: UInt64 { unixNanoseconds() / 1_000_000 }

    private func committedList(_ id: String) throws(RegistryError) -> EvacuationList {
        try committed(currentState.lists[id], "list \(id)")
    }

    public func createList(_ request: CreateListRequest, actor: Actor) async throws(RegistryError) -> EvacuationList {
        let (events, list) = try currentState.decideCreateList(request.list, nowMs: Self.nowMs)
        try await commit(events, actor: actor)
        return try committedList(list.id)
    }

    public func selectList(_ request: SelectListRequest, actor: Actor) async throws(RegistryError) -> SelectListResponse {
        let (events, list, outcome) = try currentState.decideSelectList(request, nowMs: Self.nowMs)
        try await commit(events, actor: actor)
        return SelectListResponse(
            list: list, leftOut: outcome.leftOut(limit: Self.leftOutPageLimit),
            considered: UInt32(clamping: outcome.considered), leftOutTotal: UInt32(clamping: outcome.leftOutTotal),
            leftOutCounts: outcome.leftOutCounts()
        )
    }

    public func submitList(_ request: ListActionRequest, actor: Actor) async throws(RegistryError) -> EvacuationList {
        let events = try currentState.decideSubmitList(request)
        try await commit(events, actor: actor, reason: request.reason)
        return try committedList(request.listID)
    }

    public func approveList(_ request: ApproveListRequest, actor: Actor) async throws(RegistryError) -> EvacuationList {
        let events = try currentState.decideApproveList(request)
        try await commit(events, actor: actor)
        return try committedList(request.listID)
    }

    public func strikeEntry(_ request: StrikeEntryRequest, actor: Actor) async throws(RegistryError) -> EvacuationList {
        let events = try currentState.decideStrikeEntry(request, nowMs: Self.nowMs)
        try await commit(events, actor: actor, reason: request.reason)
        return try committedList(request.listID)
    }

    public func topUpList(_ request: ListActionRequest, actor: Actor) async throws(RegistryError) -> EvacuationList {
        let events = try currentState.decideTopUpList(request, nowMs: Self.nowMs)
        try await commit(events, actor: actor, reason: request.reason)
        return try committedList(request.listID)
    }

    public func closeList(_ request: ListActionRequest, actor: Actor) async throws(RegistryError) -> EvacuationList {
        let events = try currentState.decideCloseList(request)
        try await commit(events, actor: actor, reason: request.reason)
        return try committedList(request.listID)
    }

    public func getList(_ request: GetRequest) async throws(RegistryError) -> ListSummary {
        let state = try await durableState()
        return state.summary(of: try state.existingList(request.id))
    }

    public func listLists(_ request: ListListsRequest) async throws(RegistryError) -> ListListsResponse {
        let state = try await durableState()
        let lists = state.lists.values
            .filter { (request.agreementID.isEmpty || $0.agreementID == request.agreementID) && (request.status == .unspecified || $0.status == request.status) }
            .sorted { $0.id < $1.id }
        return ListListsResponse(lists: lists.map(state.summary(of:)))
    }

    public func getListVersion(_ request: GetListVersionRequest) async throws(RegistryError) -> ListVersion {
        let state = try await durableState()
        return try state.listVersion(try state.existingList(request.listID), request.version)
    }

    public func diffList(_ request: DiffListRequest) async throws(RegistryError) -> DiffListResponse {
        let state = try await durableState()
        let list = try state.existingList(request.listID)
        let from = try state.listVersion(list, request.fromVersion)
        let to = try state.listVersion(list, request.toVersion)
        return DiffListResponse(from: from, to: to, changes: RegistryState.diff(from, to))
    }

    public func leftOut(_ request: LeftOutRequest) async throws(RegistryError) -> LeftOutResponse {
        var checks = FieldChecks()
        checks.require(Int(request.limit) <= Self.leftOutMaximumLimit, "limit", "\(request.limit) is more than \(Self.leftOutMaximumLimit)")
        try checks.throwIfAny()
        let state = try await durableState()
        let list = try state.existingList(request.listID)
        let outcome = state.leftOutNow(list, nowMs: Self.nowMs)
        let limit = request.limit == 0 ? Self.leftOutPageLimit : Int(request.limit)
        return LeftOutResponse(
            leftOut: outcome.leftOut(offset: Int(request.offset), limit: limit),
            considered: UInt32(clamping: outcome.considered), leftOutTotal: UInt32(clamping: outcome.leftOutTotal),
            leftOutCounts: outcome.leftOutCounts()
        )
    }
}

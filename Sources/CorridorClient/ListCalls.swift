import CorridorWire

// Typed calls of the Registry service: lists (proto/corridor/v1/registry.proto).

extension CorridorClient {
    public func createList(_ request: CreateListRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EvacuationList {
        try await unary("/corridor.v1.Registry/CreateList", request, timeout: timeout)
    }

    public func selectList(_ request: SelectListRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> SelectListResponse {
        try await unary("/corridor.v1.Registry/SelectList", request, timeout: timeout)
    }

    public func submitList(_ request: ListActionRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EvacuationList {
        try await unary("/corridor.v1.Registry/SubmitList", request, timeout: timeout)
    }

    public func approveList(_ request: ApproveListRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EvacuationList {
        try await unary("/corridor.v1.Registry/ApproveList", request, timeout: timeout)
    }

    public func strikeEntry(_ request: StrikeEntryRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EvacuationList {
        try await unary("/corridor.v1.Registry/StrikeEntry", request, timeout: timeout)
    }

    public func topUpList(_ request: ListActionRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EvacuationList {
        try await unary("/corridor.v1.Registry/TopUpList", request, timeout: timeout)
    }

    public func closeList(_ request: ListActionRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EvacuationList {
        try await unary("/corridor.v1.Registry/CloseList", request, timeout: timeout)
    }

    public func getList(_ request: GetRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> ListSummary {
        try await unary("/corridor.v1.Registry/GetList", request, timeout: timeout)
    }

    public func listLists(_ request: ListListsRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> ListListsResponse {
        try await unary("/corridor.v1.Registry/ListLists", request, timeout: timeout)
    }

    public func getListVersion(_ request: GetListVersionRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> ListVersion {
        try await unary("/corridor.v1.Registry/GetListVersion", request, timeout: timeout)
    }

    public func diffList(_ request: DiffListRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> DiffListResponse {
        try await unary("/corridor.v1.Registry/DiffList", request, timeout: timeout)
    }

    public func leftOut(_ request: LeftOutRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> LeftOutResponse {
        try await unary("/corridor.v1.Registry/LeftOut", request, timeout: timeout)
    }
}

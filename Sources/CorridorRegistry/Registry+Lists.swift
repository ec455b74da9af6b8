import CorridorModel
import CorridorWire

// The lists commands and queries.

extension Registry {
    public func createList(_ request: CreateListRequest, actor: Actor) async throws(RPCError) -> EvacuationList {
        throw RPCError(.unimplemented, "CreateList is not implemented yet")
    }

    public func selectList(_ request: SelectListRequest, actor: Actor) async throws(RPCError) -> SelectListResponse {
        throw RPCError(.unimplemented, "SelectList is not implemented yet")
    }

    public func submitList(_ request: ListActionRequest, actor: Actor) async throws(RPCError) -> EvacuationList {
        throw RPCError(.unimplemented, "SubmitList is not implemented yet")
    }

    public func approveList(_ request: ApproveListRequest, actor: Actor) async throws(RPCError) -> EvacuationList {
        throw RPCError(.unimplemented, "ApproveList is not implemented yet")
    }

    public func strikeEntry(_ request: StrikeEntryRequest, actor: Actor) async throws(RPCError) -> EvacuationList {
        throw RPCError(.unimplemented, "StrikeEntry is not implemented yet")
    }

    public func topUpList(_ request: ListActionRequest, actor: Actor) async throws(RPCError) -> EvacuationList {
        throw RPCError(.unimplemented, "TopUpList is not implemented yet")
    }

    public func closeList(_ request: ListActionRequest, actor: Actor) async throws(RPCError) -> EvacuationList {
        throw RPCError(.unimplemented, "CloseList is not implemented yet")
    }

    public func getList(_ request: GetRequest) async throws(RPCError) -> ListSummary {
        throw RPCError(.unimplemented, "GetList is not implemented yet")
    }

    public func listLists(_ request: ListListsRequest) async throws(RPCError) -> ListListsResponse {
        throw RPCError(.unimplemented, "ListLists is not implemented yet")
    }

    public func getListVersion(_ request: GetListVersionRequest) async throws(RPCError) -> ListVersion {
        throw RPCError(.unimplemented, "GetListVersion is not implemented yet")
    }

    public func diffList(_ request: DiffListRequest) async throws(RPCError) -> DiffListResponse {
        throw RPCError(.unimplemented, "DiffList is not implemented yet")
    }

    public func leftOut(_ request: LeftOutRequest) async throws(RPCError) -> LeftOutResponse {
        throw RPCError(.unimplemented, "LeftOut is not implemented yet")
    }
}

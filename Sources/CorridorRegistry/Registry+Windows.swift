import CorridorModel
import CorridorWire

// The windows commands and queries.

extension Registry {
    public func announceWindow(_ request: AnnounceWindowRequest, actor: Actor) async throws(RPCError) -> AccessWindow {
        throw RPCError(.unimplemented, "AnnounceWindow is not implemented yet")
    }

    public func setWindowStatus(_ request: SetWindowStatusRequest, actor: Actor) async throws(RPCError) -> AccessWindow {
        throw RPCError(.unimplemented, "SetWindowStatus is not implemented yet")
    }

    public func getWindow(_ request: GetRequest) async throws(RPCError) -> AccessWindow {
        throw RPCError(.unimplemented, "GetWindow is not implemented yet")
    }

    public func listWindows(_ request: ListWindowsRequest) async throws(RPCError) -> ListWindowsResponse {
        throw RPCError(.unimplemented, "ListWindows is not implemented yet")
    }

    public func activeWindows(_ request: ActiveWindowsRequest) async throws(RPCError) -> ActiveWindowsResponse {
        throw RPCError(.unimplemented, "ActiveWindows is not implemented yet")
    }
}

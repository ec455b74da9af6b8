import CorridorWire

// Typed calls of the Registry service: windows (proto/corridor/v1/registry.proto).

extension CorridorClient {
    public func announceWindow(_ request: AnnounceWindowRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> AccessWindow {
        try await unary("/corridor.v1.Registry/AnnounceWindow", request, timeout: timeout)
    }

    public func setWindowStatus(_ request: SetWindowStatusRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> AccessWindow {
        try await unary("/corridor.v1.Registry/SetWindowStatus", request, timeout: timeout)
    }

    public func getWindow(_ request: GetRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> AccessWindow {
        try await unary("/corridor.v1.Registry/GetWindow", request, timeout: timeout)
    }

    public func listWindows(_ request: ListWindowsRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> ListWindowsResponse {
        try await unary("/corridor.v1.Registry/ListWindows", request, timeout: timeout)
    }

    public func activeWindows(_ request: ActiveWindowsRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> ActiveWindowsResponse {
        try await unary("/corridor.v1.Registry/ActiveWindows", request, timeout: timeout)
    }
}

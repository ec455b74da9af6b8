import CorridorWire

// Typed calls of the Registry service: windows (proto/corridor/v1/registry.proto).
// Each takes the generated request and goes through its generated RPCMethod;
// the result is the model value (mapped by CorridorWire/Mapping) where the model has
// one, else the generated response.

extension CorridorClient {
    public func announceWindow(_ request: Corridor_V1_AnnounceWindowRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> AccessWindow {
        let reply = try await unary(Corridor_V1_Registry.announceWindow, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try AccessWindow(proto: reply) }
    }

    public func setWindowStatus(_ request: Corridor_V1_SetWindowStatusRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> AccessWindow {
        let reply = try await unary(Corridor_V1_Registry.setWindowStatus, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try AccessWindow(proto: reply) }
    }

    public func getWindow(_ request: Corridor_V1_GetRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> AccessWindow {
        let reply = try await unary(Corridor_V1_Registry.getWindow, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try AccessWindow(proto: reply) }
    }

    public func listWindows(_ request: Corridor_V1_ListWindowsRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Corridor_V1_ListWindowsResponse {
        try await unary(Corridor_V1_Registry.listWindows, request, timeout: timeout)
    }

    public func activeWindows(_ request: Corridor_V1_ActiveWindowsRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> ActiveWindowsResponse {
        let reply = try await unary(Corridor_V1_Registry.activeWindows, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try ActiveWindowsResponse(proto: reply) }
    }
}

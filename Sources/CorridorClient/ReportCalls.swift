import CorridorWire

// Typed calls of the Registry service: reports (proto/corridor/v1/registry.proto).
// Each takes the generated request and goes through its generated RPCMethod;
// the result is the model value (mapped by CorridorWire/Mapping) where the model has
// one, else the generated response.

extension CorridorClient {
    public func waitingCases(_ request: Corridor_V1_WaitingCasesRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> WaitingCasesResponse {
        let reply = try await unary(Corridor_V1_Registry.waitingCases, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try WaitingCasesResponse(proto: reply) }
    }

    public func deathsWhileWaiting(_ request: Corridor_V1_DeathsWhileWaitingRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> DeathsWhileWaitingResponse {
        let reply = try await unary(Corridor_V1_Registry.deathsWhileWaiting, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try DeathsWhileWaitingResponse(proto: reply) }
    }
}

import CorridorWire

// Typed calls of the Registry service: reports (proto/corridor/v1/registry.proto).

extension CorridorClient {
    public func waitingCases(_ request: WaitingCasesRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> WaitingCasesResponse {
        try await unary("/corridor.v1.Registry/WaitingCases", request, timeout: timeout)
    }

    public func deathsWhileWaiting(_ request: DeathsWhileWaitingRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> DeathsWhileWaitingResponse {
        try await unary("/corridor.v1.Registry/DeathsWhileWaiting", request, timeout: timeout)
    }
}

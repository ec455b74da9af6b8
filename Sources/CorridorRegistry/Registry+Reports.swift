import CorridorModel
import CorridorWire

// The reports commands and queries.

extension Registry {
    public func waitingCases(_ request: WaitingCasesRequest) async throws(RPCError) -> WaitingCasesResponse {
        throw RPCError(.unimplemented, "WaitingCases is not implemented yet")
    }

    public func deathsWhileWaiting(_ request: DeathsWhileWaitingRequest) async throws(RPCError) -> DeathsWhileWaitingResponse {
        throw RPCError(.unimplemented, "DeathsWhileWaiting is not implemented yet")
    }
}

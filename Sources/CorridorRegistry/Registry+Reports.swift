import CorridorModel
import CorridorWire

// The reports commands and queries (Reports.swift does the counting). They
// run off the actor on a copy of the state, so a pass over a million cases
// does not hold up commands.

extension Registry {
    public nonisolated func waitingCases(_ request: WaitingCasesRequest) async throws(RegistryError) -> WaitingCasesResponse {
        let state = try await durableState()
        return try state.waitingCasesReport(request, nowMs: Self.unixNanoseconds() / 1_000_000)
    }

    public nonisolated func deathsWhileWaiting(_ request: DeathsWhileWaitingRequest) async throws(RegistryError) -> DeathsWhileWaitingResponse {
        try await durableState().deathsWhileWaitingReport(request)
    }
}

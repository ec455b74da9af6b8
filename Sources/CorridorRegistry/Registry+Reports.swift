import CorridorModel

// The reports commands and queries (Reports.swift does the counting). They
// run off the actor on a copy of the state, so a pass over a million cases
// does not hold up commands.

extension Registry {
    /// Waiting cases of a site and the sites within it ("" for all), of one
    /// precedence (if set), at most `limit` (0: 100; at most 10000).
    public nonisolated func waitingCases(siteID: String = "", precedence: Case.Precedence = .unspecified, limit: UInt32 = 0) async throws(RegistryError) -> WaitingCasesResponse {
        return try await readDurablyOffActor { state throws(RegistryError) in
            return try state.waitingCasesReport(WaitingCasesQuery(siteID: siteID, precedence: precedence, limit: limit), nowMs: Self.unixNanoseconds() / 1_000_000)
        }
    }

    /// Deaths of a site's tree ("" for all), between two dates (YYYY-MM-DD,
    /// inclusive; "" for open).
    public nonisolated func deathsWhileWaiting(siteID: String = "", from: String = "", to: String = "") async throws(RegistryError) -> DeathsWhileWaitingResponse {
        try await readDurablyOffActor { state throws(RegistryError) in
            try state.deathsWhileWaitingReport(DeathsWhileWaitingQuery(siteID: siteID, from: from, to: to))
        }
    }
}

import CorridorModel
import CorridorWire

// Importing cases: all rows in one commit, or none.

extension Registry {
    public func importCases(_ request: ImportCasesRequest, actor: Actor) async throws(RPCError) -> ImportCasesResponse {
        let nowMs = Self.unixNanoseconds() / 1_000_000
        let (events, imported) = try currentState.decideImportCases(request.rows, nowMs: nowMs)
        if request.dryRun {
            return ImportCasesResponse(cases: imported, dryRun: true, sequence: 0)
        }
        let sequence = try await commit(events, actor: actor, reason: "imported with \(imported.count) cases")
        return ImportCasesResponse(cases: imported, dryRun: false, sequence: sequence)
    }
}

import CorridorModel
import CorridorWire

// Importing cases: all rows in one commit, or none.

extension Registry {
    public func importCases(_ request: ImportCasesRequest, actor: Actor) async throws(RegistryError) -> ImportCasesResponse {
        let nowMs = Self.unixNanoseconds() / 1_000_000
        let (events, imported) = try currentState.decideImportCases(request.rows, nowMs: nowMs)
        if request.dryRun {
            return ImportCasesResponse(cases: imported, dryRun: true, sequence: 0)
        }
        var checks = FieldChecks()
        checks.text(request.reason, "reason", required: false, maxLength: 1000)
        try checks.throwIfAny()
        let reason = request.reason.allSatisfy(\.isWhitespace) ? "imported with \(imported.count) cases" : request.reason
        let sequence = try await commit(events, actor: actor, reason: reason)
        return ImportCasesResponse(cases: imported, dryRun: false, sequence: sequence)
    }
}

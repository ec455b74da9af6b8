import CorridorModel

// Importing cases: all rows in one commit, or none.

extension Registry {
    /// `dryRun`: check everything, record nothing, answer what would be
    /// imported. `reason` is kept with every event of the import; "imported
    /// with N cases" if empty.
    public func importCases(_ rows: [ImportCaseRow], dryRun: Bool = false, reason: String = "", actor: Actor) async throws(RegistryError) -> ImportCasesResponse {
        let nowMs = Self.unixNanoseconds() / 1_000_000
        let (events, imported) = try currentState.decideImportCases(rows, nowMs: nowMs)
        if dryRun {
            return ImportCasesResponse(cases: imported, dryRun: true, sequence: 0)
        }
        var checks = FieldChecks()
        checks.text(reason, "reason", required: false, maxLength: 1000)
        try checks.throwIfAny()
        let recorded = reason.allSatisfy(\.isWhitespace) ? "imported with \(imported.count) cases" : reason
        let sequence = try await commit(events, actor: actor, reason: recorded)
        return ImportCasesResponse(cases: imported, dryRun: false, sequence: sequence)
    }
}

import CorridorModel

// The figures commands and queries.

extension Registry {
    public func reportFigure(_ figure: Figure?, actor: Actor) async throws(RegistryError) -> Figure {
        guard let proposed = figure else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "figure", reason: "is required")])
        }
        let (events, figure) = try currentState.decideReportFigure(proposed, nowMs: Self.unixNanoseconds() / 1_000_000)
        return try await commit(events, actor: actor) { currentState.figures[figure.id] ?? figure }
    }

    /// Figures by id (the order they were reported), optionally of one subject
    /// kind, subject, measure and source (a joint figure is found under each
    /// of its sources).
    public func listFigures(
        subjectKind: Figure.SubjectKind = .unspecified, subjectID: String = "", measure: Figure.Measure = .unspecified,
        sourcePartyID: String = ""
    ) async throws(RegistryError) -> [Figure] {
        return try await readDurably { state throws(RegistryError) in
            let figures = state.figures.values.filter {
                (subjectKind == .unspecified || $0.subjectKind == subjectKind)
                    && (subjectID.isEmpty || $0.subjectID == subjectID)
                    && (measure == .unspecified || $0.measure == measure)
                    && (sourcePartyID.isEmpty || $0.sourcePartyIDs.contains(sourcePartyID))
            }
            // F-000001 … F-999999, then F-1000000: shorter ids first keeps the numbering's order.
            return figures.sorted { ($0.id.utf8.count, $0.id) < ($1.id.utf8.count, $1.id) }
        }
    }

    /// Off the actor: counting evacuations by origin passes over every case.
    public nonisolated func compareFigures(subjectID: String, measure: Figure.Measure) async throws(RegistryError) -> CompareFiguresResponse {
        var checks = FieldChecks()
        checks.require(!subjectID.isEmpty, "subject_id", "is required: a site, agreement or movement id, or an event's name")
        checks.specified(measure, .unspecified, "measure")
        try checks.throwIfAny()
        return try await readDurablyOffActor { state throws(RegistryError) in
            let known = state.sites[subjectID] != nil || state.agreements[subjectID] != nil
                || state.movements[subjectID] != nil || state.figures.values.contains { $0.subjectID == subjectID }
            guard known else {
                throw RegistryError.notFound("no site, agreement, movement or figure with subject id \"\(subjectID)\"")
            }
            var response = CompareFiguresResponse(claims: state.claims(subjectID: subjectID, measure: measure))
            if let own = state.registryCount(subjectID: subjectID, measure: measure) {
                response.registryCounts = true
                response.registryCount = own.count
                response.registryCountDescription = own.description
            } else {
                response.registryCountDescription = "the registry does not count \(measure.rawValue) for \"\(subjectID)\""
            }
            return response
        }
    }
}

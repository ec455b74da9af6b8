import CorridorModel
import CorridorWire

// The figures commands and queries.

extension Registry {
    public func reportFigure(_ request: ReportFigureRequest, actor: Actor) async throws(RegistryError) -> Figure {
        guard let proposed = request.figure else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "figure", reason: "is required")])
        }
        let (events, figure) = try currentState.decideReportFigure(proposed, nowMs: Self.unixNanoseconds() / 1_000_000)
        try await commit(events, actor: actor)
        return currentState.figures[figure.id] ?? figure
    }

    /// Figures by id (the order they were reported), optionally of one subject kind, subject and measure.
    public func listFigures(_ request: ListFiguresRequest) async throws(RegistryError) -> ListFiguresResponse {
        let state = try await durableState()
        let figures = state.figures.values.filter {
            (request.subjectKind == .unspecified || $0.subjectKind == request.subjectKind)
                && (request.subjectID.isEmpty || $0.subjectID == request.subjectID)
                && (request.measure == .unspecified || $0.measure == request.measure)
        }
        // F-000001 … F-999999, then F-1000000: shorter ids first keeps the numbering's order.
        return ListFiguresResponse(figures: figures.sorted { ($0.id.utf8.count, $0.id) < ($1.id.utf8.count, $1.id) })
    }

    /// Off the actor: counting evacuations by origin passes over every case.
    public nonisolated func compareFigures(_ request: CompareFiguresRequest) async throws(RegistryError) -> CompareFiguresResponse {
        var checks = FieldChecks()
        checks.require(!request.subjectID.isEmpty, "subject_id", "is required: a site, agreement or movement id, or an event's name")
        checks.specified(request.measure, .unspecified, "measure")
        try checks.throwIfAny()
        let state = try await durableState()
        let known = state.sites[request.subjectID] != nil || state.agreements[request.subjectID] != nil
            || state.movements[request.subjectID] != nil || state.figures.values.contains { $0.subjectID == request.subjectID }
        guard known else {
            throw RegistryError.notFound("no site, agreement, movement or figure with subject id \"\(request.subjectID)\"")
        }
        var response = CompareFiguresResponse(claims: state.claims(subjectID: request.subjectID, measure: request.measure))
        if let own = state.registryCount(subjectID: request.subjectID, measure: request.measure) {
            response.registryCounts = true
            response.registryCount = own.count
            response.registryCountDescription = own.description
        } else {
            response.registryCountDescription = "the registry does not count \(request.measure.rawValue) for \"\(request.subjectID)\""
        }
        return response
    }
}

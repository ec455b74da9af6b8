import CorridorModel

// Figures: numbers someone reported, each kept as reported. Never merged,
// never overwritten: a new claim is a new figure.

extension RegistryState {
    func decideReportFigure(_ proposed: Figure, nowMs: UInt64) throws(RegistryError) -> (events: [EventKind], figure: Figure) {
        var figure = proposed
        var checks = FieldChecks()
        checks.require(figure.id.isEmpty, "figure.id", "is assigned by the registry (F-NNNNNN); leave it out")
        checks.require(figure.recordedAtMs == 0, "figure.recorded_at_ms", "is set by the registry")
        checks.require(nextFigureNumber <= Self.maximumCaseNumber, "figure.id", "the registry has assigned every figure number")
        checks.specified(figure.subjectKind, .unspecified, "figure.subject_kind")
        if figure.subjectID.isEmpty {
            checks.require(false, "figure.subject_id", "is required")
        } else {
            switch figure.subjectKind {
            case .site: checks.require(sites[figure.subjectID] != nil, "figure.subject_id", "no site with id \"\(figure.subjectID)\"")
            case .agreement: checks.require(agreements[figure.subjectID] != nil, "figure.subject_id", "no agreement with id \"\(figure.subjectID)\"")
            case .movement: checks.require(movements[figure.subjectID] != nil, "figure.subject_id", "no movement with id \"\(figure.subjectID)\"")
            case .namedEvent: checks.text(figure.subjectID, "figure.subject_id", required: true)
            case .unspecified: break
            }
        }
        checks.specified(figure.measure, .unspecified, "figure.measure")
        checks.specified(figure.qualifier, .unspecified, "figure.qualifier")
        if figure.high == 0 { figure.high = figure.low }
        checks.require(figure.low <= figure.high, "figure.high", "\(figure.high) is less than low \(figure.low): low must not exceed high (a single value has high = low, or high left out)")
        // A figure counts what has happened: its date cannot be ahead of the day it is reported.
        let today = CivilDate.utcDay(ofUnixMs: nowMs)
        let start = checks.date(figure.asOf, "figure.as_of", required: true, notAfter: today)
        let end = checks.date(figure.asOfEnd, "figure.as_of_end", required: false, notAfter: today)
        if let start, let end {
            checks.require(!(end < start), "figure.as_of_end", "\(figure.asOfEnd) is before as_of \(figure.asOf)")
        }
        // A joint statement keeps every party that made it; each is a party
        // the registry knows, named once.
        checks.require(!figure.sourcePartyIDs.isEmpty, "figure.source_party_ids", "is required: the party that reported it (several for a joint statement)")
        checks.require(figure.sourcePartyIDs.count <= Self.maximumFigureSources, "figure.source_party_ids", "\(figure.sourcePartyIDs.count) sources; a figure has at most \(Self.maximumFigureSources)")
        for (index, source) in figure.sourcePartyIDs.prefix(Self.maximumFigureSources).enumerated() {
            if source.isEmpty {
                checks.require(false, "figure.source_party_ids[\(index)]", "is empty; name the party")
            } else {
                checks.require(parties[source] != nil, "figure.source_party_ids[\(index)]", "no party with id \(FieldChecks.quoted(source))")
            }
        }
        checks.require(Set(figure.sourcePartyIDs).count == figure.sourcePartyIDs.count, "figure.source_party_ids", "names a party twice")
        checks.text(figure.reportedIn, "figure.reported_in", required: false, maxLength: 1000)
        checks.text(figure.note, "figure.note", required: false, maxLength: 2000)
        try checks.throwIfAny()
        figure.id = Self.registryCaseID(nextFigureNumber, prefix: "F-")
        figure.recordedAtMs = nowMs
        return ([.figureReported(FigureReported(figure: figure))], figure)
    }

    /// The most parties one figure names: a joint statement of a few
    /// organisations, not a list that grows without end.
    static let maximumFigureSources = 32

    /// Every claim about one subject (of any kind) and measure, oldest as-of first.
    func claims(subjectID: String, measure: Figure.Measure) -> [Figure] {
        figures.values
            .filter { $0.subjectID == subjectID && $0.measure == measure }
            .sorted { ($0.asOf, $0.id.utf8.count, $0.id) < ($1.asOf, $1.id.utf8.count, $1.id) }
    }
}

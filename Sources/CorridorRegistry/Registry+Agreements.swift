import CorridorModel

// The agreements commands and queries.

extension Registry {
    static func agreementTodayUTC() -> String {
        CivilDate.utcDay(ofUnixMs: unixNanoseconds() / 1_000_000).description
    }

    public func recordAgreement(_ agreement: Agreement?, actor: Actor) async throws(RegistryError) -> Agreement {
        guard let proposed = agreement else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "agreement", reason: "is required")])
        }
        let nowNs = Self.unixNanoseconds()
        let (events, recorded) = try currentState.decideRecordAgreement(proposed, today: CivilDate.utcDay(ofUnixMs: nowNs / 1_000_000))
        return try await commit(events, actor: actor, at: nowNs) { currentState.agreements[recorded.id] ?? recorded }
    }

    /// `fields`: field names of Agreement: title, parties, terms, agreed_on, implementation_started_on.
    public func updateAgreement(_ agreement: Agreement?, fields: [String], reason: String = "", actor: Actor) async throws(RegistryError) -> Agreement {
        guard let changes = agreement else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "agreement", reason: "is required")])
        }
        let nowNs = Self.unixNanoseconds()
        let (events, updated) = try currentState.decideUpdateAgreement(changes, fields: fields, today: CivilDate.utcDay(ofUnixMs: nowNs / 1_000_000))
        return try await commit(events, actor: actor, reason: reason, at: nowNs) { currentState.agreements[updated.id] ?? updated }
    }

    /// `date` (YYYY-MM-DD) sets agreed_on (AGREED) or implementation_started_on
    /// (IMPLEMENTING) when they are still empty.
    public func setAgreementStatus(agreementID: String, status: Agreement.Status, reason: String = "", date: String = "", actor: Actor) async throws(RegistryError) -> Agreement {
        let request = SetAgreementStatusCommand(agreementID: agreementID, status: status, reason: reason, date: date)
        let nowNs = Self.unixNanoseconds()
        let (events, updated) = try currentState.decideSetAgreementStatus(request, today: CivilDate.utcDay(ofUnixMs: nowNs / 1_000_000))
        return try await commit(events, actor: actor, reason: request.reason, at: nowNs) { currentState.agreements[updated.id] ?? updated }
    }

    public func recordFulfilment(agreementID: String, termID: String, count: UInt32, date: String = "", reason: String = "", actor: Actor) async throws(RegistryError) -> AgreementProgress {
        let request = RecordFulfilmentCommand(agreementID: agreementID, termID: termID, count: count, date: date, reason: reason)
        let nowNs = Self.unixNanoseconds()
        let events = try currentState.decideRecordFulfilment(request, today: CivilDate.utcDay(ofUnixMs: nowNs / 1_000_000))
        return try await commit(events, actor: actor, reason: request.reason, at: nowNs) { () throws(RegistryError) in
            let state = currentState
            return state.agreementProgress(try committed(state.agreements[request.agreementID], "agreement \(request.agreementID)"))
        }
    }

    public func getAgreement(_ id: String) async throws(RegistryError) -> Agreement {
        guard let agreement = try await readDurably({ $0.agreements[id] }) else {
            throw RegistryError.notFound("no agreement with id \"\(id)\"")
        }
        return agreement
    }

    /// Agreements by id, optionally of one status.
    public func listAgreements(status: Agreement.Status = .unspecified) async throws(RegistryError) -> [Agreement] {
        return try await readDurably { state throws(RegistryError) in
            return state.agreements.values
                .filter { status == .unspecified || $0.status == status }
                .sorted { $0.id < $1.id }
        }
    }

    public func getAgreementProgress(_ id: String) async throws(RegistryError) -> AgreementProgress {
        return try await readDurably { state throws(RegistryError) in
            guard let agreement = state.agreements[id] else {
                throw RegistryError.notFound("no agreement with id \"\(id)\"")
            }
            return state.agreementProgress(agreement)
        }
    }
}

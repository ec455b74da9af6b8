import CorridorModel
import CorridorWire

// The agreements commands and queries.

extension Registry {
    static func agreementTodayUTC() -> String {
        CivilDate.utcDay(ofUnixMs: unixNanoseconds() / 1_000_000).description
    }

    public func recordAgreement(_ request: RecordAgreementRequest, actor: Actor) async throws(RegistryError) -> Agreement {
        guard let proposed = request.agreement else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "agreement", reason: "is required")])
        }
        let nowNs = Self.unixNanoseconds()
        let (events, recorded) = try currentState.decideRecordAgreement(proposed, today: CivilDate.utcDay(ofUnixMs: nowNs / 1_000_000))
        try await commit(events, actor: actor, at: nowNs)
        return currentState.agreements[recorded.id] ?? recorded
    }

    public func updateAgreement(_ request: UpdateAgreementRequest, actor: Actor) async throws(RegistryError) -> Agreement {
        guard let changes = request.agreement else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "agreement", reason: "is required")])
        }
        let nowNs = Self.unixNanoseconds()
        let (events, updated) = try currentState.decideUpdateAgreement(changes, fields: request.fields, today: CivilDate.utcDay(ofUnixMs: nowNs / 1_000_000))
        try await commit(events, actor: actor, reason: request.reason, at: nowNs)
        return currentState.agreements[updated.id] ?? updated
    }

    public func setAgreementStatus(_ request: SetAgreementStatusRequest, actor: Actor) async throws(RegistryError) -> Agreement {
        let nowNs = Self.unixNanoseconds()
        let (events, updated) = try currentState.decideSetAgreementStatus(request, today: CivilDate.utcDay(ofUnixMs: nowNs / 1_000_000))
        try await commit(events, actor: actor, reason: request.reason, at: nowNs)
        return currentState.agreements[updated.id] ?? updated
    }

    public func recordFulfilment(_ request: RecordFulfilmentRequest, actor: Actor) async throws(RegistryError) -> AgreementProgress {
        let nowNs = Self.unixNanoseconds()
        let events = try currentState.decideRecordFulfilment(request, today: CivilDate.utcDay(ofUnixMs: nowNs / 1_000_000))
        try await commit(events, actor: actor, reason: request.reason, at: nowNs)
        let state = currentState
        return state.agreementProgress(try committed(state.agreements[request.agreementID], "agreement \(request.agreementID)"))
    }

    public func getAgreement(_ request: GetRequest) async throws(RegistryError) -> Agreement {
        guard let agreement = try await durableState().agreements[request.id] else {
            throw RegistryError.notFound("no agreement with id \"\(request.id)\"")
        }
        return agreement
    }

    public func listAgreements(_ request: ListAgreementsRequest) async throws(RegistryError) -> ListAgreementsResponse {
        let state = try await durableState()
        let agreements = state.agreements.values
            .filter { request.status == .unspecified || $0.status == request.status }
            .sorted { $0.id < $1.id }
        return ListAgreementsResponse(agreements: agreements)
    }

    public func getAgreementProgress(_ request: GetRequest) async throws(RegistryError) -> AgreementProgress {
        let state = try await durableState()
        guard let agreement = state.agreements[request.id] else {
            throw RegistryError.notFound("no agreement with id \"\(request.id)\"")
        }
        return state.agreementProgress(agreement)
    }
}

import CorridorModel
import CorridorWire

// The agreements commands and queries.

extension Registry {
    public func recordAgreement(_ request: RecordAgreementRequest, actor: Actor) async throws(RPCError) -> Agreement {
        throw RPCError(.unimplemented, "RecordAgreement is not implemented yet")
    }

    public func updateAgreement(_ request: UpdateAgreementRequest, actor: Actor) async throws(RPCError) -> Agreement {
        throw RPCError(.unimplemented, "UpdateAgreement is not implemented yet")
    }

    public func setAgreementStatus(_ request: SetAgreementStatusRequest, actor: Actor) async throws(RPCError) -> Agreement {
        throw RPCError(.unimplemented, "SetAgreementStatus is not implemented yet")
    }

    public func recordFulfilment(_ request: RecordFulfilmentRequest, actor: Actor) async throws(RPCError) -> AgreementProgress {
        throw RPCError(.unimplemented, "RecordFulfilment is not implemented yet")
    }

    public func getAgreement(_ request: GetRequest) async throws(RPCError) -> Agreement {
        throw RPCError(.unimplemented, "GetAgreement is not implemented yet")
    }

    public func listAgreements(_ request: ListAgreementsRequest) async throws(RPCError) -> ListAgreementsResponse {
        throw RPCError(.unimplemented, "ListAgreements is not implemented yet")
    }

    public func getAgreementProgress(_ request: GetRequest) async throws(RPCError) -> AgreementProgress {
        throw RPCError(.unimplemented, "GetAgreementProgress is not implemented yet")
    }
}

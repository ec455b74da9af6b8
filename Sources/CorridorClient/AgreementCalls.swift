import CorridorWire

// Typed calls of the Registry service: agreements (proto/corridor/v1/registry.proto).

extension CorridorClient {
    public func recordAgreement(_ request: RecordAgreementRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Agreement {
        try await unary("/corridor.v1.Registry/RecordAgreement", request, timeout: timeout)
    }

    public func updateAgreement(_ request: UpdateAgreementRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Agreement {
        try await unary("/corridor.v1.Registry/UpdateAgreement", request, timeout: timeout)
    }

    public func setAgreementStatus(_ request: SetAgreementStatusRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Agreement {
        try await unary("/corridor.v1.Registry/SetAgreementStatus", request, timeout: timeout)
    }

    public func recordFulfilment(_ request: RecordFulfilmentRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> AgreementProgress {
        try await unary("/corridor.v1.Registry/RecordFulfilment", request, timeout: timeout)
    }

    public func getAgreement(_ request: GetRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Agreement {
        try await unary("/corridor.v1.Registry/GetAgreement", request, timeout: timeout)
    }

    public func listAgreements(_ request: ListAgreementsRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> ListAgreementsResponse {
        try await unary("/corridor.v1.Registry/ListAgreements", request, timeout: timeout)
    }

    public func getAgreementProgress(_ request: GetRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> AgreementProgress {
        try await unary("/corridor.v1.Registry/GetAgreementProgress", request, timeout: timeout)
    }
}

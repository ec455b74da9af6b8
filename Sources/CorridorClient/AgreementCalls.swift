import CorridorWire

// Typed calls of the Registry service: agreements (proto/corridor/v1/registry.proto).
// Each takes the generated request and goes through its generated RPCMethod;
// the result is the model value (mapped by CorridorWire/Mapping) where the model has
// one, else the generated response.

extension CorridorClient {
    public func recordAgreement(_ request: Corridor_V1_RecordAgreementRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Agreement {
        let reply = try await unary(Corridor_V1_Registry.recordAgreement, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Agreement(proto: reply) }
    }

    public func updateAgreement(_ request: Corridor_V1_UpdateAgreementRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Agreement {
        let reply = try await unary(Corridor_V1_Registry.updateAgreement, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Agreement(proto: reply) }
    }

    public func setAgreementStatus(_ request: Corridor_V1_SetAgreementStatusRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Agreement {
        let reply = try await unary(Corridor_V1_Registry.setAgreementStatus, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Agreement(proto: reply) }
    }

    public func recordFulfilment(_ request: Corridor_V1_RecordFulfilmentRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> AgreementProgress {
        let reply = try await unary(Corridor_V1_Registry.recordFulfilment, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try AgreementProgress(proto: reply) }
    }

    public func getAgreement(_ request: Corridor_V1_GetRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Agreement {
        let reply = try await unary(Corridor_V1_Registry.getAgreement, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Agreement(proto: reply) }
    }

    public func listAgreements(_ request: Corridor_V1_ListAgreementsRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Corridor_V1_ListAgreementsResponse {
        try await unary(Corridor_V1_Registry.listAgreements, request, timeout: timeout)
    }

    public func getAgreementProgress(_ request: Corridor_V1_GetRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> AgreementProgress {
        let reply = try await unary(Corridor_V1_Registry.getAgreementProgress, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try AgreementProgress(proto: reply) }
    }
}

import CorridorWire

// Typed calls of the Registry service: movements (proto/corridor/v1/registry.proto).
// Each takes the generated request and goes through its generated RPCMethod;
// the result is the model value (mapped by CorridorWire/Mapping) where the model has
// one, else the generated response.

extension CorridorClient {
    public func planMovement(_ request: Corridor_V1_PlanMovementRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        let reply = try await unary(Corridor_V1_Registry.planMovement, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Movement(proto: reply) }
    }

    public func setMovementStatus(_ request: Corridor_V1_SetMovementStatusRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        let reply = try await unary(Corridor_V1_Registry.setMovementStatus, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Movement(proto: reply) }
    }

    public func changeManifest(_ request: Corridor_V1_ChangeManifestRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        let reply = try await unary(Corridor_V1_Registry.changeManifest, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Movement(proto: reply) }
    }

    public func removeCargo(_ request: Corridor_V1_RemoveCargoRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        let reply = try await unary(Corridor_V1_Registry.removeCargo, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Movement(proto: reply) }
    }

    public func recordDelivery(_ request: Corridor_V1_RecordDeliveryRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        let reply = try await unary(Corridor_V1_Registry.recordDelivery, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Movement(proto: reply) }
    }

    public func reportIncident(_ request: Corridor_V1_ReportIncidentRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        let reply = try await unary(Corridor_V1_Registry.reportIncident, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Movement(proto: reply) }
    }

    public func getMovement(_ request: Corridor_V1_GetRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        let reply = try await unary(Corridor_V1_Registry.getMovement, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Movement(proto: reply) }
    }

    public func listMovements(_ request: Corridor_V1_ListMovementsRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Corridor_V1_ListMovementsResponse {
        try await unary(Corridor_V1_Registry.listMovements, request, timeout: timeout)
    }
}

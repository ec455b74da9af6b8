import CorridorWire

// Typed calls of the Registry service: movements (proto/corridor/v1/registry.proto).

extension CorridorClient {
    public func planMovement(_ request: PlanMovementRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        try await unary("/corridor.v1.Registry/PlanMovement", request, timeout: timeout)
    }

    public func setMovementStatus(_ request: SetMovementStatusRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        try await unary("/corridor.v1.Registry/SetMovementStatus", request, timeout: timeout)
    }

    public func changeManifest(_ request: ChangeManifestRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        try await unary("/corridor.v1.Registry/ChangeManifest", request, timeout: timeout)
    }

    public func removeCargo(_ request: RemoveCargoRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        try await unary("/corridor.v1.Registry/RemoveCargo", request, timeout: timeout)
    }

    public func recordDelivery(_ request: RecordDeliveryRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        try await unary("/corridor.v1.Registry/RecordDelivery", request, timeout: timeout)
    }

    public func reportIncident(_ request: ReportIncidentRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        try await unary("/corridor.v1.Registry/ReportIncident", request, timeout: timeout)
    }

    public func getMovement(_ request: GetRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Movement {
        try await unary("/corridor.v1.Registry/GetMovement", request, timeout: timeout)
    }

    public func listMovements(_ request: ListMovementsRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> ListMovementsResponse {
        try await unary("/corridor.v1.Registry/ListMovements", request, timeout: timeout)
    }
}

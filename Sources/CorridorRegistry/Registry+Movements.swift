import CorridorModel
import CorridorWire

// The movements commands and queries.

extension Registry {
    public func planMovement(_ request: PlanMovementRequest, actor: Actor) async throws(RPCError) -> Movement {
        throw RPCError(.unimplemented, "PlanMovement is not implemented yet")
    }

    public func setMovementStatus(_ request: SetMovementStatusRequest, actor: Actor) async throws(RPCError) -> Movement {
        throw RPCError(.unimplemented, "SetMovementStatus is not implemented yet")
    }

    public func changeManifest(_ request: ChangeManifestRequest, actor: Actor) async throws(RPCError) -> Movement {
        throw RPCError(.unimplemented, "ChangeManifest is not implemented yet")
    }

    public func removeCargo(_ request: RemoveCargoRequest, actor: Actor) async throws(RPCError) -> Movement {
        throw RPCError(.unimplemented, "RemoveCargo is not implemented yet")
    }

    public func recordDelivery(_ request: RecordDeliveryRequest, actor: Actor) async throws(RPCError) -> Movement {
        throw RPCError(.unimplemented, "RecordDelivery is not implemented yet")
    }

    public func reportIncident(_ request: ReportIncidentRequest, actor: Actor) async throws(RPCError) -> Movement {
        throw RPCError(.unimplemented, "ReportIncident is not implemented yet")
    }

    public func getMovement(_ request: GetRequest) async throws(RPCError) -> Movement {
        throw RPCError(.unimplemented, "GetMovement is not implemented yet")
    }

    public func listMovements(_ request: ListMovementsRequest) async throws(RPCError) -> ListMovementsResponse {
        throw RPCError(.unimplemented, "ListMovements is not implemented yet")
    }
}

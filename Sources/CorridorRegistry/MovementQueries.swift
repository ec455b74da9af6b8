import CorridorModel
import CorridorWire

// Movements asked for: one by id, or those of a kind, status, agreement, day
// ("movements today") or with cargo removed ("convoys with removals").

extension Registry {
    public func getMovement(_ request: GetRequest) async throws(RegistryError) -> Movement {
        let state = try await durableState()
        guard let movement = state.movements[request.id] else {
            throw RegistryError.notFound("no movement with id \"\(request.id)\"")
        }
        return movement
    }

    public func listMovements(_ request: ListMovementsRequest) async throws(RegistryError) -> ListMovementsResponse {
        var checks = FieldChecks()
        checks.zoneName(request.timeZone, "time_zone")
        var day: (fromMs: UInt64, untilMs: UInt64)?
        if !request.day.isEmpty {
            if let date = CivilDate(request.day) {
                let zone = TimeZoneDatabase.zone(named: request.timeZone.isEmpty ? "UTC" : request.timeZone) ?? TimeZoneDatabase.zone(named: "UTC")!
                day = (LocalTimestamp.unixMs(date, minutes: 0, in: zone), LocalTimestamp.unixMs(date.adding(days: 1), minutes: 0, in: zone))
            } else {
                checks.require(false, "day", "\"\(request.day)\" is not a date YYYY-MM-DD")
            }
        }
        try checks.throwIfAny()
        let state = try await durableState()
        let selected = state.movements.values.filter { movement in
            if request.kind != .unspecified && movement.kind != request.kind { return false }
            if request.status != .unspecified && movement.status != request.status { return false }
            if !request.agreementID.isEmpty && movement.agreementID != request.agreementID { return false }
            if request.withRemovals && movement.removals.isEmpty { return false }
            if let day {
                let times = [movement.plannedDepartureMs, movement.departedAtMs, movement.arrivedAtMs].filter { $0 != 0 }
                if !times.contains(where: { $0 >= day.fromMs && $0 < day.untilMs }) { return false }
            }
            return true
        }
        func when(_ movement: Movement) -> UInt64 { movement.departedAtMs != 0 ? movement.departedAtMs : movement.plannedDepartureMs }
        return ListMovementsResponse(movements: selected.sorted { (when($0), $0.id) < (when($1), $1.id) })
    }
}

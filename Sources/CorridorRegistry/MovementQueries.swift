import CorridorModel
import CorridorTimeZones

// Movements asked for: one by id, or those of a kind, status, agreement, day
// ("movements today") or with cargo removed ("convoys with removals").

extension Registry {
    public func getMovement(_ id: String) async throws(RegistryError) -> Movement {
        return try await readDurably { state throws(RegistryError) in
            guard let movement = state.movements[id] else {
                throw RegistryError.notFound("no movement with id \"\(id)\"")
            }
            return movement
        }
    }

    /// Movements of a kind, a status, an agreement; only those planned,
    /// departing or arriving on a local `day` (YYYY-MM-DD in `timeZone`, UTC
    /// if empty); only those with cargo removed.
    public func listMovements(
        kind: Movement.Kind = .unspecified, status: Movement.Status = .unspecified, day: String = "", timeZone: String = "",
        withRemovals: Bool = false, agreementID: String = ""
    ) async throws(RegistryError) -> [Movement] {
        var checks = FieldChecks()
        checks.zoneName(timeZone, "time_zone")
        var dayBounds: (fromMs: UInt64, untilMs: UInt64)?
        if !day.isEmpty {
            if let date = CivilDate(day) {
                let zone = TimeZoneDatabase.zone(named: timeZone.isEmpty ? "UTC" : timeZone) ?? TimeZoneDatabase.zone(named: "UTC")!
                dayBounds = (LocalTimestamp.unixMs(date, minutes: 0, in: zone), LocalTimestamp.unixMs(date.adding(days: 1), minutes: 0, in: zone))
            } else {
                checks.require(false, "day", "\"\(day)\" is not a date YYYY-MM-DD")
            }
        }
        try checks.throwIfAny()
        return try await readDurably { state throws(RegistryError) in
            let selected = state.movements.values.filter { movement in
                if kind != .unspecified && movement.kind != kind { return false }
                if status != .unspecified && movement.status != status { return false }
                if !agreementID.isEmpty && movement.agreementID != agreementID { return false }
                if withRemovals && movement.removals.isEmpty { return false }
                if let dayBounds {
                    let times = [movement.plannedDepartureMs, movement.departedAtMs, movement.arrivedAtMs].filter { $0 != 0 }
                    if !times.contains(where: { $0 >= dayBounds.fromMs && $0 < dayBounds.untilMs }) { return false }
                }
                return true
            }
            func when(_ movement: Movement) -> UInt64 { movement.departedAtMs != 0 ? movement.departedAtMs : movement.plannedDepartureMs }
            return selected.sorted { (when($0), $0.id) < (when($1), $1.id) }
        }
    }
}

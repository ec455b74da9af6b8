import CorridorModel
import CorridorWire

/// Movements: one row per cargo line of a convoy, one per passenger of an
/// evacuation (by case id only), one for a movement with neither. Each row
/// repeats its movement's columns. A line's removals share its row: the
/// parties (space-separated), stages and reasons ("; "), and the time of the
/// last removal; the JSON export keeps each removal apart.
public enum MovementExport: RecordExport {
    public static let kind = "movements"

    public static let columns: [HXLColumn] = [
        HXLColumn("Movement ID", "#meta+id"),
        HXLColumn("Kind", "#meta+type"),
        HXLColumn("Status", "#status"),
        HXLColumn("Agreement", "#meta+agreement"),
        HXLColumn("List", "#meta+list"),
        HXLColumn("Origin", "#loc+code+origin"),
        HXLColumn("Crossing", "#loc+code+crossing"),
        HXLColumn("Destination", "#loc+code+destination"),
        HXLColumn("Vehicles", "#meta+vehicles"),
        HXLColumn("Planned departure", "#date+start+planned"),
        HXLColumn("Departed", "#date+start"),
        HXLColumn("Arrived", "#date+end"),
        HXLColumn("Completed", "#date+completed"),
        HXLColumn("Cargo line", "#item+code"),
        HXLColumn("Item", "#item+name"),
        HXLColumn("Category", "#item+type"),
        HXLColumn("Unit", "#item+unit"),
        HXLColumn("Planned quantity", "#item+num+planned"),
        HXLColumn("Removed quantity", "#item+num+removed"),
        HXLColumn("Delivered quantity", "#item+num+delivered"),
        HXLColumn("People served", "#targeted"),
        HXLColumn("Removed by", "#org+code+removed_by"),
        HXLColumn("Removal stage", "#meta+removal_stage"),
        HXLColumn("Removal site", "#loc+code+removal"),
        HXLColumn("Removal reason", "#description+removal"),
        HXLColumn("Removed at", "#date+removal"),
        HXLColumn("Case ID", "#meta+case"),
        HXLColumn("On manifest", "#status+passenger"),
        HXLColumn("Companion of", "#meta+case+companion_of"),
        HXLColumn("Companions left behind", "#meta+companions+left"),
        HXLColumn("Incidents", "#indicator+num+incidents"),
        HXLColumn("Departure override", "#description+override"),
    ]

    public static func rows(_ movement: Movement) -> [[String: String]] {
        let common: [String: String] = [
            "#meta+id": movement.id,
            "#meta+type": movement.kind.rawValue,
            "#status": movement.status.rawValue,
            "#meta+agreement": movement.agreementID,
            "#meta+list": movement.listID,
            "#loc+code+origin": movement.originSiteID,
            "#loc+code+crossing": movement.crossingSiteID,
            "#loc+code+destination": Cell.list(movement.destinationSiteIDs),
            "#meta+vehicles": movement.vehicles.map { "\($0.count) \($0.kind.rawValue)" }.joined(separator: "; "),
            "#date+start+planned": Cell.time(movement.plannedDepartureMs),
            "#date+start": Cell.time(movement.departedAtMs),
            "#date+end": Cell.time(movement.arrivedAtMs),
            "#date+completed": Cell.time(movement.completedAtMs),
            "#indicator+num+incidents": Cell.number(movement.incidents.count),
            "#description+override": movement.departureOverride,
        ]
        var rows: [[String: String]] = []
        for line in movement.cargo {
            let removals = movement.removals.filter { $0.lineID == line.id }
            var parties: [String] = []
            for removal in removals where !parties.contains(removal.partyID) { parties.append(removal.partyID) }
            rows.append(common.merging([
                "#item+code": line.id,
                "#item+name": line.item,
                "#item+type": line.category.rawValue,
                "#item+unit": line.unit,
                "#item+num+planned": Cell.number(line.quantity),
                "#item+num+removed": Cell.number(line.removed),
                "#item+num+delivered": line.deliveryRecorded ? Cell.number(line.delivered) : "",
                "#targeted": Cell.number(line.peopleServed),
                "#org+code+removed_by": Cell.list(parties),
                "#meta+removal_stage": removals.map(\.stage.rawValue).joined(separator: "; "),
                "#loc+code+removal": removals.map(\.siteID).filter { !$0.isEmpty }.joined(separator: "; "),
                "#description+removal": removals.map(\.reason).filter { !$0.isEmpty }.joined(separator: "; "),
                "#date+removal": Cell.time(removals.map(\.atMs).max() ?? 0),
            ]) { $1 })
        }
        for passenger in movement.passengers {
            rows.append(common.merging([
                "#loc+code+destination": passenger.destinationSiteID.isEmpty ? Cell.list(movement.destinationSiteIDs) : passenger.destinationSiteID,
                "#meta+case": passenger.caseID,
                "#status+passenger": passenger.removed ? "REMOVED" : "ON_MANIFEST",
                "#meta+case+companion_of": passenger.companionOf,
                "#meta+companions+left": Cell.list(passenger.companionsLeft),
            ]) { $1 })
        }
        return rows.isEmpty ? [common] : rows
    }

    /// The movement as the JSON export holds it: a removed passenger's reason
    /// and why companions stayed behind are left out (either may be medical),
    /// as in the HXL view; who stayed behind is kept.
    public static func message(_ movement: Movement) -> Corridor_V1_Movement {
        var message = Corridor_V1_Movement(movement)
        for index in message.passengers.indices {
            message.passengers[index].removedReason = ""
            message.passengers[index].companionsLeftReason = ""
        }
        return message
    }
}

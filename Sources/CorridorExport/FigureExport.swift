import CorridorModel
import CorridorWire

/// Figures, one row each, with their source (#meta+source). Besides the
/// generic Measure / Low / High columns, a single value (low == high) also
/// goes into the column HXL names for its measure (#affected+killed,
/// #inneed, #reached …), so HXL tools can sum it; a range stays in Low/High.
public enum FigureExport: RecordExport {
    public static let kind = "figures"

    /// The HXL column of each measure's single value.
    public static let measureColumns: [(Figure.Measure, HXLColumn)] = [
        (.killed, HXLColumn("Killed", "#affected+killed")),
        (.injured, HXLColumn("Injured", "#affected+injured")),
        (.population, HXLColumn("Population", "#population")),
        (.children, HXLColumn("Children", "#population+children")),
        (.trapped, HXLColumn("Trapped", "#affected+trapped")),
        (.needingEvacuation, HXLColumn("Needing evacuation", "#inneed+evacuation")),
        (.evacuated, HXLColumn("Evacuated", "#reached+evacuated")),
        (.detaineesReleased, HXLColumn("Detainees released", "#reached+detainees_released")),
        (.diedWhileWaiting, HXLColumn("Died while waiting", "#affected+killed+waiting")),
        (.peopleServed, HXLColumn("People served", "#reached+served")),
    ]

    public static let columns: [HXLColumn] = [
        HXLColumn("Figure ID", "#meta+id"),
        HXLColumn("Source", "#meta+source"),
        HXLColumn("Subject kind", "#meta+subject+type"),
        HXLColumn("Subject", "#meta+subject"),
        HXLColumn("Site", "#loc+code"),
        HXLColumn("Measure", "#indicator+measure"),
        HXLColumn("Low", "#indicator+num+low"),
        HXLColumn("High", "#indicator+num+high"),
        HXLColumn("Qualifier", "#indicator+qualifier"),
        HXLColumn("As of", "#date"),
        HXLColumn("As of (end)", "#date+end"),
        HXLColumn("Reported in", "#meta+reported_in"),
        HXLColumn("Note", "#description"),
        HXLColumn("Recorded", "#date+recorded"),
    ] + measureColumns.map(\.1)

    public static func rows(_ figure: Figure) -> [[String: String]] {
        var row: [String: String] = [
            "#meta+id": figure.id,
            "#meta+source": figure.sourcePartyID,
            "#meta+subject+type": figure.subjectKind.rawValue,
            "#meta+subject": figure.subjectID,
            "#loc+code": figure.subjectKind == .site ? figure.subjectID : "",
            "#indicator+measure": figure.measure.rawValue,
            "#indicator+num+low": Cell.number(figure.low),
            "#indicator+num+high": Cell.number(figure.high),
            "#indicator+qualifier": figure.qualifier.rawValue,
            "#date": figure.asOf,
            "#date+end": figure.asOfEnd,
            "#meta+reported_in": figure.reportedIn,
            "#description": figure.note,
            "#date+recorded": Cell.time(figure.recordedAtMs),
        ]
        if figure.low == figure.high, let column = measureColumns.first(where: { $0.0 == figure.measure })?.1 {
            row[column.hashtag] = Cell.number(figure.low)
        }
        return [row]
    }

    public static func message(_ figure: Figure) -> Corridor_V1_Figure {
        Corridor_V1_Figure(figure)
    }
}

import CorridorModel
import CorridorWire

/// Figures, one row each, with their sources (#meta+source, every party of a
/// joint figure, space-separated). Low, High and the qualifier are the figure
/// as reported, with "As reported" spelling it out ("almost 600"). Besides
/// them, each measure has three columns so that no HXL reader can take an
/// estimate for a count (docs/hxl/README.md, "Ranges and qualifiers"):
/// - its own column (#affected+killed …) holds only an exact count (EXACT,
///   low == high), so HXL tools can add such counts up;
/// - +min and +max hold what any other figure bounds the count to: both ends
///   of an exact range, the low end of AT_LEAST / MORE_THAN, the high end of
///   UP_TO / ALMOST; ABOUT bounds nothing and leaves them empty.
public enum FigureExport: RecordExport {
    public static let kind = "figures"

    /// Each measure's header and hashtag (its exact count; +min and +max added for bounds).
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
        (.fighters, HXLColumn("Fighters", "#population+fighters")),
        (.families, HXLColumn("Families", "#population+families")),
        (.woundedEvacuated, HXLColumn("Wounded evacuated", "#reached+evacuated+wounded")),
        (.bodiesRecovered, HXLColumn("Bodies recovered", "#affected+bodies_recovered")),
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
        HXLColumn("As reported", "#meta+reported_value"),
        HXLColumn("As of", "#date"),
        HXLColumn("As of (end)", "#date+end"),
        HXLColumn("Reported in", "#meta+reported_in"),
        HXLColumn("Note", "#description"),
        HXLColumn("Recorded", "#date+recorded"),
    ] + measureColumns.flatMap { measure, column in
        [
            HXLColumn("\(column.header) (exact)", column.hashtag),
            HXLColumn("\(column.header) (at least)", column.hashtag + "+min"),
            HXLColumn("\(column.header) (at most)", column.hashtag + "+max"),
        ]
    }

    /// The lowest and highest the count can be by the figure's words, each
    /// nil where the figure does not bound it; nil for an exact count.
    public static func bounds(_ figure: Figure) -> (min: UInt64?, max: UInt64?)? {
        switch figure.qualifier {
        case .exact, .unspecified: figure.low == figure.high ? nil : (figure.low, figure.high)
        case .atLeast, .moreThan: (figure.low, nil)
        case .upTo, .almost: (nil, figure.high)
        case .about: (nil, nil)
        }
    }

    /// "600", "400-600", "almost 600", "about 400-600".
    public static func reportedValue(_ figure: Figure) -> String {
        let number = figure.low == figure.high ? "\(figure.low)" : "\(figure.low)-\(figure.high)"
        switch figure.qualifier {
        case .exact, .unspecified: return number
        default: return figure.qualifier.rawValue.lowercased().split(separator: "_").joined(separator: " ") + " " + number
        }
    }

    public static func rows(_ figure: Figure) -> [[String: String]] {
        var row: [String: String] = [
            "#meta+id": figure.id,
            "#meta+source": Cell.list(figure.sourcePartyIDs),
            "#meta+subject+type": figure.subjectKind.rawValue,
            "#meta+subject": figure.subjectID,
            "#loc+code": figure.subjectKind == .site ? figure.subjectID : "",
            "#indicator+measure": figure.measure.rawValue,
            "#indicator+num+low": Cell.number(figure.low),
            "#indicator+num+high": Cell.number(figure.high),
            "#indicator+qualifier": figure.qualifier.rawValue,
            "#meta+reported_value": reportedValue(figure),
            "#date": figure.asOf,
            "#date+end": figure.asOfEnd,
            "#meta+reported_in": figure.reportedIn,
            "#description": figure.note,
            "#date+recorded": Cell.time(figure.recordedAtMs),
        ]
        if let column = measureColumns.first(where: { $0.0 == figure.measure })?.1 {
            if let bounds = bounds(figure) {
                if let low = bounds.min { row[column.hashtag + "+min"] = Cell.number(low) }
                if let high = bounds.max { row[column.hashtag + "+max"] = Cell.number(high) }
            } else {
                row[column.hashtag] = Cell.number(figure.low)
            }
        }
        return [row]
    }

    public static func message(_ figure: Figure) -> Corridor_V1_Figure {
        Corridor_V1_Figure(figure)
    }
}

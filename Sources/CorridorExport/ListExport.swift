import CorridorModel
import CorridorWire

/// Evacuation lists, one row per entry (a list without entries still gets
/// one row). Each row repeats its list's columns.
public enum ListExport: RecordExport {
    public static let kind = "lists"

    public static let columns: [HXLColumn] = [
        HXLColumn("List ID", "#meta+id"),
        HXLColumn("Title", "#meta+name"),
        HXLColumn("Agreement", "#meta+agreement"),
        HXLColumn("Origin site", "#loc+code+origin"),
        HXLColumn("List status", "#status+list"),
        HXLColumn("Version", "#meta+num+version"),
        HXLColumn("Policy", "#meta+policy"),
        HXLColumn("Quota", "#targeted"),
        HXLColumn("Companions count", "#meta+companions_count"),
        HXLColumn("Rank", "#indicator+num+rank"),
        HXLColumn("Case ID", "#meta+case"),
        HXLColumn("Entry state", "#status+entry"),
        HXLColumn("Explanation", "#description+explanation"),
        HXLColumn("Companions", "#meta+companions"),
        HXLColumn("Companions who left", "#meta+companions+left"),
        HXLColumn("Struck by", "#org+code+struck_by"),
        HXLColumn("Entry reason", "#description+reason"),
        HXLColumn("Added in version", "#meta+num+added_in_version"),
    ]

    public static func rows(_ summary: ListSummary) -> [[String: String]] {
        guard let list = summary.list else { return [] }
        let common: [String: String] = [
            "#meta+id": list.id,
            "#meta+name": list.title,
            "#meta+agreement": list.agreementID,
            "#loc+code+origin": list.originSiteID,
            "#status+list": list.status.rawValue,
            "#meta+num+version": Cell.number(list.version),
            "#meta+policy": list.policyVersion,
            "#targeted": Cell.number(list.quota),
            "#meta+companions_count": Cell.yesNo(list.companionsCount),
        ]
        guard !list.entries.isEmpty else { return [common] }
        return list.entries.map { entry in
            common.merging([
                "#indicator+num+rank": Cell.number(entry.rank),
                "#meta+case": entry.caseID,
                "#status+entry": entry.state.rawValue,
                "#description+explanation": entry.explanation,
                "#meta+companions": Cell.list(entry.companionIDs),
                "#meta+companions+left": Cell.list(entry.companionsLeft.map(\.caseID)),
                "#org+code+struck_by": entry.struckBy,
                "#description+reason": entry.reason,
                "#meta+num+added_in_version": entry.addedInVersion == 0 ? "" : Cell.number(entry.addedInVersion),
            ]) { $1 }
        }
    }

    public static func message(_ summary: ListSummary) -> Corridor_V1_ListSummary {
        Corridor_V1_ListSummary(summary)
    }
}

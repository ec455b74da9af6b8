import CorridorModel
import CorridorWire

/// Cases, one row each: the operational part only. The personal part (name,
/// date of birth, contacts, identity numbers, clinical notes) is never
/// exported, nor the free-text status reason, which may name people.
public enum CaseExport: RecordExport {
    public static let kind = "cases"

    public static let columns: [HXLColumn] = [
        HXLColumn("Case ID", "#meta+id"),
        HXLColumn("Site", "#loc+code"),
        HXLColumn("Origin site", "#loc+code+origin"),
        HXLColumn("Status", "#status"),
        HXLColumn("Status date", "#date+status"),
        HXLColumn("Precedence", "#indicator+precedence"),
        HXLColumn("Age (months)", "#indicator+num+age_months"),
        HXLColumn("Age (years)", "#indicator+num+age_years"),
        HXLColumn("Age group", "#indicator+age_group"),
        HXLColumn("Sex", "#indicator+sex"),
        HXLColumn("Pregnant", "#indicator+pregnant"),
        HXLColumn("Conditions", "#indicator+conditions"),
        HXLColumn("Needs", "#indicator+needs"),
        HXLColumn("Consent", "#indicator+consent"),
        HXLColumn("Companions", "#meta+companions"),
        HXLColumn("Registered", "#date+registered"),
        HXLColumn("Registered in the field", "#date+registered+field"),
        HXLColumn("Days waiting", "#indicator+num+days_waiting"),
    ]

    public static func rows(_ view: CaseView) -> [[String: String]] {
        guard let record = view.case else { return [] }
        return [[
            "#meta+id": record.id,
            "#loc+code": record.siteID,
            "#loc+code+origin": record.originSiteID,
            "#status": record.status.rawValue,
            "#date+status": record.statusDate,
            "#indicator+precedence": record.precedence.rawValue,
            "#indicator+num+age_months": Cell.number(record.ageMonths),
            "#indicator+num+age_years": Cell.number(record.ageMonths / 12),
            "#indicator+age_group": record.ageGroup,
            "#indicator+sex": record.sex.rawValue,
            "#indicator+pregnant": Cell.yesNo(record.pregnant),
            "#indicator+conditions": Cell.list(record.conditions.map(\.rawValue)),
            "#indicator+needs": Cell.list(record.needs.map(\.rawValue)),
            "#indicator+consent": Cell.yesNo(record.consentGiven),
            "#meta+companions": Cell.list(record.companionIDs),
            "#date+registered": Cell.time(record.registeredAtMs),
            "#date+registered+field": record.fieldRegisteredOn,
            "#indicator+num+days_waiting": record.status.isWaitingForExport ? Cell.number(view.daysWaiting) : "",
        ]]
    }

    /// The case as the JSON export holds it: its CaseView without the personal
    /// data and without the status reason (free text that may say why someone
    /// died or left), as in the HXL view.
    public static func message(_ view: CaseView) -> Corridor_V1_CaseView {
        var record = view.case.map(Corridor_V1_Case.init)
        record?.statusReason = ""
        return Corridor_V1_CaseView(case: record, personal: nil, daysWaiting: view.daysWaiting)
    }
}

extension Case.Status {
    /// WAITING and LISTED: still waiting to leave.
    var isWaitingForExport: Bool { self == .waiting || self == .listed }
}

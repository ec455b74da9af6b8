/// One person waiting to leave: the operational part. The personal part is
/// `CasePersonal`, kept apart so that it can be withheld.
public struct Case: Sendable, Hashable {
    public enum Sex: String, Sendable, CaseIterable {
        case unspecified = "SEX_UNSPECIFIED"
        case female = "FEMALE"
        case male = "MALE"
    }

    /// The MEDEVAC precedence vocabulary, most urgent first.
    public enum Precedence: String, Sendable, CaseIterable {
        case unspecified = "PRECEDENCE_UNSPECIFIED"
        case urgent = "URGENT"
        case urgentSurgical = "URGENT_SURGICAL"
        case priority = "PRIORITY"
        case routine = "ROUTINE"
    }

    public enum Condition: String, Sendable, CaseIterable {
        case unspecified = "CONDITION_UNSPECIFIED"
        case cancer = "CANCER"
        case kidneyFailure = "KIDNEY_FAILURE"
        case heartDisease = "HEART_DISEASE"
        case bloodDisease = "BLOOD_DISEASE"
        case needsSurgery = "NEEDS_SURGERY"
        case trauma = "TRAUMA"
        case malnutrition = "MALNUTRITION"
        case other = "OTHER_CONDITION"
    }

    public enum Need: String, Sendable, CaseIterable {
        case unspecified = "NEED_UNSPECIFIED"
        case stretcher = "STRETCHER"
        case wheelchair = "WHEELCHAIR"
        case oxygen = "OXYGEN"
        case dialysis = "DIALYSIS"
        case incubator = "INCUBATOR"
    }

    public enum Status: String, Sendable, CaseIterable {
        case unspecified = "STATUS_UNSPECIFIED"
        case waiting = "WAITING"
        case listed = "LISTED"
        case scheduled = "SCHEDULED"
        case inTransit = "IN_TRANSIT"
        case evacuated = "EVACUATED"
        case deceased = "DECEASED"
        case withdrawn = "WITHDRAWN"
    }

    public var id: String
    public var siteID: String
    public var ageMonths: UInt32
    public var sex: Sex
    public var precedence: Precedence
    public var conditions: [Condition]
    public var needs: [Need]
    public var consentGiven: Bool
    public var companionIDs: [String]
    public var pregnant: Bool
    public var status: Status
    /// When the registry recorded the case, Unix milliseconds.
    public var registeredAtMs: UInt64
    public var statusReason: String
    /// YYYY-MM-DD of the status event that matters (the date of death).
    public var statusDate: String
    public var originSiteID: String
    /// YYYY-MM-DD on which the field registered the person (a paper list or
    /// a KoBo form typed in later); empty when the registry's registration is
    /// the first. Days waited count from it (`waitingSinceMs`).
    public var fieldRegisteredOn: String

    public init(
        id: String = "", siteID: String, ageMonths: UInt32, sex: Sex, precedence: Precedence,
        conditions: [Condition] = [], needs: [Need] = [], consentGiven: Bool, companionIDs: [String] = [],
        pregnant: Bool = false, status: Status = .waiting, registeredAtMs: UInt64 = 0,
        statusReason: String = "", statusDate: String = "", originSiteID: String = "", fieldRegisteredOn: String = ""
    ) {
        self.id = id
        self.siteID = siteID
        self.ageMonths = ageMonths
        self.sex = sex
        self.precedence = precedence
        self.conditions = conditions
        self.needs = needs
        self.consentGiven = consentGiven
        self.companionIDs = companionIDs
        self.pregnant = pregnant
        self.status = status
        self.registeredAtMs = registeredAtMs
        self.statusReason = statusReason
        self.statusDate = statusDate
        self.originSiteID = originSiteID
        self.fieldRegisteredOn = fieldRegisteredOn
    }

    /// Since when the person has waited, Unix milliseconds: the start (UTC) of
    /// the day the field registered them, or when the registry recorded the
    /// case when there is no field date (or it is not a date, or is later).
    public var waitingSinceMs: UInt64 {
        Self.waitingSinceMs(fieldRegisteredOn: fieldRegisteredOn, registeredAtMs: registeredAtMs)
    }

    public static func waitingSinceMs(fieldRegisteredOn: String, registeredAtMs: UInt64) -> UInt64 {
        guard !fieldRegisteredOn.isEmpty, let day = CivilDate(fieldRegisteredOn)?.daysSinceEpoch, day >= 0 else { return registeredAtMs }
        let (start, overflow) = UInt64(day).multipliedReportingOverflow(by: 86_400_000)
        return overflow ? registeredAtMs : registeredAtMs == 0 ? start : min(start, registeredAtMs)
    }
}

/// The personal part of a case: name, birth date, contacts, identity numbers,
/// clinical notes. Stored apart from the operational part.
public struct CasePersonal: Sendable, Hashable {
    public var name: String
    public var dateOfBirth: String
    public var contacts: [String]
    public var identityNumbers: [String]
    public var clinicalNotes: String

    public init(name: String = "", dateOfBirth: String = "", contacts: [String] = [], identityNumbers: [String] = [], clinicalNotes: String = "") {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.contacts = contacts
        self.identityNumbers = identityNumbers
        self.clinicalNotes = clinicalNotes
    }

    public var isEmpty: Bool { self == CasePersonal() }
}

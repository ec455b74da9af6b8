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
/// clinical notes. Stored apart from the operational part, and sealed with
/// the case's own data key wherever it is written (docs/PRIVACY.md).
public struct CasePersonal: Sendable, Hashable {
    public var name: String
    public var dateOfBirth: String
    public var contacts: [String]
    public var identityNumbers: [String]
    public var clinicalNotes: String
    /// Set when the personal part is gone for good: its data key was
    /// destroyed, so every copy of it (log, snapshots, backups) is ciphertext
    /// nobody can open. The other fields are then empty.
    /// (Optional<…>, not `PersonalErasure?`: see Event.actor.)
    public var erasure: Optional<PersonalErasure>

    public init(
        name: String = "", dateOfBirth: String = "", contacts: [String] = [], identityNumbers: [String] = [], clinicalNotes: String = "",
        erasure: PersonalErasure? = nil
    ) {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.contacts = contacts
        self.identityNumbers = identityNumbers
        self.clinicalNotes = clinicalNotes
        self.erasure = erasure
    }

    public var isEmpty: Bool { self == CasePersonal() }

    /// A personal part that was erased: nothing but when and why.
    public static func erased(_ erasure: PersonalErasure) -> CasePersonal {
        CasePersonal(erasure: erasure)
    }
}

/// When and why a case's personal part was erased. A record sealed with a
/// key that is gone, read before its erasure event is known (a history entry,
/// an offline dump), says so with `atMs` 0 and an empty reason.
public struct PersonalErasure: Sendable, Hashable {
    /// When the erasure was recorded, Unix milliseconds; 0 when unknown.
    public var atMs: UInt64
    public var reason: String

    public init(atMs: UInt64, reason: String) {
        self.atMs = atMs
        self.reason = reason
    }

    /// The words history and `case show` use: "erased on 2026-12-03 under retention".
    public var description: String {
        guard atMs > 0 else { return "erased (its data key is destroyed)" }
        return "erased on \(CivilDate.utcDay(ofUnixMs: atMs)) under \(reason)"
    }
}

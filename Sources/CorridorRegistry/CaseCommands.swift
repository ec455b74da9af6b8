import CorridorModel

// Cases: registration, updates of either part, and the status changes an
// operator makes directly (death, withdrawal, return to waiting). LISTED,
// SCHEDULED, IN_TRANSIT and EVACUATED are set by lists and movements.

extension RegistryState {
    /// The oldest a person can be, in months.
    static let maximumAgeMonths: UInt32 = 1_560

    func decideRegisterCase(_ proposed: Case, personal: CasePersonal?, nowMs: UInt64) throws(RegistryError) -> (events: [EventKind], case: Case) {
        var record = proposed
        var checks = FieldChecks()
        if record.id.isEmpty {
            record.id = Self.registryCaseID(nextCaseNumber)
        } else {
            checks.identifier(record.id.lowercased(), "case.id")
        }
        if let number = Self.registryNumber(of: record.id) {
            checks.require(number <= Self.maximumCaseNumber, "case.id", "registry-style ids go up to C-\(Self.maximumCaseNumber)")
        }
        checks.require(nextCaseNumber <= Self.maximumCaseNumber || !proposed.id.isEmpty, "case.id", "the registry has assigned every number up to C-\(Self.maximumCaseNumber); give an id")
        checks.require(record.status == .unspecified || record.status == .waiting, "case.status", "a case is registered WAITING; it is \(record.status.rawValue)")
        checks.require(record.registeredAtMs == 0, "case.registered_at_ms", "is set by the registry (when it records the case); give the day the field registered the person as case.field_registered_on")
        checks.require(record.statusDate.isEmpty, "case.status_date", "is set by status changes")
        checks.require(record.statusReason.isEmpty, "case.status_reason", "is set by status changes")
        checks.require(record.originSiteID.isEmpty || record.originSiteID == record.siteID, "case.origin_site_id", "is the site of registration, set by the registry")
        checkCaseFields(record, checks: &checks)
        checkFieldRegistration(record.fieldRegisteredOn, recordedAtMs: nowMs, checks: &checks)
        if let personal { checkPersonalFields(personal, of: record, registeredAtMs: nowMs, checks: &checks) }
        try checks.throwIfAny()
        guard cases[record.id] == nil else {
            throw RegistryError.alreadyExists("a case with id \"\(record.id)\" already exists")
        }
        record.status = .waiting
        record.registeredAtMs = nowMs
        record.originSiteID = record.siteID
        return ([.caseRegistered(CaseRegistered(case: record, personal: personal.flatMap { $0.isEmpty ? nil : $0 }))], record)
    }

    static let updatableCaseFields: Set<String> = [
        "site_id", "age_months", "sex", "precedence", "conditions", "needs", "consent_given", "companion_ids", "pregnant",
        "field_registered_on", "personal.name", "personal.date_of_birth", "personal.contacts", "personal.identity_numbers", "personal.clinical_notes",
    ]

    func decideUpdateCase(_ changes: Case, personal personalChanges: CasePersonal?, fields: [String], nowMs: UInt64) throws(RegistryError) -> [EventKind] {
        guard let current = cases[changes.id] else {
            throw RegistryError.notFound("no case with id \"\(changes.id)\"")
        }
        let names = try fieldNames(fields.map(Self.personalFieldName), allowed: Self.updatableCaseFields, record: "case")
        guard current.status != .evacuated && current.status != .deceased else {
            throw wrongState("case \(current.id)", is: current.status, allowed: Case.Status.allCases.filter { $0 != .evacuated && $0 != .deceased && $0 != .unspecified }, for: "an update")
        }
        if let erasure = personal(of: current.id)?.erasure, let field = names.first(where: { $0.hasPrefix("personal.") }) {
            throw RegistryError.failedPrecondition(
                "the personal part of case \(current.id) was \(erasure.description); it cannot be changed",
                violations: [FieldViolation(field: field, reason: "the personal part was erased")]
            )
        }
        var updated = current
        let currentPersonal = personal(of: current.id) ?? CasePersonal()
        var updatedPersonal = currentPersonal
        let givenPersonal = personalChanges ?? CasePersonal()
        for name in names {
            switch name {
            case "site_id": updated.siteID = changes.siteID
            case "age_months": updated.ageMonths = changes.ageMonths
            case "sex": updated.sex = changes.sex
            case "precedence": updated.precedence = changes.precedence
            case "conditions": updated.conditions = changes.conditions
            case "needs": updated.needs = changes.needs
            case "consent_given": updated.consentGiven = changes.consentGiven
            case "companion_ids": updated.companionIDs = changes.companionIDs
            case "pregnant": updated.pregnant = changes.pregnant
            case "field_registered_on": updated.fieldRegisteredOn = changes.fieldRegisteredOn
            case "personal.name": updatedPersonal.name = givenPersonal.name
            case "personal.date_of_birth": updatedPersonal.dateOfBirth = givenPersonal.dateOfBirth
            case "personal.contacts": updatedPersonal.contacts = givenPersonal.contacts
            case "personal.identity_numbers": updatedPersonal.identityNumbers = givenPersonal.identityNumbers
            default: updatedPersonal.clinicalNotes = givenPersonal.clinicalNotes
            }
        }
        var checks = FieldChecks()
        checkCaseFields(updated, checks: &checks)
        if names.contains("field_registered_on") {
            checkFieldRegistration(updated.fieldRegisteredOn, recordedAtMs: current.registeredAtMs, checks: &checks)
        }
        // The age is the age at registration; a birth date given later must
        // agree with it then. Only an update of either is held to that, so
        // that a record kept from before the rule can still be moved or triaged.
        let agesChanged = names.contains("age_months") || names.contains("personal.date_of_birth") || names.contains("field_registered_on")
        checkPersonalFields(updatedPersonal, of: updated, registeredAtMs: current.registeredAtMs, nowMs: nowMs, checkAge: agesChanged, checks: &checks)
        try checks.throwIfAny()
        var events: [EventKind] = []
        let operational = names.filter { !$0.hasPrefix("personal.") && caseField($0, of: current) != caseField($0, of: updated) }
        if !operational.isEmpty {
            events.append(.caseUpdated(CaseUpdated(case: updated, changedFields: operational)))
        }
        let personalFields = names.filter { $0.hasPrefix("personal.") && personalField($0, of: currentPersonal) != personalField($0, of: updatedPersonal) }
        if updatedPersonal != currentPersonal {
            events.append(.casePersonalUpdated(CasePersonalUpdated(
                caseID: current.id, personal: updatedPersonal,
                changedFields: personalFields.map { String($0.dropFirst("personal.".count)) }
            )))
        }
        return events
    }

    /// The statuses an operator sets directly; the rest follow lists and movements.
    static let directStatuses: [Case.Status] = [.waiting, .deceased, .withdrawn]

    func decideSetCaseStatus(caseID: String, status: Case.Status, date: String, reason: String, nowMs: UInt64) throws(RegistryError) -> [EventKind] {
        guard let current = cases[caseID] else {
            throw RegistryError.notFound("no case with id \"\(caseID)\"")
        }
        var checks = FieldChecks()
        checks.require(Self.directStatuses.contains(status), "status", "\(status.rawValue) cannot be set directly; one of \(Self.directStatuses.map(\.rawValue).joined(separator: ", ")) (lists and movements set the others)")
        // A death or a withdrawal is recorded once it has happened.
        checks.date(date, "date", required: status == .deceased, notAfter: CivilDate.utcDay(ofUnixMs: nowMs))
        // Sensitive writes carry their reason (docs/AUDIT.md): it is kept on the event and shown in history.
        checks.require(status != .withdrawn || !reason.allSatisfy(\.isWhitespace), "reason", "is required for WITHDRAWN (consent withdrawn, recovered, left by other means)")
        checks.require(status != .deceased || !reason.allSatisfy(\.isWhitespace), "reason", "is required for DECEASED (the cause or circumstances, as reported, and by whom)")
        checks.text(reason, "reason", required: false, maxLength: 1000)
        try checks.throwIfAny()
        guard current.status.allowedNext.contains(status) else {
            throw refusedTransition("case \(caseID)", is: current.status, to: status, field: "status")
        }
        return [.caseStatusChanged(CaseStatusChanged(caseID: caseID, from: current.status, to: status, date: date))]
            + listEntryDropEvents(caseID: caseID, status: status, date: date, reason: reason)
    }

    /// Accepts "personal.name" as well as the personal part's own names.
    private static func personalFieldName(_ field: String) -> String {
        guard field.hasPrefix("personal.") else { return field }
        return "personal." + snakeCaseFieldName(String(field.dropFirst("personal.".count)))
    }

    private func checkCaseFields(_ record: Case, checks: inout FieldChecks) {
        checks.require(sites[record.siteID] != nil || record.siteID.isEmpty, "case.site_id", "no site with id \"\(record.siteID)\"")
        checks.require(!record.siteID.isEmpty, "case.site_id", "is required")
        checks.require(record.ageMonths <= Self.maximumAgeMonths, "case.age_months", "\(record.ageMonths) is more than \(Self.maximumAgeMonths) (130 years)")
        checks.specified(record.sex, .unspecified, "case.sex")
        checks.specified(record.precedence, .unspecified, "case.precedence")
        checks.require(!record.conditions.contains(.unspecified), "case.conditions", "CONDITION_UNSPECIFIED is not a condition")
        checks.require(Set(record.conditions).count == record.conditions.count, "case.conditions", "lists a condition twice")
        checks.require(!record.needs.contains(.unspecified), "case.needs", "NEED_UNSPECIFIED is not a need")
        checks.require(Set(record.needs).count == record.needs.count, "case.needs", "lists a need twice")
        checks.require(!record.pregnant || record.sex == .female, "case.pregnant", "only a FEMALE case can be pregnant")
        for (index, companion) in record.companionIDs.enumerated() {
            checks.require(companion != record.id, "case.companion_ids[\(index)]", "a case cannot accompany itself")
            checks.require(cases[companion] != nil, "case.companion_ids[\(index)]", "no case with id \"\(companion)\"")
        }
        checks.require(Set(record.companionIDs).count == record.companionIDs.count, "case.companion_ids", "lists a companion twice")
    }

    /// How far back the field's registration may go before the registry
    /// records the case: ten years (the longest sieges lasted five). Earlier
    /// is a mistyped year far more often than a real date.
    static let fieldRegistrationYears = 10

    /// The day the field registered the person (a paper list typed in weeks
    /// later): a date, not after the registry recorded the case (`today` at
    /// registration), not more than `fieldRegistrationYears` before it.
    private func checkFieldRegistration(_ value: String, recordedAtMs: UInt64, checks: inout FieldChecks) {
        let recordedOn = CivilDate.utcDay(ofUnixMs: recordedAtMs)
        guard let date = checks.date(value, "case.field_registered_on", required: false, notAfter: recordedOn) else { return }
        let floor = recordedOn.adding(days: -(365 * Self.fieldRegistrationYears + Self.fieldRegistrationYears / 4))
        checks.require(
            !(date < floor), "case.field_registered_on",
            "is \(date), more than \(Self.fieldRegistrationYears) years before the registry recorded the case on \(recordedOn) (\(floor) at the earliest); check the year"
        )
    }

    /// How far, in months, an age may be from the one a birth date gives:
    /// ages are often estimated, and a year's difference is an estimate.
    static let ageToleranceMonths = 12

    private func checkPersonalFields(
        _ details: CasePersonal, of record: Case, registeredAtMs: UInt64, nowMs: UInt64? = nil, checkAge: Bool = true, checks: inout FieldChecks
    ) {
        checks.text(details.name, "personal.name", required: false)
        // The age was taken when the field registered the person.
        let registeredOn = CivilDate(record.fieldRegisteredOn) ?? CivilDate.utcDay(ofUnixMs: registeredAtMs)
        let today = CivilDate.utcDay(ofUnixMs: nowMs ?? registeredAtMs)
        if let born = checks.date(details.dateOfBirth, "personal.date_of_birth", required: false, notAfter: checkAge ? today : nil), checkAge {
            if FieldChecks.latestPast(registeredOn) < born {
                checks.require(false, "personal.date_of_birth", "is \(born), after the case was registered on \(registeredOn)")
            } else {
                let months = max(0, Self.monthsBetween(born, registeredOn))
                checks.require(
                    abs(months - Int(record.ageMonths)) <= Self.ageToleranceMonths, "personal.date_of_birth",
                    "is \(born), \(months) months before registration on \(registeredOn), but case.age_months is \(record.ageMonths); they must agree within \(Self.ageToleranceMonths) months"
                )
            }
        }
        checks.text(details.clinicalNotes, "personal.clinical_notes", required: false, maxLength: 10_000)
        for (index, contact) in details.contacts.enumerated() {
            checks.text(contact, "personal.contacts[\(index)]", required: true)
        }
        for (index, number) in details.identityNumbers.enumerated() {
            checks.text(number, "personal.identity_numbers[\(index)]", required: true)
        }
    }

    /// Whole months from `start` to `end` (negative when `end` is earlier).
    static func monthsBetween(_ start: CivilDate, _ end: CivilDate) -> Int {
        (end.year - start.year) * 12 + (end.month - start.month) - (end.day < start.day ? 1 : 0)
    }

    private func personalField(_ name: String, of details: CasePersonal) -> String {
        switch name {
        case "personal.name": details.name
        case "personal.date_of_birth": details.dateOfBirth
        case "personal.contacts": details.contacts.joined(separator: "\u{0}")
        case "personal.identity_numbers": details.identityNumbers.joined(separator: "\u{0}")
        default: details.clinicalNotes
        }
    }

    private func caseField(_ name: String, of record: Case) -> String {
        switch name {
        case "site_id": record.siteID
        case "age_months": String(record.ageMonths)
        case "sex": record.sex.rawValue
        case "precedence": record.precedence.rawValue
        case "conditions": record.conditions.map(\.rawValue).joined(separator: ",")
        case "needs": record.needs.map(\.rawValue).joined(separator: ",")
        case "consent_given": String(record.consentGiven)
        case "companion_ids": record.companionIDs.joined(separator: ",")
        case "field_registered_on": record.fieldRegisteredOn
        default: String(record.pregnant)
        }
    }
}

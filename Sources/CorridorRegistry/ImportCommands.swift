import CorridorModel

// Importing cases in bulk: every row is decided as RegisterCase would decide
// it, against the state as it would be after the rows before it; duplicates
// are looked for within the rows and against the registry. All rows or none.

extension RegistryState {
    /// The most rows one import takes.
    static let maximumImportRows = 100_000

    /// The events registering every row, and the id each row gets; or one
    /// refusal naming every field at fault in every row (`rows[i].case.age_months`,
    /// each description starting "row N: " when the row has a number).
    func decideImportCases(_ rows: [ImportCaseRow], nowMs: UInt64) throws(RegistryError) -> (events: [EventKind], imported: [ImportedCase]) {
        guard !rows.isEmpty else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "rows", reason: "there are no rows to import")])
        }
        guard rows.count <= Self.maximumImportRows else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "rows", reason: "\(rows.count) rows; one import takes at most \(Self.maximumImportRows)")])
        }
        var index = DuplicateIndex(registry: self)
        var after = self
        var events: [EventKind] = []
        var imported: [ImportedCase] = []
        var violations: [FieldViolation] = []
        var onlyDuplicates = true

        for (position, row) in rows.enumerated() {
            let path = "rows[\(position)]"
            let label = row.row > 0 ? "row \(row.row): " : ""
            let here = row.row > 0 ? "row \(row.row)" : "rows[\(position)]"
            guard let proposed = row.case else {
                violations.append(FieldViolation(field: path + ".case", reason: label + "is required"))
                onlyDuplicates = false
                continue
            }
            let personal = row.personal.flatMap { $0.isEmpty ? nil : $0 }
            let duplicates = index.duplicates(of: proposed, personal: personal, path: path, label: label)
            violations += duplicates
            do {
                let (kinds, registered) = try after.decideRegisterCase(proposed, personal: personal, nowMs: nowMs)
                if duplicates.isEmpty {
                    for kind in kinds {
                        after.apply(Event(actor: nil, atMs: nowMs, kind), sequence: after.lastSequence + 1)
                    }
                    events += kinds
                    imported.append(ImportedCase(row: row.row, caseID: registered.id))
                    index.add(registered, personal: personal, from: here)
                }
            } catch {
                if error.code == .alreadyExists {
                    // The same id in the registry: a duplicate like the others.
                    if !duplicates.contains(where: { $0.field == path + ".case.id" }) {
                        violations.append(FieldViolation(field: path + ".case.id", reason: label + "duplicate: \(error.message)"))
                    }
                } else {
                    onlyDuplicates = false
                    let details = error.fieldViolations.isEmpty ? [FieldViolation(field: path, reason: error.message)] : error.fieldViolations
                    violations += details.map { FieldViolation(field: path + "." + $0.field, reason: label + $0.reason) }
                }
            }
        }
        guard violations.isEmpty else {
            let rowsAtFault = Set(violations.map { $0.field.prefix { $0 != "]" } }).count
            let message = "\(rowsAtFault) of \(rows.count) rows refused; nothing was imported"
            throw onlyDuplicates ? RegistryError.alreadyExists(message, violations: violations) : RegistryError.invalidArgument(message, violations: violations)
        }
        return (events, imported)
    }
}

/// What makes two rows the same person: the case id, an identity number, or
/// the name together with the date of birth.
struct DuplicateIndex {
    /// The registry's cases are looked up where they are; the rows' ids are kept here.
    private let registryCases: CaseRecords
    /// Where each key was seen: "case C-000012" or "row 7".
    private var caseIDs: [String: String] = [:]
    private var identityNumbers: [String: String] = [:]
    private var namesAndBirthDates: [String: String] = [:]

    init(registry: RegistryState) {
        registryCases = registry.cases
        let table = registry.caseTable
        for slot in 0..<table.count {
            guard let details = table.personal(at: slot) else { continue }
            let id = table.id(at: slot)
            for number in details.identityNumbers { identityNumbers[Self.normalisedNumber(number)] = "case \(id)" }
            if let key = Self.nameKey(details) { namesAndBirthDates[key] = "case \(id)" }
        }
    }

    func duplicates(of proposed: Case, personal: CasePersonal?, path: String, label: String) -> [FieldViolation] {
        var found: [FieldViolation] = []
        if !proposed.id.isEmpty, let seen = caseIDs[proposed.id] ?? (registryCases[proposed.id] != nil ? "case \(proposed.id)" : nil) {
            found.append(FieldViolation(field: path + ".case.id", reason: label + "duplicate: the id \"\(proposed.id)\" is already \(seen)"))
        }
        guard let personal else { return found }
        for (position, number) in personal.identityNumbers.enumerated() {
            let key = Self.normalisedNumber(number)
            if !key.isEmpty, let seen = identityNumbers[key] {
                found.append(FieldViolation(
                    field: path + ".personal.identity_numbers[\(position)]",
                    reason: label + "duplicate: the identity number \"\(number)\" is already \(seen)"
                ))
            }
        }
        if let key = Self.nameKey(personal), let seen = namesAndBirthDates[key] {
            found.append(FieldViolation(
                field: path + ".personal.name",
                reason: label + "duplicate: the same name and date of birth (\(personal.dateOfBirth)) are already \(seen)"
            ))
        }
        return found
    }

    mutating func add(_ record: Case, personal: CasePersonal?, from source: String) {
        caseIDs[record.id] = source
        guard let personal else { return }
        for number in personal.identityNumbers {
            let key = Self.normalisedNumber(number)
            if !key.isEmpty && identityNumbers[key] == nil { identityNumbers[key] = source }
        }
        if let key = Self.nameKey(personal), namesAndBirthDates[key] == nil { namesAndBirthDates[key] = source }
    }

    /// Identity numbers compare without case, spaces, dashes, dots or slashes.
    static func normalisedNumber(_ number: String) -> String {
        String(number.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "." && $0 != "/" })
    }

    /// Names compare without case and with runs of spaces as one; both the
    /// name and the date of birth must be given.
    static func nameKey(_ details: CasePersonal) -> String? {
        let name = details.name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !name.isEmpty, !details.dateOfBirth.isEmpty else { return nil }
        return name + "\u{0}" + details.dateOfBirth
    }
}

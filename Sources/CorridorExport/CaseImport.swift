import CorridorModel
import CorridorWire

/// A problem with one cell, row or column of an import file: "row 12: age_years: …".
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    /// As a spreadsheet numbers rows: the header is row 1.
    public var row: Int
    /// The column's name as the import knows it ("age_years"), or "" for the whole row.
    public var column: String
    public var message: String

    public init(row: Int, column: String, message: String) {
        self.row = row
        self.column = column
        self.message = message
    }

    public var description: String { "row \(row): " + (column.isEmpty ? "" : column + ": ") + message }
}

/// Cases from a CSV file shaped like a KoBo Toolbox / ODK form's export: a
/// header row of column names (group prefixes such as `group_patient/age_years`
/// are matched on their last part; `conditions/cancer` style 0/1 columns of a
/// select_multiple are understood), one case per row.
public enum CaseCSVImport {
    /// The columns it reads, with the other names each is known by.
    public static let columns: [(name: String, aliases: [String], help: String)] = [
        ("case_id", ["id", "case"], "pseudonymous id; left empty, the registry assigns C-NNNNNN"),
        ("site", ["site_id", "location"], "id of the site where the person is now (required)"),
        ("age_years", ["age"], "age in whole years"),
        ("age_months", [], "age in months (infants); with age_years, the months beyond the years"),
        ("sex", ["gender"], "female, male, f or m (required)"),
        ("precedence", ["priority", "urgency"], "urgent, urgent_surgical, priority or routine (required)"),
        ("conditions", ["condition"], "codes separated by spaces or commas: " + Case.Condition.allCases.dropFirst().map(code).joined(separator: " ")),
        ("needs", ["need"], "codes separated by spaces or commas: " + Case.Need.allCases.dropFirst().map(code).joined(separator: " ")),
        ("consent", ["consent_given"], "yes/no, true/false, 1/0 (required)"),
        ("pregnant", [], "yes/no (empty: no)"),
        ("companions", ["companion_ids"], "ids of cases travelling with this one (earlier rows or the registry), separated by spaces or commas"),
        ("registered_on", ["field_registered_on", "registration_date", "date_registered", "intake_date"],
         "the day the field registered the person, YYYY-MM-DD (a KoBo date; a date and time keeps its date); days waited count from it"),
        ("name", ["full_name"], "personal part"),
        ("date_of_birth", ["dob", "birth_date"], "personal part, YYYY-MM-DD"),
        ("phone", ["contact", "contacts", "phone_number"], "personal part; several separated by ';'"),
        ("id_number", ["identity_number", "national_id", "id_numbers"], "personal part; several separated by ';'"),
        ("clinical_notes", ["notes", "clinical_note"], "personal part"),
    ]

    /// Form and submission metadata that KoBo and ODK Central add; never an error.
    public static let metadataColumns: Set<String> = [
        "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "audit",
        "instanceid", "instancename", "uuid", "key", "submissiondate", "submitterid", "submittername",
        "attachmentspresent", "attachmentsexpected", "status", "reviewstate", "edits", "formversion", "version",
        "__version__",
    ]

    public struct Parsed: Sendable {
        public var rows: [ImportCaseRow]
        public var problems: [ImportProblem]
        /// The columns found, by their import name.
        public var columnsFound: [String]
        public var dataRows: Int
    }

    /// The rows of the file, or the problems that keep it from being sent.
    public static func parse(_ bytes: [UInt8], ignoreUnknownColumns: Bool = false) -> Parsed {
        let records: [CSVRecord]
        var notUTF8: [CSVFieldPosition] = []
        do {
            records = try CSVReader.read(bytes, invalidFields: &notUTF8)
        } catch {
            return Parsed(rows: [], problems: [ImportProblem(row: error.row, column: "", message: error.message)], columnsFound: [], dataRows: 0)
        }
        guard let header = records.first else {
            return Parsed(rows: [], problems: [ImportProblem(row: 1, column: "", message: "the file is empty; the first row must name the columns")], columnsFound: [], dataRows: 0)
        }
        var problems: [ImportProblem] = []
        // Text that is not text cannot be sent: the wire refuses it, and a
        // NUL would cut the value short on the way there. Said here, per cell.
        let notUTF8Cells = Set(notUTF8)
        for position in notUTF8 where position.row == header.row {
            problems.append(ImportProblem(row: header.row, column: "", message: "the name of column \(position.field) is not valid UTF-8 (save the file as UTF-8 CSV)"))
        }
        for (index, raw) in header.fields.enumerated() where raw.utf8.contains(0) {
            problems.append(ImportProblem(row: header.row, column: "", message: "the name of column \(index + 1) contains a NUL byte (U+0000)"))
        }

        // What each column of the header means.
        enum Meaning { case field(String), option(String, String), ignored }
        var meanings: [Meaning] = []
        var seen: [String: String] = [:]
        for raw in header.fields {
            let path = raw.trimmed.split(separator: "/").map { normalised(String($0)) }
            let last = path.last ?? ""
            if last.isEmpty || last.hasPrefix("_") || metadataColumns.contains(last) || path.first == "meta" || path.first == "formhub" {
                meanings.append(.ignored)
                continue
            }
            if path.count >= 2, let parent = canonical(path[path.count - 2]), parent == "conditions" || parent == "needs" {
                meanings.append(.option(parent, last))
                continue
            }
            guard let name = canonical(last) else {
                if !ignoreUnknownColumns {
                    problems.append(ImportProblem(row: header.row, column: raw.trimmed, message: "not a column the import knows (see `corridorctl import cases --help`; --ignore-unknown-columns skips such columns)"))
                }
                meanings.append(.ignored)
                continue
            }
            if let earlier = seen[name] {
                problems.append(ImportProblem(row: header.row, column: raw.trimmed, message: "a second \(name) column (the first is \"\(earlier)\")"))
                meanings.append(.ignored)
                continue
            }
            seen[name] = raw.trimmed
            meanings.append(.field(name))
        }
        // A missing column is one problem of row 1, not one of every row.
        var missing: Set<String> = []
        for required in ["site", "sex", "precedence", "consent"] where seen[required] == nil {
            problems.append(ImportProblem(row: header.row, column: required, message: "the column is missing"))
            missing.insert(required)
        }
        if seen["age_years"] == nil && seen["age_months"] == nil {
            problems.append(ImportProblem(row: header.row, column: "age_years", message: "the column is missing (age_years or age_months)"))
            missing.formUnion(["age_years", "age_months"])
        }

        var rows: [ImportCaseRow] = []
        for record in records.dropFirst() {
            if record.fields.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            var values: [String: String] = [:]
            var options: [String: [String]] = [:]
            for (index, value) in record.fields.enumerated() {
                guard index < meanings.count else {
                    if !value.trimmed.isEmpty {
                        problems.append(ImportProblem(row: record.row, column: "", message: "has \(record.fields.count) fields; the header names \(meanings.count) columns"))
                    }
                    break
                }
                // Cells of ignored columns are never sent, whatever they hold.
                let column: String
                switch meanings[index] {
                case .field(let name): column = name
                case .option(let parent, let option): column = parent + "/" + option
                case .ignored: column = ""
                }
                if !column.isEmpty {
                    if notUTF8Cells.contains(CSVFieldPosition(row: record.row, field: index + 1)) {
                        problems.append(ImportProblem(row: record.row, column: column, message: "is not valid UTF-8 (save the file as UTF-8 CSV)"))
                        continue
                    }
                    if let nul = value.utf8.firstIndex(of: 0) {
                        problems.append(ImportProblem(row: record.row, column: column, message: "contains a NUL byte (U+0000) at byte \(value.utf8.distance(from: value.utf8.startIndex, to: nul))"))
                        continue
                    }
                }
                switch meanings[index] {
                case .field(let name): values[name] = value.trimmed
                case .option(let parent, let option):
                    if let yes = boolean(value.trimmed), yes { options[parent, default: []].append(option) }
                    else if !value.trimmed.isEmpty && boolean(value.trimmed) == nil {
                        problems.append(ImportProblem(row: record.row, column: parent + "/" + option, message: "\"\(value)\" is not 1/0 or yes/no"))
                    }
                case .ignored: break
                }
            }
            var rowProblems: [ImportProblem] = []
            let parsed = caseRow(values, options: options, row: record.row, problems: &rowProblems)
            problems += rowProblems.filter { !missing.contains($0.column) }
            rows.append(parsed)
        }
        if rows.isEmpty && problems.isEmpty {
            problems.append(ImportProblem(row: 2, column: "", message: "the file has a header but no cases"))
        }
        return Parsed(rows: rows, problems: problems, columnsFound: header.fields.indices.compactMap {
            if case .field(let name) = meanings[$0] { return name } else { return nil }
        }, dataRows: rows.count)
    }

    static func caseRow(_ values: [String: String], options: [String: [String]], row: Int, problems: inout [ImportProblem]) -> ImportCaseRow {
        func problem(_ column: String, _ message: String) { problems.append(ImportProblem(row: row, column: column, message: message)) }
        var record = Case(id: values["case_id"] ?? "", siteID: values["site"] ?? "", ageMonths: 0, sex: .unspecified, precedence: .unspecified, consentGiven: false, status: .unspecified)

        let years = values["age_years"].flatMap { $0.isEmpty ? nil : $0 }
        let months = values["age_months"].flatMap { $0.isEmpty ? nil : $0 }
        var age: UInt32 = 0
        if years == nil && months == nil { problem(values.keys.contains("age_months") && !values.keys.contains("age_years") ? "age_months" : "age_years", "is required (age_years or age_months)") }
        if let years {
            if let value = UInt32(years), value <= 130 { age += value * 12 } else { problem("age_years", "\"\(years)\" is not a whole number of years from 0 to 130") }
        }
        if let months {
            if let value = UInt32(months), value <= 1_560 { age += value } else { problem("age_months", "\"\(months)\" is not a whole number of months from 0 to 1560") }
        }
        record.ageMonths = age

        switch (values["sex"] ?? "").lowercased() {
        case "female", "f", "woman", "girl": record.sex = .female
        case "male", "m", "man", "boy": record.sex = .male
        case "": problem("sex", "is required: female or male")
        case let other: problem("sex", "\"\(other)\" is not female, male, f or m")
        }

        let precedence = values["precedence"] ?? ""
        if precedence.isEmpty {
            problem("precedence", "is required: " + Case.Precedence.allCases.dropFirst().map(code).joined(separator: ", "))
        } else if let value = enumValue(Case.Precedence.self, precedence) {
            record.precedence = value
        } else {
            problem("precedence", "\"\(precedence)\" is not one of " + Case.Precedence.allCases.dropFirst().map(code).joined(separator: ", "))
        }

        var conditions: [String] = list(values["conditions"] ?? "") + (options["conditions"] ?? [])
        var needs: [String] = list(values["needs"] ?? "") + (options["needs"] ?? [])
        conditions = unique(conditions.map(normalised))
        needs = unique(needs.map(normalised))
        for code in conditions {
            if let value = enumValue(Case.Condition.self, code) ?? (code == "other" ? .other : nil) { record.conditions.append(value) }
            else { problem("conditions", "\"\(code)\" is not one of " + Case.Condition.allCases.dropFirst().map(Self.code).joined(separator: ", ")) }
        }
        for code in needs {
            if let value = enumValue(Case.Need.self, code) { record.needs.append(value) }
            else { problem("needs", "\"\(code)\" is not one of " + Case.Need.allCases.dropFirst().map(Self.code).joined(separator: ", ")) }
        }

        let consent = values["consent"] ?? ""
        if consent.isEmpty { problem("consent", "is required: yes or no") }
        else if let value = boolean(consent) { record.consentGiven = value }
        else { problem("consent", "\"\(consent)\" is not yes/no, true/false or 1/0") }

        let pregnant = values["pregnant"] ?? ""
        if let value = boolean(pregnant) { record.pregnant = value }
        else if !pregnant.isEmpty { problem("pregnant", "\"\(pregnant)\" is not yes/no, true/false or 1/0") }

        record.companionIDs = unique(list(values["companions"] ?? ""))
        record.fieldRegisteredOn = fieldDate(values["registered_on"] ?? "")

        // The registry's limits, said here with the row and column.
        func sized(_ column: String, _ value: String, _ limit: TextLimit) {
            if let message = limit.problem(value) { problem(column, message) }
        }
        sized("case_id", values["case_id"] ?? "", .short)
        sized("site", values["site"] ?? "", .short)
        sized("name", values["name"] ?? "", .standard)
        sized("clinical_notes", values["clinical_notes"] ?? "", .long)

        var personal = CasePersonal()
        personal.name = values["name"] ?? ""
        personal.dateOfBirth = values["date_of_birth"] ?? ""
        personal.contacts = (values["phone"] ?? "").split(separator: ";").map { String($0).trimmed }.filter { !$0.isEmpty }
        personal.identityNumbers = (values["id_number"] ?? "").split(separator: ";").map { String($0).trimmed }.filter { !$0.isEmpty }
        personal.clinicalNotes = values["clinical_notes"] ?? ""
        for contact in personal.contacts { sized("phone", contact, .standard) }
        for number in personal.identityNumbers { sized("id_number", number, .standard) }
        return ImportCaseRow(row: UInt32(clamping: row), case: record, personal: personal.isEmpty ? nil : personal)
    }

    /// The import column a field of the request names, for errors the
    /// registry sends back (`case.age_months` → `age_years` when the file has
    /// age in years).
    public static func column(forField field: String, columnsFound: [String]) -> String {
        let base = String(field.prefix { $0 != "[" })
        switch base {
        case "case.id": return "case_id"
        case "case.site_id": return "site"
        case "case.age_months": return columnsFound.contains("age_years") || !columnsFound.contains("age_months") ? "age_years" : "age_months"
        case "case.sex": return "sex"
        case "case.precedence": return "precedence"
        case "case.conditions": return "conditions"
        case "case.needs": return "needs"
        case "case.consent_given": return "consent"
        case "case.pregnant": return "pregnant"
        case "case.companion_ids": return "companions"
        case "case.field_registered_on": return "registered_on"
        case "personal.name": return "name"
        case "personal.date_of_birth": return "date_of_birth"
        case "personal.contacts": return "phone"
        case "personal.identity_numbers": return "id_number"
        case "personal.clinical_notes": return "clinical_notes"
        default: return field
        }
    }

    /// A registry refusal's field violations as problems of the file's rows:
    /// `rows[3].case.sex` of a request whose rows[3] came from row 5 → "row 5: sex: …".
    public static func problems(from violations: [FieldViolation], rows: [ImportCaseRow], columnsFound: [String]) -> [ImportProblem] {
        violations.map { violation in
            var field = violation.field
            var row = 0
            if field.hasPrefix("rows["), let close = field.firstIndex(of: "]"), let index = Int(field[field.index(field.startIndex, offsetBy: 5)..<close]) {
                row = index < rows.count ? Int(rows[index].row) : index
                field = String(field[field.index(after: close)...].drop { $0 == "." })
            }
            var message = violation.reason
            let prefix = "row \(row): "
            if message.hasPrefix(prefix) { message.removeFirst(prefix.count) }
            return ImportProblem(row: row, column: field.isEmpty ? "" : column(forField: field, columnsFound: columnsFound), message: message)
        }
    }

    // MARK: Words

    /// "URGENT_SURGICAL" → "urgent_surgical"; OTHER_CONDITION → "other".
    static func code<E: RawRepresentable>(_ value: E) -> String where E.RawValue == String {
        value.rawValue == "OTHER_CONDITION" ? "other" : value.rawValue.lowercased()
    }

    static func enumValue<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ text: String) -> E? where E.RawValue == String {
        let wanted = normalised(text).uppercased()
        guard !wanted.hasSuffix("UNSPECIFIED") else { return nil }
        return E.allCases.first { $0.rawValue == wanted }
    }

    /// Lower case, with spaces and '-' as '_'.
    static func normalised(_ text: String) -> String {
        String(text.trimmed.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    static func canonical(_ name: String) -> String? {
        columns.first { $0.name == name || $0.aliases.contains(name) }?.name
    }

    /// A KoBo date question exports YYYY-MM-DD; a date-and-time one
    /// (`2026-10-02T09:30:00.000+03:00`) the local date first, which is the
    /// day the field meant. Anything else goes as it is, for the registry to
    /// refuse by name.
    static func fieldDate(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.count > 10, utf8[10] == UInt8(ascii: "T") || utf8[10] == UInt8(ascii: " ") else { return text }
        return String(decoding: utf8[..<10], as: UTF8.self)
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "true", "t", "1": true
        case "no", "n", "false", "f", "0": false
        default: nil
        }
    }

    /// Values separated by spaces, commas or semicolons.
    static func list(_ text: String) -> [String] {
        text.split { $0 == " " || $0 == "," || $0 == ";" || $0 == "\t" }.map(String.init)
    }

    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}

extension String {
    var trimmed: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

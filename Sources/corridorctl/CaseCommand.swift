import ArgumentParser
import CorridorClient
import CorridorTimeZones

struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Register people waiting to leave, change their records and status, and list them.",
        discussion: """
            A case is one person waiting to leave. Its operational part (site, age, sex, precedence, conditions, \
            needs, consent, companions) is what selection and reports use; its personal part (name, date of birth, \
            contacts, identity numbers, clinical notes) is sealed on disk and shown only to roles that may see it \
            (docs/PRIVACY.md, docs/ACCESS.md).
            """,
        subcommands: [Register.self, Update.self, Status.self, Show.self, List.self, Erase.self, BreakGlass.self]
    )

    /// The case fields register and update can set.
    struct CaseFields: ParsableArguments {
        @Option(help: "The site where the person is now.") var site: String?
        @Option(help: "Age in months (for infants).") var ageMonths: UInt32?
        @Option(help: "Age in years.") var ageYears: UInt32?
        @Option(help: "The person's sex.") var sex: Case.Sex?
        @Option(help: "The precedence category.") var precedence: Case.Precedence?
        @Option(name: .customLong("condition"), help: "A condition (repeatable).") var conditions: [Case.Condition] = []
        @Option(name: .customLong("need"), help: "A need (repeatable).") var needs: [Case.Need] = []
        @Option(help: "Whether the person consents to evacuation.") var consent: ConsentAnswer?
        @Option(name: .customLong("companion"), help: "A case who travels with this one (repeatable).") var companions: [String] = []
        @Option(help: "Whether the person is pregnant.") var pregnant: ConsentAnswer?
        @Option(help: ArgumentHelp(
            "The day the field registered the person, YYYY-MM-DD, for a paper list or a form typed in later; days waited count from it. The registry keeps the day it records the case as well.",
            valueName: "date"
        )) var fieldRegisteredOn: String?
        @Option(help: "Name (personal part).") var name: String?
        @Option(help: "Date of birth, YYYY-MM-DD (personal part).") var dateOfBirth: String?
        @Option(name: .customLong("contact"), help: "A contact (repeatable; personal part).") var contacts: [String] = []
        @Option(name: .customLong("identity-number"), help: "An identity number (repeatable; personal part).") var identityNumbers: [String] = []
        @Option(help: "Clinical notes (personal part).") var clinicalNotes: String?

        func validate() throws {
            if ageMonths != nil && ageYears != nil { throw ValidationError("Give --age-months or --age-years, not both.") }
            if let ageYears, ageYears > 130 { throw ValidationError("--age-years must be at most 130.") }
        }

        /// The values given, and the names of the fields they set.
        func apply(to record: inout Case, personal: inout CasePersonal) -> [String] {
            var fields: [String] = []
            if let site { record.siteID = site; fields.append("site_id") }
            if let months = ageMonths ?? ageYears.map({ $0 * 12 }) { record.ageMonths = months; fields.append("age_months") }
            if let sex { record.sex = sex; fields.append("sex") }
            if let precedence { record.precedence = precedence; fields.append("precedence") }
            if !conditions.isEmpty { record.conditions = conditions; fields.append("conditions") }
            if !needs.isEmpty { record.needs = needs; fields.append("needs") }
            if let consent { record.consentGiven = consent == .yes; fields.append("consent_given") }
            if !companions.isEmpty { record.companionIDs = companions; fields.append("companion_ids") }
            if let pregnant { record.pregnant = pregnant == .yes; fields.append("pregnant") }
            if let fieldRegisteredOn { record.fieldRegisteredOn = fieldRegisteredOn; fields.append("field_registered_on") }
            if let name { personal.name = name; fields.append("personal.name") }
            if let dateOfBirth { personal.dateOfBirth = dateOfBirth; fields.append("personal.date_of_birth") }
            if !contacts.isEmpty { personal.contacts = contacts; fields.append("personal.contacts") }
            if !identityNumbers.isEmpty { personal.identityNumbers = identityNumbers; fields.append("personal.identity_numbers") }
            if let clinicalNotes { personal.clinicalNotes = clinicalNotes; fields.append("personal.clinical_notes") }
            return fields
        }
    }

    enum ConsentAnswer: String, ExpressibleByArgument, CaseIterable {
        case yes
        case no
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a person waiting to leave; prints the assigned id.",
            discussion: """
                --site, --sex, --precedence, --consent and an age (--age-years, or --age-months for an infant) are \
                required; the rest is optional. Days waited count from today, or from --field-registered-on.

                Example:
                  corridorctl case register --site enclave \\
                    --age-years 7 --sex female --precedence urgent \\
                    --condition kidney-failure --need dialysis \\
                    --consent yes --name "A. Example" \\
                    --field-registered-on 2026-11-02
                """
        )
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "A pseudonymous id; the registry assigns C-NNNNNN when left out.") var id = ""
        @OptionGroup var fields: CaseFields
        @Flag(help: "Print JSON instead of text.") var json = false

        func validate() throws {
            var missing: [String] = []
            if fields.site == nil { missing.append("--site") }
            if fields.ageMonths == nil && fields.ageYears == nil { missing.append("--age-months or --age-years") }
            if fields.sex == nil { missing.append("--sex") }
            if fields.precedence == nil { missing.append("--precedence") }
            if fields.consent == nil { missing.append("--consent") }
            guard missing.isEmpty else { throw ValidationError("Missing: \(missing.joined(separator: ", ")).") }
        }

        func run() async throws {
            var record = Case(id: id, siteID: "", ageMonths: 0, sex: .unspecified, precedence: .unspecified, consentGiven: false, status: .unspecified)
            var personal = CasePersonal()
            _ = fields.apply(to: &record, personal: &personal)
            let client = try await connection.connect()
            let view = try await calling { () async throws(RPCError) in
                try await client.registerCase(record, personal: personal.isEmpty ? nil : personal, timeout: connection.callTimeout)
            }
            await client.close()
            try CaseCommand.show(view, json: json)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a case's record; only the options given change.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The case's id.") var id: String
        @OptionGroup var fields: CaseFields
        @Option(help: "Why, kept with the change.") var reason = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            var record = Case(id: id, siteID: "", ageMonths: 0, sex: .unspecified, precedence: .unspecified, consentGiven: false, status: .unspecified)
            var personal = CasePersonal()
            let names = fields.apply(to: &record, personal: &personal)
            guard !names.isEmpty else { throw InputError("Name at least one change, e.g. --precedence or --site.") }
            let client = try await connection.connect()
            let view = try await calling { () async throws(RPCError) in
                try await client.updateCase(record, personal: personal, fields: names, reason: reason, timeout: connection.callTimeout)
            }
            await client.close()
            try CaseCommand.show(view, json: json)
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a death, a withdrawal, or a return to waiting.",
            discussion: "deceased needs --date (the date of death) and --reason; withdrawn needs --reason. The reason is kept on the event and shown by history. Lists and movements set the other statuses."
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The case's id.") var id: String
        @Argument(help: "The new status: set by hand are a death, a withdrawal and a return to waiting; the others follow from lists and movements.") var status: Case.Status
        @Option(help: "The date it happened, YYYY-MM-DD.") var date = ""
        @Option(help: "Why, kept with the change.") var reason = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let view = try await calling { () async throws(RPCError) in
                try await client.setCaseStatus(id, to: status, date: date, reason: reason, timeout: connection.callTimeout)
            }
            await client.close()
            try CaseCommand.show(view, json: json)
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a case's personal part for good, with a reason.",
            discussion: """
                Destroys the case's data key: its name, birth date, contacts, identity numbers and clinical notes can no \
                longer be read from the log, the snapshots or any backup of them. The operational part and the history stay; \
                the case shows "erased on DATE under REASON". See docs/PRIVACY.md.
                """
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The case's id.") var id: String
        @Option(help: "Why, kept with the erasure (the person's request, a court order).") var reason: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let view = try await calling { () async throws(RPCError) in
                try await client.eraseCasePersonalData(id, reason: reason, timeout: connection.callTimeout)
            }
            await client.close()
            try CaseCommand.show(view, json: json)
        }
    }

    struct BreakGlass: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "break-glass",
            abstract: "Open time-limited access to one case's personal data, with a reason.",
            discussion: """
                For a negotiator, logistics officer or observer who must see one case whole in an emergency: until the \
                grant expires (an hour unless --for says otherwise, at most 24h), your reads of that case show what a \
                coordinator sees. The opening is recorded on the audit trail as break-glass for review, and every read \
                under it as a personal read. Roles that see personal data already are refused. See docs/ACCESS.md.
                """
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The case's id.") var id: String
        @Option(help: "Why you must see this case's personal data, kept on the audit trail.") var reason: String
        @Option(name: .customLong("for"), help: "How long: seconds, or a number with s, m or h (90m, 2h); at most 24h.") var duration = "1h"
        @Flag(help: "Print JSON (corridor.v1.BreakGlassGrant) instead of text.") var json = false

        func run() async throws {
            let seconds = try Self.seconds(duration)
            let client = try await connection.connect()
            let grant = try await calling { () async throws(RPCError) in
                try await client.openBreakGlass(id, reason: reason, seconds: seconds, timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(grant) }
            print("break-glass open: \(grant.userName) (uid \(grant.uid)) may see case \(grant.caseID) until \(formatTimestamp(nanoseconds: grant.expiresAtMs * 1_000_000))")
        }

        /// `--for`: plain seconds or a number with s, m or h; the server bounds it.
        static func seconds(_ text: String) throws -> UInt32 {
            var digits = Substring(text)
            var unit: UInt64 = 1
            if let last = text.last, let scale: UInt64 = ["s": 1, "m": 60, "h": 3600][last] {
                digits = text.dropLast()
                unit = scale
            }
            guard let amount = UInt64(digits), amount > 0 else {
                throw ValidationError("--for '\(text)' is not a duration (3600, 90m, 2h).")
            }
            let (total, overflow) = amount.multipliedReportingOverflow(by: unit)
            guard !overflow, total <= 86_400 else { throw ValidationError("--for \(text) is more than 24h.") }
            return UInt32(total)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one case.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The case's id.") var id: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let view = try await calling { () async throws(RPCError) in try await client.caseView(id, timeout: connection.callTimeout) }
            await client.close()
            try CaseCommand.show(view, json: json)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cases by id, optionally at one site and in one status.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only cases at this site.") var site = ""
        @Option(help: "Only cases in this status.") var status: Case.Status?
        @Option(help: "Cases per page (at most 10000).") var limit: UInt32 = 100
        @Option(help: "Start after this case id (the next page token a previous list printed).") var after = ""
        @Flag(help: "Every page, not just the first.") var all = false
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            var token = after
            var views: [CaseView] = []
            var total: UInt32 = 0
            var next = ""
            repeat {
                let page = try await calling { () async throws(RPCError) in
                    try await client.cases(siteID: site, status: status ?? .unspecified, limit: limit, pageToken: token, timeout: connection.callTimeout)
                }
                views += page.cases
                total = page.total
                next = page.nextPageToken
                token = next
            } while all && !next.isEmpty
            await client.close()
            if json { return printJSON(Corridor_V1_CaseListPage(cases: views.map(Corridor_V1_CaseView.init), total: total, nextPageToken: next)) }
            var table = TextTable("ID", "SITE", "STATUS", "PRECEDENCE", "AGE", "SEX", "FIELD REG.", "RECORDED", "DAYS WAITING", "CONDITIONS")
            for view in views {
                guard let record = view.case else { continue }
                table.add(record.id, record.siteID, record.status.rawValue, record.precedence.rawValue, formatAge(record.ageMonths),
                          record.sex.rawValue, record.fieldRegisteredOn, CaseCommand.recordedOn(record),
                          record.status.isWaiting ? "\(view.daysWaiting)" : "",
                          record.conditions.map(\.rawValue).joined(separator: ","))
            }
            print(table.render())
            print("\(views.count) of \(total)" + (next.isEmpty ? "" : "; next page: --after \(next)"))
        }
    }

    static func show(_ view: CaseView, json: Bool) throws {
        if json { return printJSON(Corridor_V1_CaseView(view)) }
        guard let record = view.case else { return }
        let personal = view.personal ?? CasePersonal()
        printFields([
            ("id", record.id), ("status", record.status.rawValue + (record.statusDate.isEmpty ? "" : " on \(record.statusDate)")),
            ("status reason", record.statusReason), ("site", record.siteID), ("precedence", record.precedence.rawValue),
            ("age", formatAge(record.ageMonths)), ("sex", record.sex.rawValue), ("pregnant", record.pregnant ? "yes" : ""),
            ("conditions", record.conditions.map(\.rawValue).joined(separator: ", ")),
            ("needs", record.needs.map(\.rawValue).joined(separator: ", ")), ("consent", record.consentGiven ? "given" : "NOT given"),
            ("companions", record.companionIDs.joined(separator: ", ")),
            ("registered in the field", record.fieldRegisteredOn),
            ("recorded by the registry", record.registeredAtMs == 0 ? "" : LocalTimestamp.format(record.registeredAtMs, zoneName: "UTC")),
            ("days waiting", record.status.isWaiting ? "\(view.daysWaiting)" + (record.fieldRegisteredOn.isEmpty ? "" : " (since the field registration)") : ""),
            ("personal part", personal.erasure?.description ?? ""),
            ("name", personal.name), ("date of birth", personal.dateOfBirth), ("contacts", personal.contacts.joined(separator: ", ")),
            ("identity numbers", personal.identityNumbers.joined(separator: ", ")), ("clinical notes", personal.clinicalNotes),
        ])
    }
}

extension CaseCommand {
    /// The UTC day the registry recorded the case.
    static func recordedOn(_ record: Case) -> String {
        record.registeredAtMs == 0 ? "" : CivilDate.utcDay(ofUnixMs: record.registeredAtMs).description
    }
}

/// "6 months", "4 years", "1 year 3 months".
func formatAge(_ months: UInt32) -> String {
    if months < 24 { return "\(months) month\(months == 1 ? "" : "s")" }
    let years = months / 12
    return "\(years) years" + (months % 12 == 0 ? "" : " \(months % 12) months")
}

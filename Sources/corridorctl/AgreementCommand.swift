import ArgumentParser
import CorridorClient
import Foundation

struct AgreementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Agreements, their terms and progress.",
        subcommands: [Record.self, Update.self, Status.self, Fulfil.self, Show.self, List.self, Progress.self]
    )

    static let partyHelp = "A party and its role, PARTY_ID:ROLE (repeatable); roles: \(Agreement.Role.allValueStrings.joined(separator: ", "))."
    static let termHelp = """
        A counted obligation (repeatable): ID:OBLIGOR:MEASURE:TARGET:DESCRIPTION, where MEASURE is \
        \(Agreement.Measure.allValueStrings.joined(separator: ", ")); an evacuations term may name its list as \
        evacuations@LIST_ID, and count people (cases and their companions) rather than cases as \
        evacuations/people (evacuations/people@LIST_ID). E.g. "releases:jaish:detainee-releases:29:the armed group releases 29 detainees".
        """

    /// The fields record and update can set.
    struct AgreementFields: ParsableArguments {
        @Option(help: "The agreement's title.") var title: String?
        @Option(name: .customLong("party"), help: ArgumentHelp(AgreementCommand.partyHelp, valueName: "party:role")) var parties: [PartyRoleArgument] = []
        @Option(name: .customLong("term"), help: ArgumentHelp(AgreementCommand.termHelp, valueName: "term")) var terms: [TermArgument] = []
        @Option(help: "The date it was agreed, YYYY-MM-DD.") var agreedOn: String?
        @Option(help: "The date implementation started, YYYY-MM-DD.") var implementationStartedOn: String?

        /// The values given, and the names of the fields they set.
        func apply(to agreement: inout Agreement) -> [String] {
            var fields: [String] = []
            if let title { agreement.title = title; fields.append("title") }
            if !parties.isEmpty { agreement.parties = parties.map(\.value); fields.append("parties") }
            if !terms.isEmpty { agreement.terms = terms.map(\.value); fields.append("terms") }
            if let agreedOn { agreement.agreedOn = agreedOn; fields.append("agreed_on") }
            if let implementationStartedOn { agreement.implementationStartedOn = implementationStartedOn; fields.append("implementation_started_on") }
            return fields
        }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an agreement: its parties with their roles and its counted terms.",
            discussion: """
                Either options, e.g.
                  corridorctl agreement record a-29 --title "29 for 29" \\
                    --party gov:party --party jaish:party --party sarc:mediator \\
                    --status agreed --agreed-on 2017-12-26 \\
                    --term "releases:jaish:detainee-releases:29:29 detainees released" \\
                    --term "evacuations:gov:evacuations:29:29 medical evacuations"
                or --file with the agreement as JSON, in the shape `agreement show --json` prints: \
                proto3 JSON of corridor.v1.Agreement, any field left out taking its default, an unknown \
                field refused (options given as well override the file's fields).
                """
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The agreement's id, chosen by you (e.g. a-29-for-29); may come from --file instead.") var id: String?
        @OptionGroup var fields: AgreementFields
        @Option(help: "The status it starts in (the default is negotiating; a later one needs --agreed-on).") var status: Agreement.Status?
        @Option(help: "A JSON file holding the agreement.") var file: String?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            var agreement = Agreement()
            if let file {
                let message = try readMessageFile(file, as: Corridor_V1_Agreement.self)
                agreement = try model(of: message, in: file) { (message) throws(MappingError) in try Agreement(proto: message) }
            }
            if let id { agreement.id = id }
            if let status { agreement.status = status }
            _ = fields.apply(to: &agreement)
            guard !agreement.id.isEmpty else { throw InputError("Give the agreement's id (or an \"id\" in --file).") }
            let client = try await connection.connect()
            let request = Corridor_V1_RecordAgreementRequest(agreement: agreement)
            let recorded = try await calling { () async throws(RPCError) in
                try await client.recordAgreement(request, timeout: connection.callTimeout)
            }
            await client.close()
            try AgreementCommand.show(recorded, json: json)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an agreement; only the options given change.",
            discussion: "--party and --term replace the whole list of parties or terms; fulfilments recorded against a term that stays (same id) are kept."
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The agreement's id.") var id: String
        @OptionGroup var fields: AgreementFields
        @Option(help: "Why, kept with the change.") var reason = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            var agreement = Agreement(id: id)
            let names = fields.apply(to: &agreement)
            guard !names.isEmpty else { throw InputError("Name at least one change, e.g. --title or --term.") }
            let client = try await connection.connect()
            let request = Corridor_V1_UpdateAgreementRequest(agreement: agreement, fields: names, reason: reason)
            let updated = try await calling { () async throws(RPCError) in
                try await client.updateAgreement(request, timeout: connection.callTimeout)
            }
            await client.close()
            try AgreementCommand.show(updated, json: json)
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move an agreement along its lifecycle.",
            discussion: """
                negotiating → agreed | collapsed; agreed → implementing | suspended | collapsed; \
                implementing → completed | suspended | collapsed; suspended → agreed | implementing | collapsed. \
                suspended and collapsed need --reason; completed needs every term met. \
                --date sets the date agreed (agreed) or implementation started (implementing) when not yet set; today (UTC) otherwise.
                """
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The agreement's id.") var id: String
        @Argument(help: "The new status.") var status: Agreement.Status
        @Option(help: "YYYY-MM-DD.") var date = ""
        @Option(help: "Why, kept with the change.") var reason = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let request = Corridor_V1_SetAgreementStatusRequest(agreementID: id, status: status, reason: reason, date: date)
            let updated = try await calling { () async throws(RPCError) in
                try await client.setAgreementStatus(request, timeout: connection.callTimeout)
            }
            await client.close()
            try AgreementCommand.show(updated, json: json)
        }
    }

    struct Fulfil: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a count against a counted term (e.g. 29 detainees released); prints the progress.",
            discussion: "The first fulfilment of an AGREED agreement also moves it to IMPLEMENTING. Evacuations are counted from movements, not here."
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The agreement's id.") var id: String
        @Argument(help: "The term's id.") var term: String
        @Argument(help: "How many.") var count: UInt32
        @Option(help: "The date, YYYY-MM-DD (today in UTC if left out).") var date = ""
        @Option(help: "Why, or where it was reported.") var reason = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let request = Corridor_V1_RecordFulfilmentRequest(agreementID: id, termID: term, count: count, date: date, reason: reason)
            let progress = try await calling { () async throws(RPCError) in
                try await client.recordFulfilment(request, timeout: connection.callTimeout)
            }
            await client.close()
            try AgreementCommand.show(progress, json: json)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one agreement.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The agreement's id.") var id: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let agreement = try await calling { () async throws(RPCError) in
                try await client.getAgreement(Corridor_V1_GetRequest(id: id), timeout: connection.callTimeout)
            }
            await client.close()
            try AgreementCommand.show(agreement, json: json)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List agreements, optionally in one status.", aliases: ["list"])
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only agreements in this status.") var status: Agreement.Status?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let response = try await calling { () async throws(RPCError) in
                try await client.listAgreements(Corridor_V1_ListAgreementsRequest(status: status ?? .unspecified), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            var table = TextTable("ID", "STATUS", "AGREED", "IMPLEMENTING SINCE", "PARTIES", "TERMS", "TITLE")
            for agreement in try models(response.agreements, Agreement.init(proto:)) {
                table.add(agreement.id, agreement.status.rawValue, agreement.agreedOn, agreement.implementationStartedOn,
                          agreement.parties.map(\.partyID).joined(separator: ","), "\(agreement.terms.count)", agreement.title)
            }
            print(table.render())
            print("\(response.agreements.count) agreement\(response.agreements.count == 1 ? "" : "s")")
        }
    }

    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Progress per term: evacuations from movements, counted terms from recorded fulfilments.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The agreement's id.") var id: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let progress = try await calling { () async throws(RPCError) in
                try await client.getAgreementProgress(Corridor_V1_GetRequest(id: id), timeout: connection.callTimeout)
            }
            await client.close()
            try AgreementCommand.show(progress, json: json)
        }
    }

    static func show(_ agreement: Agreement, json: Bool) throws {
        if json { return printJSON(agreement) }
        printFields([
            ("id", agreement.id), ("title", agreement.title),
            ("status", agreement.status.rawValue + (agreement.statusReason.isEmpty ? "" : " (\(agreement.statusReason))")),
            ("agreed on", agreement.agreedOn), ("implementation started", agreement.implementationStartedOn),
            ("parties", agreement.parties.map { "\($0.partyID) (\($0.role.rawValue))" }.joined(separator: ", ")),
        ])
        guard !agreement.terms.isEmpty else { return }
        print("")
        var table = TextTable("TERM", "OBLIGOR", "MEASURE", "TARGET", "LIST", "FULFILLED", "DESCRIPTION")
        for term in agreement.terms {
            let measure = term.measure.rawValue + (term.counting == .people ? " (people)" : term.counting == .cases ? " (cases)" : "")
            table.add(term.id, term.obligorID, measure, "\(term.target)", term.listID,
                      term.measure == .evacuations ? "(from movements)" : "\(term.fulfilled)", term.description)
        }
        print(table.render())
    }

    static func show(_ progress: AgreementProgress, json: Bool) throws {
        if json { return printJSON(progress) }
        if let agreement = progress.agreement {
            print("\(agreement.id): \(agreement.title) — \(agreement.status.rawValue)")
        }
        var table = TextTable("TERM", "OBLIGOR", "DONE", "OF", "", "FROM", "DESCRIPTION")
        for row in progress.terms {
            let term = row.term ?? Agreement.Term()
            table.add(term.id, term.obligorID, "\(row.done)", "\(row.target)", row.done >= row.target ? "met" : "", row.source, term.description)
        }
        print(table.render())
        print(progress.allMet ? "every term has reached its target" : "not every term has reached its target yet")
    }
}

/// PARTY_ID:ROLE on the command line.
struct PartyRoleArgument: ExpressibleByArgument {
    let value: Agreement.PartyRole

    init?(argument: String) {
        guard let colon = argument.lastIndex(of: ":") else { return nil }
        let id = String(argument[..<colon])
        guard !id.isEmpty, let role = Agreement.Role(argument: String(argument[argument.index(after: colon)...])) else { return nil }
        value = Agreement.PartyRole(partyID: id, role: role)
    }
}

/// ID:OBLIGOR:MEASURE[@LIST]:TARGET:DESCRIPTION on the command line.
struct TermArgument: ExpressibleByArgument {
    let value: Agreement.Term

    init?(argument: String) {
        let parts = argument.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, let target = UInt32(parts[3]) else { return nil }
        let measureAndList = parts[2].split(separator: "@", maxSplits: 1).map(String.init)
        guard let first = measureAndList.first else { return nil }
        let measureAndCounting = first.split(separator: "/", maxSplits: 1).map(String.init)
        guard let name = measureAndCounting.first, let measure = Agreement.Measure(argument: name) else { return nil }
        var counting = Agreement.Counting.unspecified
        if measureAndCounting.count > 1 {
            guard let given = Agreement.Counting(argument: measureAndCounting[1]) else { return nil }
            counting = given
        }
        value = Agreement.Term(
            id: parts[0], description: parts[4], obligorID: parts[1], measure: measure, target: target,
            listID: measureAndList.count > 1 ? measureAndList[1] : "", counting: counting
        )
    }
}

extension Agreement.Status: ProtoNamedArgument {}
extension Agreement.Role: ProtoNamedArgument {}
extension Agreement.Measure: ProtoNamedArgument {}
extension Agreement.Counting: ProtoNamedArgument {}

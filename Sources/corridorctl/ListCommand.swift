import ArgumentParser
import CorridorClient

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Evacuation lists: create, select, submit, approve, strike, top up, close, diff.",
        discussion: """
            A list is the people a deal lets out: created DRAFT for an agreement with a quota, filled by the \
            priority selection, submitted to the parties, APPROVED once each required party approves, then moved \
            by evacuations until it is closed. Every change is kept as a version (list version, list diff).
            """,
        subcommands: [
            Create.self, Select.self, Submit.self, Approve.self, Strike.self, TopUp.self, Close.self,
            Show.self, Ls.self, Version.self, Diff.self, LeftOut.self, Disclose.self,
        ]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a DRAFT list for an agreement.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The list's id (a-z, 0-9, '-', '_', '.').") var id: String
        @Option(help: "The agreement the list belongs to.") var agreement: String
        @Option(help: "The site people leave from (cases there and within it are considered).") var origin: String
        @Option(help: "How many places the deal gives.") var quota: UInt32
        @Option(help: "A title.") var title = ""
        @Option(name: .customLong("rule"), help: "An eligibility rule (repeatable; applied in this order).") var rules: [String] = []
        @Option(name: .customLong("approval"), help: "A party whose approval is needed (repeatable; default: the agreement's parties with role PARTY).") var approvals: [String] = []
        @Flag(help: "Companions take places of the quota.") var companionsCount = false
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let list = EvacuationList(
                id: id, title: title, agreementID: agreement, originSiteID: origin, quota: quota, ruleIDs: rules,
                companionsCount: companionsCount, requiredApprovals: approvals
            )
            let client = try await connection.connect()
            let created = try await calling { () async throws(RPCError) in
                try await client.createList(Corridor_V1_CreateListRequest(list: list), timeout: connection.callTimeout)
            }
            await client.close()
            // --json: the wire response, like the other list actions.
            if json { return printJSON(created) }
            try ListCommand.show(ListSummary(list: created), json: false)
        }
    }

    struct Select: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the priority selection on a DRAFT list; prints the ranked entries and what was left out.",
            discussion: """
                The same registry state, policy version and --as-of give the same list, byte for byte.

                Example:
                  corridorctl list create l-29 --agreement a-29-for-29 \\
                    --origin enclave --quota 29
                  corridorctl list select l-29 --as-of 2026-11-20 --show 20
                """
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The list's id.") var id: String
        @Option(help: "The selection policy (default: the current one, priority-v1).") var policy = ""
        @Option(help: "Count days waited to this date, YYYY-MM-DD (default: today, UTC).") var asOf = ""
        @Option(help: "How many left-out rows to print.") var show: Int = 10
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let response = try await calling { () async throws(RPCError) in
                try await client.selectList(Corridor_V1_SelectListRequest(listID: id, policyVersion: policy, asOf: asOf), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            guard let list = response.list else { return }
            ListCommand.printList(list)
            print("")
            print("\(response.considered) waiting case\(response.considered == 1 ? "" : "s") considered; \(response.leftOutTotal) left out")
            ListCommand.printLeftOutSummary(response.leftOut, counts: response.leftOutCounts, total: response.leftOutTotal, show: show)
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Submit a selected DRAFT list to the parties.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The list's id.") var id: String
        @Option(help: "Kept with the change.") var reason = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            try await ListCommand.act(connection, json: json) { client async throws(RPCError) in try await client.submitList(Corridor_V1_ListActionRequest(listID: id, reason: reason), timeout: connection.callTimeout) }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record one required party's approval; APPROVED once all have approved.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The list's id.") var id: String
        @Option(name: .customLong("by"), help: ArgumentHelp("The approving party.", valueName: "party")) var by: String?
        @Option(name: .customLong("party"), help: ArgumentHelp("The old name of --by.", valueName: "party", visibility: .hidden)) var oldParty: String?
        var party: String { by ?? oldParty ?? "" }

        func validate() throws {
            try PartySpelling.check(by: by, old: oldParty, oldName: "--party", required: true)
        }
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            try await ListCommand.act(connection, json: json) { client async throws(RPCError) in try await client.approveList(Corridor_V1_ApproveListRequest(listID: id, partyID: party), timeout: connection.callTimeout) }
        }
    }

    struct Strike: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A party strikes an entry; its case goes back to WAITING.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The list's id.") var id: String
        @Argument(help: "The case to strike.") var caseID: String
        @Option(name: .customLong("by"), help: ArgumentHelp("The party striking it.", valueName: "party")) var by: String?
        @Option(name: .customLong("party"), help: ArgumentHelp("The old name of --by.", valueName: "party", visibility: .hidden)) var oldParty: String?
        var party: String { by ?? oldParty ?? "" }
        @Option(help: "The party's reason (required).") var reason: String
        @Flag(help: "Fill the freed places from the next eligible cases in the same command.") var topUp = false
        @Flag(help: "Print JSON instead of text.") var json = false

        func validate() throws {
            try PartySpelling.check(by: by, old: oldParty, oldName: "--party", required: true)
        }

        func run() async throws {
            try await ListCommand.act(connection, json: json) { client async throws(RPCError) in
                try await client.strikeEntry(Corridor_V1_StrikeEntryRequest(listID: id, caseID: caseID, partyID: party, reason: reason, topUp: topUp), timeout: connection.callTimeout)
            }
        }
    }

    struct TopUp: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "top-up", abstract: "Fill the list's free places from the next eligible waiting cases.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The list's id.") var id: String
        @Option(help: "Kept with the change.") var reason = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            try await ListCommand.act(connection, json: json) { client async throws(RPCError) in try await client.topUpList(Corridor_V1_ListActionRequest(listID: id, reason: reason), timeout: connection.callTimeout) }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the list; cases not yet evacuated go back to WAITING.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The list's id.") var id: String
        @Option(help: "Why it closes.") var reason = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            try await ListCommand.act(connection, json: json) { client async throws(RPCError) in try await client.closeList(Corridor_V1_ListActionRequest(listID: id, reason: reason), timeout: connection.callTimeout) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a list: its ranked entries with their explanations, and its progress.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The list's id.") var id: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let summary = try await calling { () async throws(RPCError) in try await client.getList(Corridor_V1_GetRequest(id: id), timeout: connection.callTimeout) }
            await client.close()
            try ListCommand.show(summary, json: json)
        }
    }

    struct Ls: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List the lists with their progress.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only lists of this agreement.") var agreement = ""
        @Option(help: "Only lists in this status.") var status: EvacuationList.Status?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let response = try await calling { () async throws(RPCError) in
                try await client.listLists(Corridor_V1_ListListsRequest(agreementID: agreement, status: status ?? .unspecified), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            var table = TextTable("ID", "AGREEMENT", "ORIGIN", "STATUS", "VERSION", "PLACES", "PROGRESS")
            for summary in try models(response.lists, ListSummary.init(proto:)) {
                guard let list = summary.list else { continue }
                table.add(list.id, list.agreementID, list.originSiteID, list.status.rawValue, "\(list.version)",
                          "\(summary.placesTaken)/\(list.quota)", ListCommand.progress(summary))
            }
            print(table.render())
            print("\(response.lists.count) list\(response.lists.count == 1 ? "" : "s")")
        }
    }

    struct Version: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one kept version of a list (0 is the list as created).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The list's id.") var id: String
        @Argument(help: "The version.") var version: UInt32
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let found = try await calling { () async throws(RPCError) in
                try await client.getListVersion(Corridor_V1_GetListVersionRequest(listID: id, version: version), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(found) }
            print("version \(found.version): \(found.change)")
            ListCommand.printEntries(found.entries)
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What changed between two versions of a list.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The list's id.") var id: String
        @Argument(help: "The earlier version.") var from: UInt32
        @Argument(help: "The later version.") var to: UInt32
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let diff = try await calling { () async throws(RPCError) in
                try await client.diffList(Corridor_V1_DiffListRequest(listID: id, fromVersion: from, toVersion: to), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(diff) }
            print("\(id): version \(from) (\(diff.from?.change ?? "")) → version \(to) (\(diff.to?.change ?? ""))")
            var table = TextTable("CHANGE", "CASE", "RANK", "STATE", "REASON")
            for change in diff.changes {
                let rank = change.fromRank == 0 ? "\(change.toRank)" : change.toRank == 0 ? "\(change.fromRank)" : change.fromRank == change.toRank ? "\(change.toRank)" : "\(change.fromRank) → \(change.toRank)"
                let state = change.fromState == .unspecified ? change.toState.rawValue
                    : change.toState == .unspecified || change.fromState == change.toState ? change.fromState.rawValue
                    : "\(change.fromState.rawValue) → \(change.toState.rawValue)"
                table.add(change.change, change.caseID, rank, state, change.reason)
            }
            print(table.render())
            print("\(diff.changes.count) change\(diff.changes.count == 1 ? "" : "s")")
        }
    }

    struct LeftOut: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "left-out",
            abstract: "The waiting cases at the list's origin left out now, and the rule or rank that leaves each out."
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The list's id.") var id: String
        @Option(help: "Rows per page (at most 10000).") var limit: UInt32 = 1000
        @Option(help: "Rows to skip.") var offset: UInt32 = 0
        @Flag(help: "Every row, page after page.") var all = false
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            var rows: [LeftOutCase] = []
            var counts: [LeftOutCount] = []
            var total: UInt32 = 0
            var considered: UInt32 = 0
            var next = offset
            repeat {
                let page = try await calling { () async throws(RPCError) in
                    try await client.leftOut(Corridor_V1_LeftOutRequest(listID: id, limit: limit, offset: next), timeout: connection.callTimeout)
                }
                rows += page.leftOut
                total = page.leftOutTotal
                considered = page.considered
                counts = page.leftOutCounts
                next += UInt32(page.leftOut.count)
                if page.leftOut.isEmpty { break }
            } while all && next < total
            await client.close()
            if json { return printJSON(LeftOutResponse(leftOut: rows, considered: considered, leftOutTotal: total, leftOutCounts: counts)) }
            for count in counts { print("\(count.count)  \(count.reason)") }
            if !counts.isEmpty { print("") }
            var table = TextTable("CASE", "RANK", "RULE", "IMPOSED BY", "REASON")
            for row in rows { table.add(row.caseID, row.rank == 0 ? "" : "\(row.rank)", row.ruleID, row.imposedBy, row.reason) }
            print(table.render())
            print("\(rows.count) of \(total) left out; \(considered) waiting cases considered" + (offset + UInt32(rows.count) < total ? "; next page: --offset \(offset + UInt32(rows.count))" : ""))
        }
    }

    struct Disclose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a list for a party to vet, with exactly the fields of a disclosure profile (recorded on the audit trail).",
            discussion: """
            The file holds the disclosure as proto3 JSON (corridor.v1.ListDisclosure): one row per \
            active entry and per companion on it. Profiles: `vetting` (name, date of birth, \
            identity numbers, age, sex), `counts` (case ids only), and those of the access policy \
            (docs/ACCESS.md). Diagnoses, needs, clinical notes and contacts are never disclosed.
            """
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The list's id.") var id: String
        @Option(name: .customLong("to"), help: ArgumentHelp("The party the list is sent to.", valueName: "party")) var party: String
        @Option(help: "The disclosure profile: vetting, counts, or one of the access policy.") var profile: String
        @Option(help: "Write the disclosure to this file (replaced whole, readable by you alone).") var output: String
        @Flag(help: "Print the disclosure as JSON too, instead of a summary.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let disclosure = try await calling { () async throws(RPCError) in
                try await client.discloseList(
                    Corridor_V1_DiscloseListRequest(listID: id, toPartyID: party, profile: profile), timeout: connection.callTimeout
                )
            }
            await client.close()
            let sink = try ExportCommand.Sink(output: output, groupReadable: false)
            sink.write(disclosure.jsonText(pretty: true) + "\n")
            do { try sink.finish() } catch {
                sink.abandon()
                throw error
            }
            if json { return printJSON(disclosure) }
            let fields = disclosure.fields.isEmpty ? "case ids only" : disclosure.fields.joined(separator: ", ")
            print("list \(disclosure.listID) version \(disclosure.listVersion) for \(disclosure.partyID), profile \(disclosure.profile) (\(fields)): \(disclosure.rows.count) row\(disclosure.rows.count == 1 ? "" : "s") written to \(output)")
        }
    }

    // MARK: Printing

    /// A command answering with the list: show it.
    static func act(_ connection: ConnectionOptions, json: Bool, _ body: (CorridorClient) async throws(RPCError) -> EvacuationList) async throws {
        let client = try await connection.connect()
        let list = try await calling { () async throws(RPCError) in try await body(client) }
        await client.close()
        if json { return printJSON(list) }
        printList(list)
    }

    static func show(_ summary: ListSummary, json: Bool) throws {
        if json { return printJSON(summary) }
        guard let list = summary.list else { return }
        printList(list)
        print("")
        var companions = ""
        if summary.companions + summary.companionsLeft > 0 {
            companions = "; companions: \(summary.companions) on the list, \(summary.companionsEvacuated) of them evacuated"
            if summary.companionsLeft > 0 { companions += ", \(summary.companionsLeft) left" }
        }
        print("progress  " + progress(summary) + "; \(summary.placesTaken) of \(list.quota) places taken" + companions)
    }

    static func printList(_ list: EvacuationList) {
        printFields([
            ("id", list.id), ("title", list.title), ("agreement", list.agreementID), ("origin", list.originSiteID),
            ("status", list.status.rawValue + (list.closedReason.isEmpty ? "" : ": \(list.closedReason)")),
            ("quota", "\(list.quota)" + (list.companionsCount ? " (companions count)" : "")),
            ("rules", list.ruleIDs.joined(separator: ", ")),
            ("policy", list.policyVersion + (list.selectedAsOf.isEmpty ? "" : " as of \(list.selectedAsOf)")),
            ("approvals", list.requiredApprovals.map { list.approvedBy.contains($0) ? "\($0) (approved)" : $0 }.joined(separator: ", ")),
            ("version", "\(list.version)"),
        ])
        if !list.entries.isEmpty {
            print("")
            printEntries(list.entries)
        }
    }

    static func printEntries(_ entries: [ListEntry]) {
        // Companions on a row of their own under their case: they travel with it.
        var table = TextTable("RANK", "CASE", "STATE", "WHY")
        for entry in entries {
            let why = entry.state == .active ? entry.explanation
                : entry.state == .struck ? "struck by \(entry.struckBy): \(entry.reason)" : entry.reason
            table.add("\(entry.rank)", entry.caseID, entry.state.rawValue, why)
            for companion in entry.companionIDs {
                table.add("", "└ " + companion, "COMPANION", "travels with \(entry.caseID)")
            }
            for left in entry.companionsLeft {
                table.add("", "└ " + left.caseID, "LEFT", "companion of \(entry.caseID): \(left.reason)")
            }
        }
        print(table.render())
    }

    static func progress(_ summary: ListSummary) -> String {
        let parts: [(String, UInt32)] = [
            ("listed", summary.waiting), ("scheduled", summary.scheduled), ("in transit", summary.inTransit),
            ("evacuated", summary.evacuated), ("died", summary.died), ("withdrawn", summary.withdrawn), ("struck", summary.struck),
        ]
        let shown = parts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }
        return shown.isEmpty ? "no entries" : shown.joined(separator: ", ")
    }

    /// The counts by reason, and the first rows.
    static func printLeftOutSummary(_ rows: [LeftOutCase], counts: [LeftOutCount], total: UInt32, show: Int) {
        guard !rows.isEmpty else { return }
        print("by reason:")
        for count in counts { print("  \(count.count)  \(count.reason)") }
        if UInt32(min(show, rows.count)) < total { print("the first \(min(show, rows.count)) of \(total) (`corridorctl list left-out` pages through all):") }
        var table = TextTable("CASE", "RANK", "REASON")
        for row in rows.prefix(show) { table.add(row.caseID, row.rank == 0 ? "" : "\(row.rank)", row.reason) }
        print(table.render())
    }
}

import ArgumentParser
import CorridorClient

struct PartyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "party",
        abstract: "Register, change and show the parties to the operation.",
        subcommands: [Add.self, Update.self, Show.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a party.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "A short stable id: lower-case letters, digits, '-', e.g. sarc.") var id: String
        @Option(help: "The name people use, e.g. SARC.") var shortName: String
        @Option(help: "The full name.") var fullName = ""
        @Option(help: "The kind of party (a newspaper, broadcaster or news agency is media; a local committee is a local council; activists and their groups are civil society).") var kind: Party.Kind
        @Option(name: .customLong("alias"), help: "Another name it goes by (repeatable).") var aliases: [String] = []
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let party = try await calling { () async throws(RPCError) in
                try await client.registerParty(Party(id: id, shortName: shortName, fullName: fullName, kind: kind, aliases: aliases), timeout: connection.callTimeout)
            }
            await client.close()
            try show(party, json: json)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a party's names, kind or aliases; only the options given change.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The party's id.") var id: String
        @Option(help: "The name people use.") var shortName: String?
        @Option(help: "The full name.") var fullName: String?
        @Option(help: "The kind of party.") var kind: Party.Kind?
        @Option(name: .customLong("alias"), help: "The aliases, replacing the current ones (repeatable).") var aliases: [String] = []
        @Flag(help: "Remove every alias.") var clearAliases = false
        @Option(help: "Why, kept with the change.") var reason = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func validate() throws {
            guard shortName != nil || fullName != nil || kind != nil || !aliases.isEmpty || clearAliases else {
                throw ValidationError("Name at least one change: --short-name, --full-name, --kind, --alias or --clear-aliases.")
            }
        }

        func run() async throws {
            var fields: [String] = []
            var changes = Party(id: id, shortName: "", kind: .unspecified)
            if let shortName { changes.shortName = shortName; fields.append("short_name") }
            if let fullName { changes.fullName = fullName; fields.append("full_name") }
            if let kind { changes.kind = kind; fields.append("kind") }
            if !aliases.isEmpty || clearAliases { changes.aliases = aliases; fields.append("aliases") }
            let client = try await connection.connect()
            let party = try await calling { () async throws(RPCError) in
                try await client.updateParty(changes, fields: fields, reason: reason, timeout: connection.callTimeout)
            }
            await client.close()
            try show(party, json: json)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one party.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The party's id.") var id: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let party = try await calling { () async throws(RPCError) in try await client.party(id, timeout: connection.callTimeout) }
            await client.close()
            try show(party, json: json)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every party.")
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let parties = try await calling { () async throws(RPCError) in try await client.parties(timeout: connection.callTimeout) }
            await client.close()
            if json { return printJSON(parties) }
            var table = TextTable("ID", "SHORT NAME", "KIND", "FULL NAME")
            for party in parties { table.add(party.id, party.shortName, party.kind.rawValue, party.fullName) }
            print(table.render())
        }
    }

    static func show(_ party: Party, json: Bool) throws {
        if json { return printJSON(party) }
        printFields([
            ("id", party.id), ("short name", party.shortName), ("full name", party.fullName),
            ("kind", party.kind.rawValue), ("aliases", party.aliases.joined(separator: ", ")),
        ])
    }
}

private func show(_ party: Party, json: Bool) throws { try PartyCommand.show(party, json: json) }

import ArgumentParser
import CorridorClient

struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Register, change and show places: enclaves, districts, crossings, hospitals.",
        subcommands: [Add.self, Update.self, Show.self, List.self, Crossing.self]
    )

    /// The site fields every add and update can set.
    struct SiteFields: ParsableArguments {
        @Option(help: "The site's name.") var name: String?
        @Option(help: "The kind of site (movements pass the front line only at a site of kind crossing; a check on a road is not one).") var kind: Site.Kind?
        @Option(help: "The site it lies within.") var parent: String?
        @Option(help: "The party in control.") var controlledBy: String?
        @Option(name: .customLong("besieged-by"), help: "A party besieging it (repeatable).") var besiegedBy: [String] = []
        @Option(help: "When the siege began, YYYY-MM-DD.") var besiegedSince: String?
        @Option(name: .customLong("designation"), help: "A designation such as \"de-escalation zone\" (repeatable).") var designations: [String] = []

        /// The values given, and the names of the fields they set.
        func apply(to site: inout Site) -> [String] {
            var fields: [String] = []
            if let name { site.name = name; fields.append("name") }
            if let kind { site.kind = kind; fields.append("kind") }
            if let parent { site.parentID = parent; fields.append("parent_id") }
            if let controlledBy { site.controlledBy = controlledBy; fields.append("controlled_by") }
            if !besiegedBy.isEmpty { site.besiegedBy = besiegedBy; fields.append("besieged_by") }
            if let besiegedSince { site.besiegedSince = besiegedSince; fields.append("besieged_since") }
            if !designations.isEmpty { site.designations = designations; fields.append("designations") }
            return fields
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a site.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "A short stable id, e.g. ghouta.") var id: String
        @OptionGroup var fields: SiteFields
        @Flag(help: "Print JSON instead of text.") var json = false

        func validate() throws {
            guard fields.name != nil else { throw ValidationError("Missing expected argument '--name <name>'.") }
            guard fields.kind != nil else { throw ValidationError("Missing expected argument '--kind <kind>'.") }
        }

        func run() async throws {
            var site = Site(id: id, name: "", kind: .unspecified)
            _ = fields.apply(to: &site)
            let client = try await connection.connect()
            let registered = try await calling { () async throws(RPCError) in try await client.registerSite(site, timeout: connection.callTimeout) }
            await client.close()
            try SiteCommand.show(registered, json: json)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a site; only the options given change.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The site's id.") var id: String
        @OptionGroup var fields: SiteFields
        @Flag(help: "Lift the siege: clear the besieging parties and the date.") var clearSiege = false
        @Option(help: "Why, kept with the change.") var reason = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            var site = Site(id: id, name: "", kind: .unspecified)
            var names = fields.apply(to: &site)
            if clearSiege {
                site.besiegedBy = []
                site.besiegedSince = ""
                names += ["besieged_by", "besieged_since"]
            }
            guard !names.isEmpty else { throw InputError("Name at least one change, e.g. --name or --controlled-by.") }
            let client = try await connection.connect()
            let updated = try await calling { () async throws(RPCError) in
                try await client.updateSite(site, fields: names, reason: reason, timeout: connection.callTimeout)
            }
            await client.close()
            try SiteCommand.show(updated, json: json)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one site.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The site's id.") var id: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let site = try await calling { () async throws(RPCError) in try await client.site(id, timeout: connection.callTimeout) }
            await client.close()
            try SiteCommand.show(site, json: json)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List sites, optionally of one kind or within one site.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only sites of this kind.") var kind: Site.Kind?
        @Option(help: "Only sites within this one.") var parent = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let sites = try await calling { () async throws(RPCError) in
                try await client.sites(kind: kind ?? .unspecified, parentID: parent, timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(sites) }
            var table = TextTable("ID", "NAME", "KIND", "PARENT", "CONTROLLED BY", "CROSSING")
            for site in sites {
                table.add(site.id, site.name, site.kind.rawValue, site.parentID, site.controlledBy,
                          site.kind == .crossing ? site.crossingStatus.rawValue : "")
            }
            print(table.render())
        }
    }

    struct Crossing: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a crossing OPEN, RESTRICTED or CLOSED.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The crossing's id.") var id: String
        @Argument(help: "The crossing's new status.") var status: Site.CrossingStatus
        @Option(help: "Why, kept with the change.") var reason = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let site = try await calling { () async throws(RPCError) in
                try await client.setCrossingStatus(id, to: status, reason: reason, timeout: connection.callTimeout)
            }
            await client.close()
            try SiteCommand.show(site, json: json)
        }
    }

    static func show(_ site: Site, json: Bool) throws {
        if json { return printJSON(site) }
        printFields([
            ("id", site.id), ("name", site.name), ("kind", site.kind.rawValue), ("within", site.parentID),
            ("controlled by", site.controlledBy), ("besieged by", site.besiegedBy.joined(separator: ", ")),
            ("besieged since", site.besiegedSince), ("designations", site.designations.joined(separator: ", ")),
            ("crossing", site.kind == .crossing ? site.crossingStatus.rawValue : ""),
        ])
    }
}

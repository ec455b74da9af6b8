import ArgumentParser
import CorridorClient

struct RuleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rule",
        abstract: "Eligibility rules imposed by parties.",
        subcommands: [Impose.self, Lift.self, Show.self, List.self]
    )

    struct Impose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a rule a party imposes on who may leave.",
            discussion: """
            A case matches when every criterion given holds. An exclude rule leaves matching cases out;
            an include-only rule leaves out every case that does not match. E.g.
              corridorctl rule impose no-men-15-55 --by gov --effect exclude --sex male \\
                --min-age-years 15 --max-age-years 55 --description "males aged 15 to 55 are excluded"
            """
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The rule's id (a-z, 0-9, '-', '_', '.').") var id: String
        @Option(name: .customLong("by"), help: ArgumentHelp("The party that imposed it.", valueName: "party")) var by: String?
        @Option(name: .customLong("imposed-by"), help: ArgumentHelp("The old name of --by.", valueName: "party", visibility: .hidden)) var oldImposedBy: String?
        var imposedBy: String { by ?? oldImposedBy ?? "" }
        @Option(help: "The rule in the imposing party's words.") var description: String
        @Option(help: "What a match does to a case (see above).") var effect: EligibilityRule.Effect
        @Option(help: "Only cases of this sex.") var sex: Case.Sex?
        @Option(help: "Lowest age in months (inclusive).") var minAgeMonths: UInt32?
        @Option(help: "Highest age in months (inclusive).") var maxAgeMonths: UInt32?
        @Option(help: "Lowest age in years (inclusive).") var minAgeYears: UInt32?
        @Option(help: "Highest age in years (inclusive: 55 means up to 55 years 11 months).") var maxAgeYears: UInt32?
        @Option(name: .customLong("condition"), help: "Any of these conditions (repeatable).") var conditions: [Case.Condition] = []
        @Option(name: .customLong("precedence"), help: "Any of these precedence categories (repeatable).") var precedences: [Case.Precedence] = []
        @Flag(help: "Only pregnant cases.") var pregnantOnly = false
        @Flag(help: "For include-only: a companion of a matching case matches too.") var companionsMatch = false
        @Flag(help: "Print JSON instead of text.") var json = false

        func validate() throws {
            if minAgeMonths != nil && minAgeYears != nil { throw ValidationError("Give --min-age-months or --min-age-years, not both.") }
            if maxAgeMonths != nil && maxAgeYears != nil { throw ValidationError("Give --max-age-months or --max-age-years, not both.") }
            try PartySpelling.check(by: by, old: oldImposedBy, oldName: "--imposed-by", required: true)
        }

        func run() async throws {
            let low = minAgeMonths ?? minAgeYears.map { $0 * 12 }
            let high = maxAgeMonths ?? maxAgeYears.map { $0 * 12 + 11 }
            let rule = EligibilityRule(
                id: id, imposedBy: imposedBy, description: description, effect: effect, sex: sex ?? .unspecified,
                hasAgeRange: low != nil || high != nil, minAgeMonths: low ?? 0, maxAgeMonths: high ?? (low != nil ? 1_560 : 0),
                conditions: conditions, precedences: precedences, pregnantOnly: pregnantOnly, companionsMatch: companionsMatch
            )
            let client = try await connection.connect()
            let imposed = try await calling { () async throws(RPCError) in
                try await client.imposeRule(Corridor_V1_ImposeRuleRequest(rule: rule), timeout: connection.callTimeout)
            }
            await client.close()
            try RuleCommand.show(imposed, json: json)
        }
    }

    struct Lift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift a rule: it stays on record and applies to no new selection.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The rule's id.") var id: String
        @Option(help: "Why it was lifted (required).") var reason: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let rule = try await calling { () async throws(RPCError) in
                try await client.liftRule(Corridor_V1_LiftRuleRequest(ruleID: id, reason: reason), timeout: connection.callTimeout)
            }
            await client.close()
            try RuleCommand.show(rule, json: json)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one rule.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The rule's id.") var id: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let rule = try await calling { () async throws(RPCError) in
                try await client.getRule(Corridor_V1_GetRequest(id: id), timeout: connection.callTimeout)
            }
            await client.close()
            try RuleCommand.show(rule, json: json)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List rules, optionally those one party imposed.")
        @OptionGroup var connection: ConnectionOptions
        @Option(name: .customLong("by"), help: ArgumentHelp("Only rules this party imposed.", valueName: "party")) var by: String?
        @Option(name: .customLong("imposed-by"), help: ArgumentHelp("The old name of --by.", valueName: "party", visibility: .hidden)) var oldImposedBy: String?
        var imposedBy: String { by ?? oldImposedBy ?? "" }

        func validate() throws {
            try PartySpelling.check(by: by, old: oldImposedBy, oldName: "--imposed-by", required: false)
        }
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let response = try await calling { () async throws(RPCError) in
                try await client.listRules(Corridor_V1_ListRulesRequest(imposedBy: imposedBy), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            var table = TextTable("ID", "IMPOSED BY", "EFFECT", "STATE", "CRITERIA", "DESCRIPTION")
            for rule in try models(response.rules, EligibilityRule.init(proto:)) {
                table.add(rule.id, rule.imposedBy, rule.effect.rawValue, rule.lifted ? "LIFTED" : "in force", RuleCommand.criteria(rule), rule.description)
            }
            print(table.render())
            print("\(response.rules.count) rule\(response.rules.count == 1 ? "" : "s")")
        }
    }

    /// "sex MALE; age 180-671 months; conditions CANCER"
    static func criteria(_ rule: EligibilityRule) -> String {
        var parts: [String] = []
        if rule.sex != .unspecified { parts.append("sex \(rule.sex.rawValue)") }
        if rule.hasAgeRange { parts.append("age \(rule.minAgeMonths)-\(rule.maxAgeMonths) months") }
        if !rule.conditions.isEmpty { parts.append("conditions \(rule.conditions.map(\.rawValue).joined(separator: ","))") }
        if !rule.precedences.isEmpty { parts.append("precedence \(rule.precedences.map(\.rawValue).joined(separator: ","))") }
        if rule.pregnantOnly { parts.append("pregnant") }
        if rule.companionsMatch { parts.append("companions match") }
        return parts.isEmpty ? "every case" : parts.joined(separator: "; ")
    }

    static func show(_ rule: EligibilityRule, json: Bool) throws {
        if json { return printJSON(rule) }
        printFields([
            ("id", rule.id), ("imposed by", rule.imposedBy), ("description", rule.description), ("effect", rule.effect.rawValue),
            ("criteria", criteria(rule)), ("state", rule.lifted ? "LIFTED: \(rule.liftedReason)" : "in force"),
        ])
    }
}

extension EligibilityRule.Effect: ProtoNamedArgument {}
extension EvacuationList.Status: ProtoNamedArgument {}

import ArgumentParser
import CorridorClient
import Foundation

struct FigureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure",
        abstract: "Figures reported by sources, side by side.",
        subcommands: [Report.self, List.self, Compare.self]
    )

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a figure a source reported; prints the id the registry assigns (F-NNNNNN).",
            discussion: """
                Figures are kept as reported: never merged, never overwritten. E.g.
                  corridorctl figure report --subject-kind site --subject ghouta --measure needing-evacuation \\
                    --value 500 --qualifier about --as-of 2017-11-20 --by un-ocha --reported-in "OCHA briefing"
                A joint statement names each party that made it (--by sarc --by icrc): one figure, listed and compared under each of its sources.
                """
        )
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "What it is about.") var subjectKind: Figure.SubjectKind
        @Option(help: "The site, agreement or movement id, or the named event's name.") var subject: String
        @Option(help: "What was counted.") var measure: Figure.Measure
        @Option(help: ArgumentHelp("The value, N, or a range, LOW-HIGH.", valueName: "n|low-high"), transform: FigureValue.parse) var value: FigureValue
        @Option(help: "How the source qualified the number.") var qualifier: Figure.Qualifier = .exact
        @Option(help: "The date it holds for, YYYY-MM-DD (a period's first day).") var asOf: String
        @Option(help: "A period's last day, YYYY-MM-DD.") var asOfEnd = ""
        @Option(name: .customLong("by"), help: ArgumentHelp("The party that reported it; repeat for a joint statement (--by sarc --by icrc).", valueName: "party"))
        var by: [String] = []
        /// The older spelling of --by, kept for scripts written before it.
        @Option(name: .customLong("source"), help: .hidden) var source: [String] = []
        @Option(help: "Where it was reported (a publication, a briefing, a URL).") var reportedIn = ""
        @Option(help: "A note.") var note = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func validate() throws {
            if by.isEmpty && source.isEmpty { throw ValidationError("Missing expected argument '--by <party>'.") }
        }

        func run() async throws {
            let figure = Figure(
                subjectKind: subjectKind, subjectID: subject, measure: measure, low: value.low, high: value.high,
                qualifier: qualifier, asOf: asOf, asOfEnd: asOfEnd, sourcePartyIDs: by + source, reportedIn: reportedIn, note: note
            )
            let client = try await connection.connect()
            let reported = try await calling { () async throws(RPCError) in
                try await client.reportFigure(Corridor_V1_ReportFigureRequest(figure: figure), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(reported) }
            printFields([
                ("id", reported.id), ("subject", "\(reported.subjectKind.rawValue) \(reported.subjectID)"), ("measure", reported.measure.rawValue),
                ("value", FigureCommand.value(of: reported)), ("as of", FigureCommand.asOf(reported)), ("source", reported.sourcePartyIDs.joined(separator: ", ")),
                ("reported in", reported.reportedIn), ("note", reported.note),
            ])
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List figures in the order they were reported.", aliases: ["list"])
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only of this subject kind.") var subjectKind: Figure.SubjectKind?
        @Option(help: "Only about this subject.") var subject = ""
        @Option(help: "Only of this measure.") var measure: Figure.Measure?
        @Option(name: .customLong("by"), help: ArgumentHelp("Only figures this party reported, alone or jointly.", valueName: "party")) var by = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let request = Corridor_V1_ListFiguresRequest(
                subjectKind: subjectKind ?? .unspecified, subjectID: subject, measure: measure ?? .unspecified, sourcePartyID: by
            )
            let response = try await calling { () async throws(RPCError) in
                try await client.listFigures(request, timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            var table = TextTable("ID", "SUBJECT", "MEASURE", "VALUE", "AS OF", "SOURCE", "REPORTED IN")
            for figure in try models(response.figures, Figure.init(proto:)) {
                table.add(figure.id, "\(figure.subjectKind.rawValue.lowercased()) \(figure.subjectID)", figure.measure.rawValue,
                          FigureCommand.value(of: figure), FigureCommand.asOf(figure), figure.sourcePartyIDs.joined(separator: ", "), figure.reportedIn)
            }
            print(table.render())
            print("\(response.figures.count) figure\(response.figures.count == 1 ? "" : "s")")
        }
    }

    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every source's claim about one subject and measure side by side, and the registry's own count where it keeps one.",
            discussion: """
                The registry counts, for a site and the sites within it: needing-evacuation, evacuated, died-while-waiting; for an agreement: evacuated, died-while-waiting, detainees-released.
                A joint figure is shown under each of its sources (one row each, "joint with" the others); --json lists it once with all of them.
                """
        )
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "The site, agreement or movement id, or the named event's name.") var subject: String
        @Option(help: "What was counted.") var measure: Figure.Measure
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let response = try await calling { () async throws(RPCError) in
                try await client.compareFigures(Corridor_V1_CompareFiguresRequest(subjectID: subject, measure: measure), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            print("\(measure.rawValue) — \(subject)")
            var table = TextTable("SOURCE", "VALUE", "AS OF", "REPORTED IN", "ID", "NOTE")
            for claim in response.claims {
                for source in claim.sourcePartyIDs {
                    let others = claim.sourcePartyIDs.filter { $0 != source }
                    let note = others.isEmpty ? claim.note : (["joint with " + others.joined(separator: ", ")] + (claim.note.isEmpty ? [] : [claim.note])).joined(separator: "; ")
                    table.add(source, FigureCommand.value(of: claim), FigureCommand.asOf(claim), claim.reportedIn, claim.id, note)
                }
            }
            if response.registryCounts {
                table.add("registry", "\(response.registryCount)", "now", response.registryCountDescription, "", "")
            }
            print(table.render())
            if response.claims.isEmpty { print("no source has reported this") }
            if !response.registryCounts { print(response.registryCountDescription) }
        }
    }

    /// "about 500", "at least 400-600", "12".
    static func value(of figure: Figure) -> String {
        let number = figure.low == figure.high ? "\(figure.low)" : "\(figure.low)–\(figure.high)"
        switch figure.qualifier {
        case .exact, .unspecified: return number
        default: return figure.qualifier.rawValue.lowercased().replacingOccurrences(of: "_", with: " ") + " " + number
        }
    }

    static func asOf(_ figure: Figure) -> String {
        figure.asOfEnd.isEmpty || figure.asOfEnd == figure.asOf ? figure.asOf : "\(figure.asOf) to \(figure.asOfEnd)"
    }
}

/// N or LOW-HIGH on the command line.
struct FigureValue: ExpressibleByArgument {
    let low: UInt64
    let high: UInt64

    /// Why a value was refused; argument-parser prints it after the option.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    init?(argument: String) {
        guard let value = try? FigureValue.parse(argument) else { return nil }
        self = value
    }

    private init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// The option's parser: a range the wrong way round says so, rather than
    /// only that the value is invalid.
    static func parse(_ argument: String) throws -> FigureValue {
        let text = argument.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let value = UInt64(parts[0]) else { throw Refusal(description: "not a whole number N or a range LOW-HIGH") }
            return FigureValue(low: value, high: value)
        case 2:
            guard let low = UInt64(parts[0]), let high = UInt64(parts[1]) else {
                throw Refusal(description: "not a whole number N or a range LOW-HIGH")
            }
            guard low <= high else { throw Refusal(description: "low \(low) must not exceed high \(high); a range is LOW-HIGH") }
            return FigureValue(low: low, high: high)
        default:
            throw Refusal(description: "not a whole number N or a range LOW-HIGH")
        }
    }
}

extension Figure.SubjectKind: ProtoNamedArgument {}
extension Figure.Measure: ProtoNamedArgument {}
extension Figure.Qualifier: ProtoNamedArgument {}

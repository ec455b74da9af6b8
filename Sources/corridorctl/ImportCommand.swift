import ArgumentParser
import CorridorClient
import CorridorExport
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import cases from a CSV intake form export.",
        subcommands: [Cases.self]
    )

    struct Cases: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cases",
            abstract: "Register the cases of a CSV file (a KoBo Toolbox / ODK form's export): all rows or none.",
            discussion: """
            The first row names the columns; every other row is one case. Columns (any order; \
            a form group's prefix such as group_patient/age_years is matched on its last part; \
            KoBo/ODK metadata such as _id, _uuid, start, end, meta/instanceID is skipped):

            \(CaseCSVImport.columns.map { "  \($0.name)\($0.aliases.isEmpty ? "" : " (or \($0.aliases.joined(separator: ", ")))"): \($0.help)" }.joined(separator: "\n"))

            A select_multiple exported as one 0/1 column per choice (conditions/cancer, \
            needs/oxygen) is understood too. Comma, semicolon or tab separated, UTF-8 with \
            or without a byte order mark. Rows are numbered as a spreadsheet shows them \
            (the header is row 1).

            Every row is checked as `case register` would check it, against the registry as \
            it would be after the rows above it; duplicates are refused: the same case id, \
            identity number, or name with date of birth, within the file or already in the \
            registry. If any row is refused, nothing is imported and every problem is printed \
            as "row 12: age_years: …" (exit status 1). --dry-run makes the same checks and \
            records nothing. See docs/IMPORT.md.
            """
        )

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The CSV file ('-' for standard input).") var file: String
        @Flag(help: "Check every row and print what would be imported; record nothing.") var dryRun = false
        @Flag(help: "Skip columns the import does not know instead of refusing the file.") var ignoreUnknownColumns = false
        @Option(help: "Kept with every case's registration (default: \"imported from FILE\").") var reason: String?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let bytes: [UInt8]
            if file == "-" {
                bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            } else {
                do {
                    bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
                } catch {
                    throw InputError(option: "<file>", "cannot read \(file): \((error as NSError).localizedDescription)")
                }
            }
            let parsed = CaseCSVImport.parse(bytes, ignoreUnknownColumns: ignoreUnknownColumns)
            guard parsed.problems.isEmpty else {
                throw refusal(parsed.problems, code: .invalidArgument, rows: parsed.rows.count, sent: false)
            }
            let client = try await connection.connect()
            let response: ImportCasesResponse
            do {
                // Imports take longer than other calls: at least five minutes.
                response = try await client.importCases(
                    Corridor_V1_ImportCasesRequest(rows: parsed.rows, dryRun: dryRun, reason: reason ?? "imported from \(file == "-" ? "standard input" : URL(fileURLWithPath: file).lastPathComponent)"), timeout: .seconds(max(300, Int64(connection.effectiveTimeout)))
                )
            } catch {
                await client.close()
                if !error.fieldViolations.isEmpty && (error.code == .invalidArgument || error.code == .alreadyExists) {
                    throw refusal(
                        CaseCSVImport.problems(from: error.fieldViolations, rows: parsed.rows, columnsFound: parsed.columnsFound),
                        code: error.code, rows: parsed.rows.count, sent: true
                    )
                }
                throw CommandFailure(error)
            }
            await client.close()
            if json { return printJSON(response) }
            let verb = dryRun ? "would be imported (dry run: nothing was recorded)" : "imported"
            print("\(response.cases.count) cases \(verb) from \(file == "-" ? "standard input" : file):")
            var table = TextTable("ROW", "CASE ID")
            for imported in response.cases { table.add("\(imported.row)", imported.caseID) }
            print(table.render())
        }

        /// Rows refused, by corridorctl or by the registry: in text, each
        /// problem by row and column on stderr; with --json, one CliError whose
        /// field violations name them (`rows[3].age_years`, the spreadsheet's
        /// row number). Either way the exit status is the code's.
        private func refusal(_ problems: [ImportProblem], code: StatusCode, rows: Int, sent: Bool) -> any Error {
            let sorted = problems.sorted(by: { ($0.row, $0.column) < ($1.row, $1.column) })
            let rowsAtFault = Set(problems.map(\.row)).count
            var summary = "\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(rowsAtFault) row\(rowsAtFault == 1 ? "" : "s")"
            summary += sent ? " (found by the registry)" : ""
            summary += "; nothing was imported" + (dryRun ? " (dry run)" : "") + "."
            if json {
                let violations = sorted.map { FieldViolation(field: "rows[\($0.row)]" + ($0.column.isEmpty ? "" : ".\($0.column)"), reason: $0.message) }
                return CommandFailure(RPCError(code, summary, fieldViolations: violations))
            }
            FileHandle.standardError.write(Data((sorted.map { "\($0)\n" }.joined() + summary + "\n").utf8))
            return ExitCode(ExitStatus(code).rawValue)
        }
    }
}

import ArgumentParser
import CorridorClient
import Foundation

@main
struct Corridorctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridorctl",
        abstract: "Operate and inspect a Corridor daemon.",
        discussion: """
            Finds the daemon at --socket, then CORRIDOR_SOCKET, then the socket corridord uses when run by hand \
            ($XDG_RUNTIME_DIR/corridor/corridord.sock, or /tmp/corridor-UID/corridord.sock), then the system service's /run/corridor/corridord.sock.

            With --json, a failure is JSON too: one corridor.v1.CliError on standard error (code, codeNumber, \
            message, fieldViolations, hint). The exit status tells failures apart:

            \(ExitStatus.table)
            """,
        version: CorridorVersion.string,
        subcommands: [
            StatusCommand.self, PingCommand.self, HealthCommand.self,
            PartyCommand.self, SiteCommand.self, CaseCommand.self, RuleCommand.self, ListCommand.self, AgreementCommand.self,
            WindowCommand.self, MovementCommand.self, FigureCommand.self, ReportCommand.self,
            HistoryCommand.self, WatchCommand.self, ExportCommand.self, ImportCommand.self, DemoCommand.self, InspectCommand.self,
            AuditCommand.self, AccessCommand.self,
        ]
    )

    /// argument-parser's main, with every failure reported in one place
    /// (FailureReport): as text, or as JSON when the command line asks for
    /// JSON, and with the exit status of the code (ExitStatus).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard let report = FailureReport(error, root: self) else { exit(withError: error) }
            if wantsJSON(arguments) {
                FileHandle.standardError.write(Data((report.cliError.jsonText() + "\n").utf8))
            } else if let text = report.text {
                FileHandle.standardError.write(Data("Error: \(text)\n".utf8))
            } else {
                exit(withError: error)
            }
            Foundation.exit(report.exitStatus.rawValue)
        }
    }
}

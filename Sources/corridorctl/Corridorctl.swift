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

            Every command that prints data takes --json (exports take --format json) and prints proto3's canonical \
            JSON of one message of proto/. With --json, a failure is JSON too: one corridor.v1.CliError on standard \
            error (code, codeNumber, message, fieldViolations, hint). Each command group has its own manual page: \
            corridorctl-case(1), corridorctl-list(1), and so on; docs/CLI.md says more.

            EXIT STATUS: 3 to 16 are gRPC's status codes of the same number, so $? is the JSON error's codeNumber:

            \(ExitStatus.table)

            ENVIRONMENT: CORRIDOR_SOCKET names the daemon's socket when --socket is not given. CORRIDOR_TIMEOUT \
            is the seconds to wait for an answer when --timeout is not given (10 otherwise). XDG_RUNTIME_DIR \
            places the socket of a corridord started by hand.

            FILES: /run/corridor/corridord.sock, the system service's socket (members of the group corridor may \
            connect). /var/lib/corridor, the system service's data directory, which inspect reads offline. \
            /etc/corridor/access.toml, the access policy (access check validates a copy offline).

            EXAMPLES:
              corridorctl status
              corridorctl report waiting --json
              corridorctl party show gov --json; echo "exit status $?"
              sudo -u corridor corridorctl inspect verify /var/lib/corridor
            """,
        version: CorridorVersion.string,
        subcommands: [
            StatusCommand.self, PingCommand.self, HealthCommand.self,
            PartyCommand.self, SiteCommand.self, CaseCommand.self, RuleCommand.self, ListCommand.self, AgreementCommand.self,
            WindowCommand.self, MovementCommand.self, FigureCommand.self, ReportCommand.self,
            HistoryCommand.self, WatchCommand.self, ExportCommand.self, ImportCommand.self, DemoCommand.self, InspectCommand.self,
            AuditCommand.self, AccessCommand.self, PromoteCommand.self,
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

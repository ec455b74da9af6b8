import ArgumentParser
import CorridorClient

@main
struct Corridorctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridorctl",
        abstract: "Operate and inspect a Corridor daemon.",
        discussion: """
            Finds the daemon at --socket, then CORRIDOR_SOCKET, then the socket `make run` creates, \
            then the system service's /run/corridor/corridord.sock.
            """,
        version: CorridorVersion.string,
        subcommands: [
            StatusCommand.self, PingCommand.self, HealthCommand.self,
            PartyCommand.self, SiteCommand.self, CaseCommand.self, RuleCommand.self, ListCommand.self, AgreementCommand.self,
            WindowCommand.self, MovementCommand.self, FigureCommand.self, ReportCommand.self,
            HistoryCommand.self, WatchCommand.self, ExportCommand.self, ImportCommand.self, DemoCommand.self, InspectCommand.self,
        ]
    )
}

import ArgumentParser
import CorridorClient

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The daily questions: waiting cases, deaths while waiting, lists, movements, convoys."
    )
}

import ArgumentParser
import CorridorClient

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export cases, lists, movements or figures as JSON or HXL-tagged CSV."
    )
}

import ArgumentParser
import CorridorClient

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import cases from a CSV intake form export."
    )
}

import ArgumentParser
import CorridorClient

struct AgreementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Agreements, their terms and progress."
    )
}

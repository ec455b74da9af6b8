import ArgumentParser
import CorridorClient

struct RuleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rule",
        abstract: "Eligibility rules imposed by parties."
    )
}

import ArgumentParser
import CorridorClient

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Evacuation lists: create, select, submit, approve, strike, top up, close, diff."
    )
}

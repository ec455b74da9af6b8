import ArgumentParser
import CorridorClient

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load scenario 1 into a running daemon."
    )
}

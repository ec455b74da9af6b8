import ArgumentParser
import CorridorClient

struct MovementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "movement",
        abstract: "Evacuation movements and aid convoys."
    )
}

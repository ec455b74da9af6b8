import ArgumentParser
import CorridorClient

struct WindowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "window",
        abstract: "Access windows: ceasefires, pauses, corridor openings."
    )
}

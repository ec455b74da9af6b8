import ArgumentParser
import CorridorClient

struct FigureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure",
        abstract: "Figures reported by sources, side by side."
    )
}

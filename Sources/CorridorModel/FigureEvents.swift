// The events of figures (proto/corridor/v1/figures.proto). Each carries the record as it
// is after the change, so applying one is a replacement.

public struct FigureReported: Sendable, Hashable {
    public var figure: Figure?

    public init(figure: Figure? = nil) {
        self.figure = figure
    }
}

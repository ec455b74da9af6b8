// What arrived of one cargo line.

public struct LineDelivery: Sendable, Hashable {
    public var lineID: String
    public var delivered: UInt64

    public init(lineID: String = "", delivered: UInt64 = 0) {
        self.lineID = lineID
        self.delivered = delivered
    }
}

/// The entries of a list as they stood after one change.
public struct ListVersion: Sendable, Hashable {
    public var version: UInt32
    public var atMs: UInt64
    /// What made this version ("selected", "struck C-000012", "topped up").
    public var change: String
    public var entries: [ListEntry]

    public init(version: UInt32 = 0, atMs: UInt64 = 0, change: String = "", entries: [ListEntry] = []) {
        self.version = version
        self.atMs = atMs
        self.change = change
        self.entries = entries
    }
}

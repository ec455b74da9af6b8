import CorridorModel

// Requests and responses of proto/corridor/v1/imports.proto.

public struct ImportCasesRequest: ProtobufMessage, Hashable {
    public var rows: [ImportCaseRow]
    /// Check everything, record nothing, answer what would be imported.
    public var dryRun: Bool
    /// Kept with every event of the import; "imported with N cases" if empty.
    public var reason: String

    public init(rows: [ImportCaseRow] = [], dryRun: Bool = false, reason: String = "") {
        self.rows = rows
        self.dryRun = dryRun
        self.reason = reason
    }
}


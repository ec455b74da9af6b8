import CorridorModel

// Requests and responses of proto/corridor/v1/imports.proto.

/// One row of an import: both parts of a case and where it came from.
public struct ImportCaseRow: ProtobufMessage, Hashable {
    /// The row's number in the source file, as a spreadsheet counts it (the
    /// header is row 1); 0 when there is no file.
    public var row: UInt32
    public var `case`: Case?
    public var personal: CasePersonal?

    public init(row: UInt32 = 0, case: Case? = nil, personal: CasePersonal? = nil) {
        self.row = row
        self.case = `case`
        self.personal = personal
    }
}

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

public struct ImportedCase: ProtobufMessage, Hashable {
    public var row: UInt32
    public var caseID: String

    public init(row: UInt32 = 0, caseID: String = "") {
        self.row = row
        self.caseID = caseID
    }
}

public struct ImportCasesResponse: ProtobufMessage, Hashable {
    public var cases: [ImportedCase]
    public var dryRun: Bool
    /// The last sequence number of the import's events (0 for a dry run).
    public var sequence: UInt64

    public init(cases: [ImportedCase] = [], dryRun: Bool = false, sequence: UInt64 = 0) {
        self.cases = cases
        self.dryRun = dryRun
        self.sequence = sequence
    }
}

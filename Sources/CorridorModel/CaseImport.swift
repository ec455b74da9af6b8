// Importing cases in bulk: the rows given, and the ids they got.

/// One row of an import: both parts of a case and where it came from.
public struct ImportCaseRow: Sendable, Hashable {
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

public struct ImportedCase: Sendable, Hashable {
    public var row: UInt32
    public var caseID: String

    public init(row: UInt32 = 0, caseID: String = "") {
        self.row = row
        self.caseID = caseID
    }
}

public struct ImportCasesResponse: Sendable, Hashable {
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

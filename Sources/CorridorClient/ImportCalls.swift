import CorridorWire

// Typed calls of the Registry service: importing cases (proto/corridor/v1/imports.proto).

extension CorridorClient {
    /// All rows or none; a dry run records nothing. Imports can be large: the
    /// default timeout is longer than other calls'.
    public func importCases(_ request: ImportCasesRequest, timeout: Duration? = .seconds(300)) async throws(RPCError) -> ImportCasesResponse {
        try await unary("/corridor.v1.Registry/ImportCases", request, timeout: timeout)
    }
}

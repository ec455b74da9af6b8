import CorridorWire

// Typed calls of the Registry service: importing cases (proto/corridor/v1/imports.proto).
// Each takes the generated request and goes through its generated RPCMethod;
// the result is the model value (mapped by CorridorWire/Mapping) where the model has
// one, else the generated response.

extension CorridorClient {
    /// All rows or none; a dry run records nothing. Imports can be large: the
    /// default timeout is longer than other calls'.
    public func importCases(_ request: Corridor_V1_ImportCasesRequest, timeout: Duration? = .seconds(300)) async throws(RPCError) -> ImportCasesResponse {
        let reply = try await unary(Corridor_V1_Registry.importCases, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try ImportCasesResponse(proto: reply) }
    }
}

import CorridorWire

// Typed calls of the Registry service: figures (proto/corridor/v1/registry.proto).
// Each takes the generated request and goes through its generated RPCMethod;
// the result is the model value (mapped by CorridorWire/Mapping) where the model has
// one, else the generated response.

extension CorridorClient {
    public func reportFigure(_ request: Corridor_V1_ReportFigureRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Figure {
        let reply = try await unary(Corridor_V1_Registry.reportFigure, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Figure(proto: reply) }
    }

    public func listFigures(_ request: Corridor_V1_ListFiguresRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Corridor_V1_ListFiguresResponse {
        try await unary(Corridor_V1_Registry.listFigures, request, timeout: timeout)
    }

    public func compareFigures(_ request: Corridor_V1_CompareFiguresRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> CompareFiguresResponse {
        let reply = try await unary(Corridor_V1_Registry.compareFigures, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try CompareFiguresResponse(proto: reply) }
    }
}

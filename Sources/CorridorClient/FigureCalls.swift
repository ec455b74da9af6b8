import CorridorWire

// Typed calls of the Registry service: figures (proto/corridor/v1/registry.proto).

extension CorridorClient {
    public func reportFigure(_ request: ReportFigureRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Figure {
        try await unary("/corridor.v1.Registry/ReportFigure", request, timeout: timeout)
    }

    public func listFigures(_ request: ListFiguresRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> ListFiguresResponse {
        try await unary("/corridor.v1.Registry/ListFigures", request, timeout: timeout)
    }

    public func compareFigures(_ request: CompareFiguresRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> CompareFiguresResponse {
        try await unary("/corridor.v1.Registry/CompareFigures", request, timeout: timeout)
    }
}

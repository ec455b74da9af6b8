import CorridorModel
import CorridorWire

// The figures commands and queries.

extension Registry {
    public func reportFigure(_ request: ReportFigureRequest, actor: Actor) async throws(RPCError) -> Figure {
        throw RPCError(.unimplemented, "ReportFigure is not implemented yet")
    }

    public func listFigures(_ request: ListFiguresRequest) async throws(RPCError) -> ListFiguresResponse {
        throw RPCError(.unimplemented, "ListFigures is not implemented yet")
    }

    public func compareFigures(_ request: CompareFiguresRequest) async throws(RPCError) -> CompareFiguresResponse {
        throw RPCError(.unimplemented, "CompareFigures is not implemented yet")
    }
}

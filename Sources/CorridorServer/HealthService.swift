import CorridorWire

/// corridor.v1.Health: Check and Watch over a HealthStatusBoard.
enum HealthService {
    static func methods(board: HealthStatusBoard) -> MethodRouter {
        var router = MethodRouter()
        router.register(inline: Corridor_V1_Health.check) { request, _ in
            guard let status = board.status(of: request.service) else {
                throw RPCError(.notFound, "no service named \"\(request.service)\"")
            }
            return Corridor_V1_HealthCheckResponse(status: status)
        }
        router.register(streaming: Corridor_V1_Health.watch) { request, _, writer in
            var last: HealthStatusBoard.ServingStatus?
            for await status in board.watch(request.service) where status != last {
                try await writer.send(Corridor_V1_HealthCheckResponse(status: status))
                last = status
            }
            throw RPCError(.unavailable, "corridord is shutting down")
        }
        return router
    }
}

import CorridorWire

/// corridor.v1.Health: Check and Watch over a HealthStatusBoard.
enum HealthService {
    static func methods(board: HealthStatusBoard) -> MethodRouter {
        var router = MethodRouter()
        router.registerInline(MethodName.Health.check) { (request: HealthCheckRequest, _) in
            guard let status = board.status(of: request.service) else {
                throw RPCError(.notFound, "no service named \"\(request.service)\"")
            }
            return HealthCheckResponse(status: status)
        }
        router.registerServerStreaming(MethodName.Health.watch) {
            (request: HealthCheckRequest, _, writer: ServerStreamWriter<HealthCheckResponse>) in
            var last: ServingStatus?
            for await status in board.watch(request.service) where status != last {
                try await writer.send(HealthCheckResponse(status: status))
                last = status
            }
            throw RPCError(.unavailable, "corridord is shutting down")
        }
        return router
    }
}

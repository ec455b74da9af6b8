import CorridorWire
import Glibc

/// corridor.v1.System: Status and Ping. Ping answers on the event loop;
/// Status asks the registry for the store's figures.
enum SystemService {
    static func methods(
        serverName: String, statistics: ServerStatistics, paths: @escaping @Sendable () -> (socket: String, dataDirectory: String),
        storeStatus: (@Sendable () async -> StoreStatus)?
    ) -> MethodRouter {
        var router = MethodRouter()
        router.registerUnary(MethodName.System.status) { (_: SystemStatusRequest, _) in
            let uptime = ContinuousClock.now - statistics.startedAt
            let (socket, dataDirectory) = paths()
            return SystemStatus(
                serverName: serverName,
                serverVersion: CorridorVersion.string,
                protocolVersion: .current,
                startedAtUnixMilliseconds: statistics.startedAtUnixMilliseconds,
                uptimeMilliseconds: UInt64(uptime.components.seconds * 1000 + uptime.components.attoseconds / 1_000_000_000_000_000),
                socketPath: socket,
                dataDirectory: dataDirectory,
                openConnections: UInt32(max(0, statistics.openConnections)),
                pid: UInt32(getpid()),
                callsServed: statistics.callsServed,
                store: await storeStatus?()
            )
        }
        // PingRequest and PingResponse have one layout: once the request is
        // known to be valid, its bytes are the answer.
        router.registerInlineEcho(MethodName.System.ping, validating: PingPayload.self)
        return router
    }
}

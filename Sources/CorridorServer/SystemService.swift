import CorridorWire
import Glibc

/// corridor.v1.System: Status and Ping. Both answer from memory on the
/// event loop.
enum SystemService {
    static func methods(
        serverName: String, statistics: ServerStatistics, paths: @escaping @Sendable () -> (socket: String, dataDirectory: String)
    ) -> MethodRouter {
        var router = MethodRouter()
        router.registerInline(MethodName.System.status) { (_: SystemStatusRequest, _) in
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
                callsServed: statistics.callsServed
            )
        }
        router.registerInline(MethodName.System.ping) { (request: PingPayload, _) in
            request
        }
        return router
    }
}

import CorridorRegistry
import CorridorWire
import Glibc

/// corridor.v1.System: Status, Ping and Promote. Ping answers on the event
/// loop; Status asks the registry for the store's figures, replication for
/// where it stands, and says who the caller is; Promote asks replication to
/// make this follower the primary.
enum SystemService {
    static func methods(
        serverName: String, statistics: ServerStatistics, paths: @escaping @Sendable () -> (socket: String, dataDirectory: String),
        storeStatus: (@Sendable () async -> Corridor_V1_StoreStatus)?, replication: (any ReplicationControl)? = nil, access: AccessControl
    ) -> MethodRouter {
        var router = MethodRouter()
        router.register(Corridor_V1_System.status) { _, context in
            let uptime = ContinuousClock.now - statistics.startedAt
            let (socket, dataDirectory) = paths()
            return Corridor_V1_StatusResponse(
                serverName: serverName,
                serverVersion: CorridorVersion.string,
                protocolVersion: Corridor_V1_ProtocolVersion(ProtocolVersion.current),
                startedAtUnixMs: statistics.startedAtUnixMilliseconds,
                uptimeMs: UInt64(uptime.components.seconds * 1000 + uptime.components.attoseconds / 1_000_000_000_000_000),
                socketPath: socket,
                dataDirectory: dataDirectory,
                openConnections: UInt32(max(0, statistics.openConnections)),
                pid: UInt32(getpid()),
                callsServed: statistics.callsServed,
                store: await storeStatus?(),
                caller: Corridor_V1_Caller(
                    userName: context.identity?.userName ?? "",
                    uid: context.peer?.uid ?? 0,
                    gid: context.peer?.gid ?? 0,
                    pid: UInt32(bitPattern: context.peer?.pid ?? 0),
                    groupNames: context.identity?.groupNames ?? [],
                    role: context.role?.rawValue ?? "",
                    policySource: access.policy.source
                ),
                replication: Corridor_V1_ReplicationStatus(await replication?.report() ?? .standalone)
            )
        }
        router.register(Corridor_V1_System.promote) { _, _ in
            guard let replication else {
                throw RPCError(.failedPrecondition, "this server replicates nothing: only a follower (corridord --follow) can be promoted")
            }
            let promotion: Promotion
            do throws(RegistryError) {
                promotion = try await replication.promote()
            } catch {
                throw RPCError(status: RPCStatus(error))
            }
            return Corridor_V1_PromoteResponse(epoch: promotion.epoch, lastSequence: promotion.lastSequence, node: promotion.node)
        }
        router.register(inline: Corridor_V1_System.ping) { request, _ in
            Corridor_V1_PingResponse(payload: request.payload)
        }
        return router
    }
}

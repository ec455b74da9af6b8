import CorridorReplication
import ServiceLifecycle

/// Runs replication (docs/REPLICATION.md) for as long as the daemon serves.
/// After the registry's lifecycle in the group and before the server, so
/// that at shutdown the server drains first: a sync write still waiting for
/// PostgreSQL is copied (or refused) before replication stops.
struct ReplicationService: Service {
    let node: ReplicationNode

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await node.run()
        }
        await node.close()
    }
}

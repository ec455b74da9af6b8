import CorridorRegistry
import Logging
import ServiceLifecycle

/// Keeps the registry's snapshots fresh while the daemon runs and closes it
/// cleanly at the end. First in the group, so it stops last: after the server
/// has drained, the shutdown snapshot holds every acknowledged write.
struct RegistryLifecycleService: Service {
    let registry: Registry
    let snapshotInterval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // A timer between snapshots, not a synchronisation: shutdown cuts it short.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: snapshotInterval) }
            guard !Task.isShuttingDownGracefully else { break }
            do {
                try await registry.snapshotNow()
            } catch {
                logger.error("periodic snapshot failed; the log still holds everything", metadata: ["error": "\(error)"])
            }
        }
        await registry.close()
        logger.info("registry closed")
    }
}

import CorridorAudit
import CorridorModel
import CorridorRegistry
import CorridorServer
import Logging
import ServiceLifecycle

/// Keeps the registry's snapshots fresh while the daemon runs and closes it
/// cleanly at the end. First in the group, so it stops last: after the server
/// has drained, the shutdown snapshot holds every acknowledged write. Each
/// snapshot it writes is an admin action on the audit trail, which it closes
/// last.
struct RegistryLifecycleService: Service {
    let registry: Registry
    let audit: AuditTrail
    let snapshotInterval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // A timer between snapshots, not a synchronisation: shutdown cuts it short.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: snapshotInterval) }
            guard !Task.isShuttingDownGracefully else { break }
            await snapshot("periodic")
        }
        await snapshot("shutdown")
        await registry.close()
        logger.info("registry closed")
        do {
            try audit.close()
        } catch {
            logger.error("closing the audit trail failed", metadata: ["error": "\(error)"])
        }
    }

    /// A snapshot if anything changed since the last, recorded on the audit trail when written.
    private func snapshot(_ occasion: String) async {
        let before = await registry.storeStatus.lastSnapshotSequence
        do {
            try await registry.snapshotNow()
        } catch {
            logger.error("\(occasion) snapshot failed; the log still holds everything", metadata: ["error": "\(error)"])
            return
        }
        let after = await registry.storeStatus.lastSnapshotSequence
        guard after != before else { return }
        do {
            try await audit.record(adminAction: "snapshot", actor: .daemon, detail: "\(occasion) snapshot of the state through sequence \(after)")
        } catch {
            logger.error("the audit trail refused a snapshot's record", metadata: ["error": "\(error)"])
        }
    }
}

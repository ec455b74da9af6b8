import CorridorReplication
import CorridorServer
import CorridorSystemd
import Logging
import ServiceLifecycle

/// Tells systemd what the daemon is doing: READY=1 once the server listens,
/// STATUS= lines, WATCHDOG=1 while the event loops answer, STOPPING=1 first
/// thing on shutdown. The last service in the group, so the first to stop.
struct NotifierService: Service {
    let notifier: SystemdNotifier
    let server: CorridorServer
    let replication: ReplicationNode?
    let listening: AsyncStream<Void>
    let logger: Logger

    func run() async throws {
        var iterator = listening.makeAsyncIterator()
        guard await iterator.next() != nil else { return }
        notifier.ready(status: summary())
        logger.info("ready", metadata: ["socket": "\(server.socketPath)"])

        if let timeout = notifier.watchdogTimeout() {
            // systemd's advice: ping at half the timeout.
            let interval = timeout / 2
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                if await server.eventLoopsRespond() {
                    notifier.watchdog(status: summary())
                } else {
                    logger.critical("an event loop did not answer; withholding the watchdog ping")
                }
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            }
        } else {
            try? await gracefulShutdown()
        }
        notifier.stopping(status: "Stopping: draining \(server.statistics.openConnections) connections")
        logger.info("stopping")
    }

    private func summary() -> String {
        let serving = "Serving on \(server.socketPath); \(server.statistics.openConnections) connections, \(server.statistics.callsServed) calls served"
        guard let replication else { return serving }
        return serving + "; " + replication.summary()
    }
}

import CorridorAudit
import CorridorModel
import CorridorServer
import CorridorSystemd
import Logging
import ServiceLifecycle
import UnixSignals

/// SIGHUP: RELOADING=1, read the configuration and the access policy again,
/// apply what can change while running (log level, limits for new
/// connections, the access policy for the next call on every connection, the
/// retention period, swept at once when it changed), READY=1.
struct ReloadService: Service {
    /// Trapping SIGHUP from before READY=1: a reload systemd sends the moment
    /// the daemon is ready must find the handler in place, not the default
    /// action (terminate).
    let hangups: UnixSignalsSequence
    let commandLine: CommandLineSettings
    let initial: DaemonSettings
    let server: CorridorServer
    /// A reload is an admin action: recorded before READY=1 answers it.
    let audit: AuditTrail
    let retention: RetentionSetting
    let notifier: SystemdNotifier
    let logLevel: LogLevelSetting
    let logger: Logger

    func run() async throws {
        var current = initial
        for await _ in hangups.cancelOnGracefulShutdown() {
            notifier.reloading()
            do {
                let reloaded = try DaemonSettings.resolve(commandLine: commandLine, environment: ProcessEnvironment.current)
                if reloaded.socketPath != current.socketPath || reloaded.dataDirectory != current.dataDirectory
                    || reloaded.socketMode != current.socketMode || reloaded.store != current.store {
                    logger.warning("the socket, data directory and store settings change only at restart; keeping the current ones")
                }
                // Parsed before anything is applied: a bad policy file keeps
                // the old policy and the rest of the old configuration.
                let policy = try reloaded.loadAccessPolicy()
                logLevel.current = reloaded.logLevel
                server.updateLimits(reloaded.limits)
                server.access.replace(with: policy)
                retention.update(reloaded.retention.personalAfterClosedDays)
                current = reloaded
                logger.notice("configuration reloaded", metadata: [
                    "file": "\(reloaded.configurationFile ?? "none")", "logLevel": "\(reloaded.logLevel)",
                    "accessPolicy": "\(policy.source)",
                    "retentionDays": "\(reloaded.retention.personalAfterClosedDays.map(String.init) ?? "none")",
                ])
                await recordReload("configuration reloaded from \(reloaded.configurationFile ?? "no file"); log level \(reloaded.logLevel)")
                notifier.ready(status: "Serving on \(server.socketPath); configuration reloaded")
            } catch {
                logger.error("reload failed; keeping the previous configuration", metadata: ["error": "\(error)"])
                await recordReload("reload refused, the previous configuration kept: \(error)")
                notifier.ready(status: "Serving on \(server.socketPath); reload failed: \(error)")
            }
        }
    }

    /// The signal's sender is not known (the kernel names it in siginfo, which
    /// the signal sequence does not pass on): the daemon is the actor.
    private func recordReload(_ detail: String) async {
        do {
            try await audit.record(adminAction: "reload", actor: .daemon, detail: detail)
        } catch {
            logger.error("the audit trail refused a reload's record", metadata: ["error": "\(error)"])
        }
    }
}

import CorridorModel
import CorridorRegistry
import CorridorServer
import Glibc
import Logging
import ServiceLifecycle

/// Erases the personal parts that have passed retention (the configuration's
/// `retention.personalAfterClosedDays`), at start and then daily, with the
/// reason "retention". What is due is decided by the registry from the time
/// it is given (`erasePersonalDataPastRetention`), which the tests drive.
struct RetentionService: Service {
    let registry: Registry
    let retention: RetentionSettings
    let logger: Logger

    static let interval: Duration = .seconds(24 * 3600)

    func run() async throws {
        guard let days = retention.personalAfterClosedDays else {
            // A service that returns early stops the whole group: wait for the end.
            try? await gracefulShutdown()
            return
        }
        let actor = Actor(uid: getuid(), userName: "corridord", pid: getpid(), role: "retention")
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            let nowMs = UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
            do {
                let erased = try await registry.erasePersonalDataPastRetention(closedForDays: days, nowMs: nowMs, actor: actor)
                if !erased.isEmpty {
                    logger.notice("retention erased personal parts", metadata: ["cases": "\(erased.joined(separator: ", "))", "days": "\(days)"])
                }
            } catch {
                logger.error("the retention sweep failed; it runs again tomorrow", metadata: ["error": "\(error)"])
            }
            // A timer between sweeps, not a synchronisation: shutdown cuts it short.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.interval) }
        }
    }
}

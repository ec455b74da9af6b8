import CorridorModel
import CorridorRegistry
import CorridorServer
import Glibc
import Logging
import ServiceLifecycle

/// Erases the personal parts that have passed retention (the configuration's
/// `retention.personalAfterClosedDays`), at start, then daily, and at once
/// when a SIGHUP reload changes the period, with the reason "retention". What
/// is due is decided by the registry from the time it is given
/// (`erasePersonalDataPastRetention`), which the tests drive.
struct RetentionService: Service {
    let registry: Registry
    let retention: RetentionSetting
    let logger: Logger

    static let interval: Duration = .seconds(24 * 3600)

    func run() async throws {
        let actor = Actor(uid: getuid(), userName: "corridord", pid: getpid(), role: "retention")
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let (days, generation) = retention.current
            if let days { await sweep(days: days, actor: actor) }
            // Until the next day's sweep (none without a period) or a reload
            // that changes the period; shutdown cuts either short.
            let retention = self.retention
            try? await cancelWhenGracefulShutdown {
                await withTaskGroup(of: Void.self) { group in
                    if days != nil {
                        // A timer between sweeps, not a synchronisation.
                        group.addTask { try? await Task.sleep(for: Self.interval) }
                    }
                    group.addTask { await retention.waitForChange(after: generation) }
                    _ = await group.next()
                    group.cancelAll()
                }
            }
        }
    }

    private func sweep(days: UInt32, actor: Actor) async {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let nowMs = UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
        do {
            let erased = try await registry.erasePersonalDataPastRetention(closedForDays: days, nowMs: nowMs, actor: actor)
            if !erased.isEmpty {
                logger.notice("retention erased personal parts", metadata: ["cases": "\(erased.joined(separator: ", "))", "days": "\(days)"])
            }
        } catch where error.code == .failedPrecondition {
            // A follower (docs/REPLICATION.md) writes nothing: the primary's sweep erases, and its erasures arrive here.
            logger.info("no retention sweep here", metadata: ["reason": "\(error.message)"])
        } catch {
            logger.error("the retention sweep failed; it runs again tomorrow", metadata: ["error": "\(error)"])
        }
    }
}

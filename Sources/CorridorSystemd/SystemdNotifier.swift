internal import CSystemd
import Dispatch
import Glibc
import Synchronization

/// Tells systemd how the daemon is doing through `$NOTIFY_SOCKET`
/// (sd_notify(3)). Without systemd every call is a quiet no-op, so the daemon
/// calls it unconditionally.
public struct SystemdNotifier: Sendable {
    /// Whether a service manager is listening; false when run by hand.
    public let isSupervised: Bool

    public init(environment: [String: String] = ProcessEnvironment.current) {
        isSupervised = !(environment["NOTIFY_SOCKET"] ?? "").isEmpty
    }

    /// READY=1: the socket listens and the state is loaded.
    public func ready(status: String) {
        send(["READY=1", "STATUS=\(Self.oneLine(status))"])
    }

    /// STATUS=: one line that `systemctl status` shows.
    public func status(_ line: String) {
        send(["STATUS=\(Self.oneLine(line))"])
    }

    /// RELOADING=1 with the CLOCK_MONOTONIC time the reload started, as
    /// Type=notify-reload expects; follow with `ready(status:)` when done.
    public func reloading() {
        send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())", "STATUS=Reloading configuration"])
    }

    /// STOPPING=1: shutdown has begun.
    public func stopping(status: String) {
        send(["STOPPING=1", "STATUS=\(Self.oneLine(status))"])
    }

    /// WATCHDOG=1: the daemon is alive and its event loops answer.
    public func watchdog() {
        send(["WATCHDOG=1"])
    }

    /// WATCHDOG=1 with a fresh STATUS= line, in one datagram: the status can
    /// never be what gets a ping dropped.
    public func watchdog(status: String) {
        send(["WATCHDOG=1", "STATUS=\(Self.oneLine(status))"])
    }

    /// EXTEND_TIMEOUT_USEC: ask for more time while a long start-up (recovery) runs.
    public func extendTimeout(by duration: Duration, status: String) {
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        send(["EXTEND_TIMEOUT_USEC=\(microseconds)", "STATUS=\(Self.oneLine(status))"])
    }

    /// Waits up to five seconds for queued notifications to be sent; false
    /// when the supervisor did not take them in that time.
    ///
    /// Bounded on purpose: it runs as the process exits, after the store is
    /// closed, so nothing but the notification itself is at stake. systemd
    /// reads its notify socket as messages arrive and counts an exit with
    /// status 0 after SIGTERM as a clean stop either way; a supervisor that
    /// stalls for seconds is broken, and a daemon that waited for it without
    /// bound would turn that into a stop that hangs until SIGKILL.
    @discardableResult
    public func flush() -> Bool {
        guard isSupervised else { return true }
        return NotificationQueue.shared.drain()
    }

    /// The watchdog interval systemd asks for (WatchdogSec=), if any.
    /// The corresponding C function is `sd_watchdog_enabled`.
    public func watchdogTimeout() -> Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(microseconds))
    }

    /// The corresponding C function is `sd_notify`. It blocks when the
    /// receiver does not read (a datagram queue holds about ten messages), so
    /// it runs on its own queue: a slow supervisor delays notifications, never
    /// the daemon or its shutdown. A WATCHDOG=1 or STATUS= line still waiting
    /// when a newer one of the same kind is queued is superseded by it.
    private func send(_ assignments: [String]) {
        guard isSupervised else { return }
        let message = assignments.joined(separator: "\n")
        let kind: NotificationQueue.Kind?
        switch assignments {
        case let lines where lines.first == "WATCHDOG=1": kind = .watchdog
        case let lines where lines.count == 1 && lines[0].hasPrefix("STATUS="): kind = .status
        default: kind = nil
        }
        NotificationQueue.shared.submit(message, kind: kind)
    }

    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
    private static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}

/// The process environment as a dictionary, read once per call.
public enum ProcessEnvironment {
    public static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let assignment = String(cString: entry)
            if let equals = assignment.firstIndex(of: "=") {
                result[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

/// The one queue notifications leave from, in order.
final class NotificationQueue: Sendable {
    /// Messages a newer message of the same kind makes pointless.
    enum Kind: Sendable {
        case watchdog
        case status
    }

    static let shared = NotificationQueue()
    /// Past this many waiting, new supersedable messages are not queued: the
    /// supervisor is not reading, and memory must not grow for it.
    static let backlogLimit = 64

    private let queue = DispatchQueue(label: "corridor.systemd.notify")
    private let pending = Atomic<Int>(0)
    private let tickets = Atomic<UInt64>(0)
    private let newest = Mutex<[Kind: UInt64]>([:])

    func submit(_ message: String, kind: Kind?) {
        if kind != nil && pending.load(ordering: .relaxed) >= Self.backlogLimit { return }
        let ticket = tickets.add(1, ordering: .relaxed).newValue
        if let kind { newest.withLock { $0[kind] = ticket } }
        pending.add(1, ordering: .relaxed)
        queue.async { [self] in
            let superseded = kind.map { kind in newest.withLock { $0[kind] != ticket } } ?? false
            if !superseded { _ = sd_notify(0, message) }
            pending.subtract(1, ordering: .relaxed)
        }
    }

    /// Waits until every notification so far has been handed to the socket,
    /// or `timeout` passes; for tests and for the last words before exit.
    func drain(timeout: DispatchTimeInterval = .seconds(5)) -> Bool {
        let done = DispatchSemaphore(value: 0)
        queue.async { done.signal() }
        return done.wait(timeout: .now() + timeout) == .success
    }
}

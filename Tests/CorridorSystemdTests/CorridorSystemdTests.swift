import CorridorSystemd
import CorridorTestSupport
import Foundation
import Glibc
import Logging
import Testing

/// In-process tests of the systemd glue. They set and unset process
/// environment variables (NOTIFY_SOCKET, WATCHDOG_*, LISTEN_*), which every
/// thread shares, so the whole suite runs serially and each test restores
/// what it changed.
@Suite("CorridorSystemd", .serialized)
struct CorridorSystemdTests {
    // MARK: SystemdNotifier

    @Suite("SystemdNotifier")
    struct NotifierTests {
        @Test("ready(status:) sends READY=1 and STATUS=")
        func ready() throws {
            let receiver = try NotifyReceiver()
            try withEnvironment(receiver.supervisedEnvironment) { () throws in
                let notifier = SystemdNotifier()
                #expect(notifier.isSupervised)
                notifier.ready(status: "Serving on /run/corridor/corridord.sock")
                notifier.flush()
                let message = try #require(try receiver.nextQueued(), "nothing queued after flush()")
                #expect(message.fields == ["READY": "1", "STATUS": "Serving on /run/corridor/corridord.sock"], "\(message)")
                #expect(try receiver.nextQueued() == nil, "one call, one datagram")
            }
        }

        @Test("status() sends STATUS= alone")
        func status() throws {
            let receiver = try NotifyReceiver()
            try withEnvironment(receiver.supervisedEnvironment) { () throws in
                SystemdNotifier().status("3 connections")
                #expect(try receiver.next().fields == ["STATUS": "3 connections"])
            }
        }

        @Test("a STATUS with line breaks is flattened to one line", arguments: [
            ("first\nsecond", "first second"),
            ("first\r\nsecond", "first second"),
            ("a\nb\nc\n", "a b c "),
            ("trailing\u{2028}separator", "trailing separator"),
        ])
        func statusOnOneLine(input: String, expected: String) throws {
            let receiver = try NotifyReceiver()
            try withEnvironment(receiver.supervisedEnvironment) { () throws in
                let notifier = SystemdNotifier()
                notifier.status(input)
                let status = try receiver.next()
                #expect(status.raw == "STATUS=\(expected)", "\(status)")
                notifier.ready(status: input)
                let ready = try receiver.next()
                #expect(ready.raw == "READY=1\nSTATUS=\(expected)", "\(ready)")
                notifier.stopping(status: input)
                #expect(try receiver.next().raw == "STOPPING=1\nSTATUS=\(expected)")
                notifier.extendTimeout(by: .seconds(1), status: input)
                #expect(try receiver.next().raw == "EXTEND_TIMEOUT_USEC=1000000\nSTATUS=\(expected)")
            }
        }

        @Test("reloading() sends RELOADING=1 and the CLOCK_MONOTONIC time in MONOTONIC_USEC")
        func reloading() throws {
            let receiver = try NotifyReceiver()
            try withEnvironment(receiver.supervisedEnvironment) { () throws in
                let before = monotonicMicroseconds()
                SystemdNotifier().reloading()
                let after = monotonicMicroseconds()
                let message = try receiver.next()
                #expect(message["RELOADING"] == "1", "\(message)")
                #expect(message["STATUS"] != nil, "\(message)")
                let text = try #require(message["MONOTONIC_USEC"], "\(message)")
                let value = try #require(UInt64(text), "MONOTONIC_USEC=\(text) is not a number")
                // Same clock, read before and after: an ordering, not a timing, check.
                #expect(before <= value && value <= after, "MONOTONIC_USEC=\(value) outside [\(before), \(after)]")
            }
        }

        @Test("stopping(status:) sends STOPPING=1")
        func stopping() throws {
            let receiver = try NotifyReceiver()
            try withEnvironment(receiver.supervisedEnvironment) { () throws in
                SystemdNotifier().stopping(status: "Stopping: draining 2 connections")
                #expect(try receiver.next().fields == ["STOPPING": "1", "STATUS": "Stopping: draining 2 connections"])
            }
        }

        @Test("watchdog() sends WATCHDOG=1 and nothing else")
        func watchdog() throws {
            let receiver = try NotifyReceiver()
            try withEnvironment(receiver.supervisedEnvironment) { () throws in
                SystemdNotifier().watchdog()
                #expect(try receiver.next().raw == "WATCHDOG=1")
            }
        }

        @Test("extendTimeout(by:status:) sends EXTEND_TIMEOUT_USEC in microseconds", arguments: [
            (Duration.seconds(5), "5000000"),
            (Duration.milliseconds(1500), "1500000"),
            (Duration.microseconds(250), "250"),
            (Duration.seconds(300), "300000000"),
        ])
        func extendTimeout(duration: Duration, microseconds: String) throws {
            let receiver = try NotifyReceiver()
            try withEnvironment(receiver.supervisedEnvironment) { () throws in
                SystemdNotifier().extendTimeout(by: duration, status: "Recovering the store")
                let message = try receiver.next()
                #expect(message.fields == ["EXTEND_TIMEOUT_USEC": microseconds, "STATUS": "Recovering the store"], "\(message)")
            }
        }

        @Test("flush() returns once everything sent so far is in the socket, in order")
        func flushDelivers() throws {
            let receiver = try NotifyReceiver()
            try withEnvironment(receiver.supervisedEnvironment) { () throws in
                let notifier = SystemdNotifier()
                notifier.ready(status: "one")
                notifier.reloading()
                notifier.ready(status: "two")
                notifier.extendTimeout(by: .seconds(5), status: "three")
                notifier.stopping(status: "four")
                notifier.flush()
                var keys: [String] = []
                while let message = try receiver.nextQueued() {
                    keys.append(message.fields.keys.filter { $0 != "STATUS" && $0 != "MONOTONIC_USEC" }.sorted().joined())
                }
                #expect(keys == ["READY", "RELOADING", "READY", "EXTEND_TIMEOUT_USEC", "STOPPING"])
            }
        }

        /// WATCHDOG=1 and STATUS= say different things: a STATUS line queued
        /// behind a ping does not make the ping redundant, and systemd kills
        /// a service whose pings stop for WatchdogSec. The queue is held
        /// deterministically: the receiver is filled to its limit first
        /// (net.unix.max_dgram_qlen datagrams), so the READY=1 sent next
        /// blocks in sd_notify until the test reads, while the ping and the
        /// STATUS line wait behind it.
        @Test("a WATCHDOG=1 is not dropped because a STATUS line is queued behind it")
        func watchdogNotSupersededByStatus() throws {
            let receiver = try NotifyReceiver()
            try withEnvironment(receiver.supervisedEnvironment) { () throws in
                let fillers = try receiver.fillToCapacity()
                try #require(fillers > 0)
                let notifier = SystemdNotifier()
                notifier.ready(status: "blocked until the test reads")
                notifier.watchdog()
                notifier.status("after the ping")

                var received: [NotifyMessage] = []
                while received.last?.raw != "STATUS=after the ping" {
                    received.append(try receiver.next())
                }
                notifier.flush()
                while let message = try receiver.nextQueued() { received.append(message) }
                let ours = received.filter { $0.raw != NotifyReceiver.filler }
                #expect(ours.count(where: { $0["READY"] == "1" }) == 1, "\(ours)")
                #expect(ours.contains { $0.raw == "WATCHDOG=1" }, "the ping was dropped; received: \(ours)")
            }
        }

        @Test("non-droppable notifications all arrive, in order, whatever WATCHDOG/STATUS lines come between")
        func burstKeepsImportantMessages() throws {
            let receiver = try NotifyReceiver()
            try withEnvironment(receiver.supervisedEnvironment) { () throws in
                let notifier = SystemdNotifier()
                notifier.ready(status: "ready")
                for round in 0..<50 {
                    notifier.watchdog()
                    notifier.status("round \(round)")
                }
                notifier.reloading()
                notifier.ready(status: "reloaded")
                notifier.stopping(status: "stopping")
                var received: [NotifyMessage] = []
                while received.last?["STOPPING"] != "1" { received.append(try receiver.next()) }
                notifier.flush()
                while let message = try receiver.nextQueued() { received.append(message) }
                let important = received.filter { $0["READY"] != nil || $0["RELOADING"] != nil || $0["STOPPING"] != nil }
                #expect(important.map { $0.fields.keys.sorted() } == [["READY", "STATUS"], ["MONOTONIC_USEC", "RELOADING", "STATUS"], ["READY", "STATUS"], ["STATUS", "STOPPING"]])
                #expect(received.last?["STOPPING"] == "1")
            }
        }

        @Test("without NOTIFY_SOCKET: not supervised, and every call is a quiet no-op")
        func unsupervised() throws {
            try withEnvironment(["NOTIFY_SOCKET": nil]) { () throws in
                let notifier = SystemdNotifier()
                #expect(!notifier.isSupervised)
                notifier.ready(status: "ready")
                notifier.status("status")
                notifier.reloading()
                notifier.watchdog()
                notifier.extendTimeout(by: .seconds(5), status: "longer")
                notifier.stopping(status: "stopping")
            }
            try withEnvironment(["NOTIFY_SOCKET": ""]) { () throws in
                #expect(!SystemdNotifier().isSupervised)
            }
        }

        @Test("a notifier made from an environment without NOTIFY_SOCKET sends nothing, even if the process has one")
        func unsupervisedSendsNothing() throws {
            let receiver = try NotifyReceiver()
            try withEnvironment(receiver.supervisedEnvironment) { () throws in
                let quiet = SystemdNotifier(environment: [:])
                #expect(!quiet.isSupervised)
                quiet.ready(status: "ready")
                quiet.status("status")
                quiet.reloading()
                quiet.watchdog()
                quiet.extendTimeout(by: .seconds(5), status: "longer")
                quiet.stopping(status: "stopping")
                quiet.flush()
                // Notifications leave in order from one queue: once a supervised
                // notifier's flush() returns, anything the quiet one had sent
                // would be in the socket.
                let supervised = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.path])
                #expect(supervised.isSupervised)
                supervised.flush()
                #expect(try receiver.nextQueued() == nil)
            }
        }
    }

    // MARK: Watchdog

    @Suite("SystemdNotifier.watchdogTimeout()")
    struct WatchdogTests {
        @Test("nil without WATCHDOG_USEC")
        func unset() throws {
            try withEnvironment(["WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]) { () throws in
                #expect(SystemdNotifier().watchdogTimeout() == nil)
            }
        }

        @Test("WATCHDOG_USEC=N gives N microseconds", arguments: ["200000", "30000000", "1"])
        func set(microseconds: String) throws {
            let expected = Duration.microseconds(Int64(microseconds)!)
            try withEnvironment(["WATCHDOG_USEC": microseconds, "WATCHDOG_PID": nil]) { () throws in
                #expect(SystemdNotifier().watchdogTimeout() == expected)
            }
            try withEnvironment(["WATCHDOG_USEC": microseconds, "WATCHDOG_PID": "\(getpid())"]) { () throws in
                #expect(SystemdNotifier().watchdogTimeout() == expected)
            }
        }

        @Test("nil when WATCHDOG_PID names another process")
        func otherProcess() throws {
            try withEnvironment(["WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1"]) { () throws in
                #expect(SystemdNotifier().watchdogTimeout() == nil)
            }
        }

        @Test("nil for a WATCHDOG_USEC of 0 or not a number", arguments: ["0", "soon", ""])
        func invalid(value: String) throws {
            try withEnvironment(["WATCHDOG_USEC": value, "WATCHDOG_PID": nil]) { () throws in
                #expect(SystemdNotifier().watchdogTimeout() == nil)
            }
        }
    }

    // MARK: Socket activation

    /// The successful path (a listening socket on fd 3 comes back with its
    /// bound path) is not tested in process: fd 3 of the test runner is
    /// libdispatch's epoll descriptor, which cannot be borrowed while other
    /// threads run. corridordTests covers it end to end with
    /// systemd-socket-activate ("corridord serves the socket
    /// systemd-socket-activate passes it").
    @Suite("SocketActivation.inheritedSocket()")
    struct SocketActivationTests {
        @Test("nil without LISTEN_FDS")
        func notActivated() throws {
            try withEnvironment(["LISTEN_FDS": nil, "LISTEN_PID": nil, "LISTEN_FDNAMES": nil]) { () throws in
                #expect(try SocketActivation.inheritedSocket() == nil)
            }
        }

        @Test("nil when LISTEN_PID names another process, and LISTEN_* are cleared")
        func otherProcess() throws {
            try withEnvironment(["LISTEN_FDS": "1", "LISTEN_PID": "1", "LISTEN_FDNAMES": "corridord.socket"]) { () throws in
                #expect(try SocketActivation.inheritedSocket() == nil)
                // sd_listen_fds(1): a child started later must not think they are its.
                #expect(getenv("LISTEN_FDS") == nil)
                #expect(getenv("LISTEN_PID") == nil)
                #expect(getenv("LISTEN_FDNAMES") == nil)
            }
        }

        @Test("LISTEN_FDS that cannot be read is an error", arguments: ["many", "-1"])
        func unreadable(value: String) throws {
            try withEnvironment(["LISTEN_FDS": value, "LISTEN_PID": "\(getpid())"]) { () throws in
                #expect(throws: SocketActivationError.self) { try SocketActivation.inheritedSocket() }
            }
        }

        /// fd 3 here is whatever the runner has there (not a listening
        /// AF_UNIX stream socket), so the check must refuse it; sd_listen_fds
        /// only sets FD_CLOEXEC on it, which leaves it working.
        @Test("an inherited descriptor that is not a listening AF_UNIX stream socket is refused",
              .enabled(if: !descriptorIsListeningUnixSocket(3)))
        func notAListeningSocket() throws {
            try withEnvironment(["LISTEN_FDS": "1", "LISTEN_PID": "\(getpid())"]) { () throws in
                let error = #expect(throws: SocketActivationError.self) { try SocketActivation.inheritedSocket() }
                let description = error?.description ?? ""
                #expect(
                    description.contains("not a listening AF_UNIX stream socket") || description.contains("could not be read"),
                    "\(description)"
                )
            }
        }
    }

    // MARK: Journal log format

    @Suite("JournalLogHandler")
    struct JournalLogHandlerTests {
        static let priorities: [(Logger.Level, Int)] = [
            (.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
        ]

        @Test("priority(of:) follows syslog: trace/debug 7 … critical 2", arguments: priorities)
        func priority(level: Logger.Level, expected: Int) {
            #expect(JournalLogHandler.priority(of: level) == expected)
        }

        @Test("toJournal: <N>message key=value\\n", arguments: priorities)
        func journalLine(level: Logger.Level, priority: Int) {
            let line = JournalLogHandler.format(
                level: level, message: "ready", metadata: ["socket": "/run/corridor/corridord.sock"], label: "corridord", toJournal: true
            )
            #expect(line == "<\(priority)>ready socket=/run/corridor/corridord.sock\n")
        }

        @Test("metadata sorted by key; none means no trailing space")
        func metadataOrder() {
            let line = JournalLogHandler.format(
                level: .info, message: "starting", metadata: ["version": "0.1.0", "dataDirectory": "/var/lib/corridor", "socket": "/s"],
                label: "corridord", toJournal: true
            )
            #expect(line == "<6>starting dataDirectory=/var/lib/corridor socket=/s version=0.1.0\n")
            #expect(JournalLogHandler.format(level: .notice, message: "stopping", metadata: [:], label: "x", toJournal: true) == "<5>stopping\n")
        }

        @Test("newlines in the message and in metadata are flattened: one entry, one line", arguments: [true, false])
        func flattened(toJournal: Bool) {
            let line = JournalLogHandler.format(
                level: .error, message: "reload failed\nkeeping the previous configuration",
                metadata: ["error": "line one\r\nline two"], label: "corridord", toJournal: toJournal
            )
            #expect(line.hasSuffix("reload failed keeping the previous configuration error=line one line two\n"), "\(line)")
            #expect(line.filter(\.isNewline).count == 1, "\(line.debugDescription)")
        }

        @Test("not toJournal: '<ISO 8601 UTC timestamp> <level> <label>: message key=value'", arguments: priorities.map(\.0))
        func terminalLine(level: Logger.Level) throws {
            let line = JournalLogHandler.format(
                level: level, message: "listening", metadata: ["socket": "/s"], label: "corridord", toJournal: false
            )
            let pattern = #/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) (\w+) corridord: listening socket=/s\n/#
            let match = try #require(line.wholeMatch(of: pattern), "\(line.debugDescription)")
            #expect(String(match.output.2) == level.rawValue)
            // The timestamp is a real date (year, month and day not off by
            // one); the day bound is generous, this is no timing check.
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let date = try #require(formatter.date(from: String(match.output.1)), "\(match.output.1)")
            #expect(abs(date.timeIntervalSinceNow) < 86_400, "\(match.output.1) is not now")
        }

        @Test("stderrIsJournal: true only when JOURNAL_STREAM is fd 2's device:inode")
        func stderrIsJournal() throws {
            var status = stat()
            try #require(fstat(2, &status) == 0)
            let device = UInt64(status.st_dev)
            let inode = UInt64(status.st_ino)
            #expect(JournalLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "\(device):\(inode)"]))
            #expect(!JournalLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "\(device):\(inode &+ 1)"]))
            #expect(!JournalLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "\(device &+ 1):\(inode)"]))
            #expect(!JournalLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "\(device)"]))
            #expect(!JournalLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "journal"]))
            #expect(!JournalLogHandler.stderrIsJournal(environment: [:]))
        }

        @Test("logLevel reads and writes the shared LogLevelSetting")
        func sharedLevel() {
            let setting = LogLevelSetting(.info)
            var first = JournalLogHandler(label: "a", level: setting, toJournal: true)
            let second = JournalLogHandler(label: "b", level: setting, toJournal: false)
            #expect(first.logLevel == .info)
            setting.current = .debug
            #expect(first.logLevel == .debug)
            #expect(second.logLevel == .debug)
            first.logLevel = .error
            #expect(setting.current == .error)
            #expect(second.logLevel == .error)
        }

        @Test("metadata subscript")
        func metadataSubscript() {
            var handler = JournalLogHandler(label: "a", level: LogLevelSetting(.info), toJournal: true)
            handler[metadataKey: "request"] = "42"
            #expect(handler[metadataKey: "request"] == "42")
            #expect(handler.metadata == ["request": "42"])
        }
    }
}

// MARK: - Helpers

/// Sets (or, for nil, unsets) environment variables around `body` and
/// restores them afterwards. NOTIFY_SOCKET, WATCHDOG_* and LISTEN_* not
/// named are unset too, so a runner started by systemd does not leak its own.
@discardableResult
func withEnvironment<T>(_ changes: [String: String?], _ body: () throws -> T) throws -> T {
    let managed = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES"]
    var all: [String: String?] = [:]
    for name in managed { all[name] = .some(nil) }
    for (name, value) in changes { all[name] = .some(value) }
    var saved: [String: String?] = [:]
    for (name, value) in all {
        saved[name] = .some(getenv(name).map { String(cString: $0) })
        if let value { setenv(name, value, 1) } else { unsetenv(name) }
    }
    defer {
        for (name, value) in saved {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
    }
    return try body()
}

func monotonicMicroseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
}

/// Whether `descriptor` is an open, listening AF_UNIX stream socket.
func descriptorIsListeningUnixSocket(_ descriptor: Int32) -> Bool {
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFSOCK else { return false }
    var listening: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) == 0 else { return false }
    return listening != 0
}

struct ReceiverError: Error, CustomStringConvertible {
    let description: String
}

/// One sd_notify datagram.
struct NotifyMessage: CustomStringConvertible {
    let raw: String
    let fields: [String: String]

    init(raw: String) {
        self.raw = raw
        var fields: [String: String] = [:]
        for line in raw.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        self.fields = fields
    }

    subscript(key: String) -> String? { fields[key] }
    var description: String { raw.debugDescription }
}

/// An AF_UNIX datagram socket in a fresh directory under /tmp, standing in
/// for systemd's notification socket.
final class NotifyReceiver {
    let directory: String
    let path: String
    private let descriptor: Int32

    init() throws {
        directory = try TemporaryDirectory().path
        path = directory + "/notify.sock"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ReceiverError(description: "socket failed: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw ReceiverError(description: "bind \(path) failed: errno \(errno)") }
        // A safety net only: sd_notify is synchronous, so the datagram is queued before next() runs.
        var timeout = timeval(tv_sec: TestDeadline.scaledSeconds(.seconds(60)), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
        unlink(path)
        rmdir(directory)
    }

    var supervisedEnvironment: [String: String?] { ["NOTIFY_SOCKET": path] }

    /// The next datagram; blocks (SO_RCVTIMEO) until one arrives.
    func next() throws -> NotifyMessage {
        try receive(flags: 0) ?? { throw ReceiverError(description: "no notification on \(path) within \(TestDeadline.scaled(.seconds(60)))") }()
    }

    static let filler = "FILLER=1"

    /// Fills the socket's queue from a socket of the test's own, until the
    /// kernel refuses more (net.unix.max_dgram_qlen); returns how many.
    func fillToCapacity() throws -> Int {
        let sender = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard sender >= 0 else { throw ReceiverError(description: "socket failed: errno \(errno)") }
        defer { close(sender) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        var count = 0
        while count < 10_000 {
            let sent = Self.filler.withCString { text in
                withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(sender, text, strlen(text), Int32(MSG_DONTWAIT), $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                    }
                }
            }
            if sent >= 0 { count += 1; continue }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return count }
            throw ReceiverError(description: "sendto \(path) failed: errno \(errno)")
        }
        throw ReceiverError(description: "\(path) took 10000 datagrams without filling up")
    }

    /// A datagram already queued, or nil.
    func nextQueued() throws -> NotifyMessage? {
        try receive(flags: Int32(MSG_DONTWAIT))
    }

    private func receive(flags: Int32) throws -> NotifyMessage? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, flags) }
            if count >= 0 { return NotifyMessage(raw: String(decoding: buffer[0..<count], as: UTF8.self)) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return nil
            case let error: throw ReceiverError(description: "recv on \(path) failed: errno \(error)")
            }
        }
    }
}

extension NotifyMessage: Equatable {
    static func == (lhs: NotifyMessage, rhs: NotifyMessage) -> Bool { lhs.raw == rhs.raw }
}

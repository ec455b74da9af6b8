import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// A corridord started with $NOTIFY_SOCKET, past READY=1.
struct ReadyDaemon {
    let process: DaemonProcess
    let notify: NotifySocket
    /// The READY=1 message.
    let ready: NotifyMessage
    /// Whatever came before READY=1 (normally nothing).
    let beforeReady: [NotifyMessage]

    /// Notifications up to the first with `key=value`; fails as soon as the
    /// daemon exits without sending it.
    func notification(_ key: String, is value: String = "1") async throws -> (matching: NotifyMessage, before: [NotifyMessage]) {
        try await notify.receive(until: key, is: value, from: process)
    }

    /// SIGTERM, reading notifications (as systemd keeps doing) up to
    /// STOPPING=1, then expects exit status 0. For daemons with a watchdog:
    /// a supervisor that stopped reading would leave their pings queued.
    func stopWhileReading(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        process.signal(SIGTERM)
        _ = try await notification("STOPPING")
        let status = await process.waitForExit()
        if status != 0 {
            let output = (try? await process.stderrAfterExit()) ?? "(stderr went to a file)"
            Issue.record("\(process.command): exit status \(status) after SIGTERM; stderr:\n\(output)", sourceLocation: sourceLocation)
        }
    }

    /// The next notification, whatever it says; fails as soon as the daemon exits.
    func nextNotification() async throws -> NotifyMessage {
        try await notify.receive(until: { _ in true }, from: process).matching
    }

    /// SIGHUP once corridord handles it, then RELOADING=1 and READY=1.
    /// Returns the READY=1 message.
    @discardableResult
    func reload() async throws -> NotifyMessage {
        try await Harness.waitUntilHandled(SIGHUP, by: process)
        process.signal(SIGHUP)
        _ = try await notification("RELOADING")
        return try await notification("READY").matching
    }
}

enum Harness {
    /// Spawns corridord with NOTIFY_SOCKET pointing at a fresh NotifySocket in
    /// `scratch` and waits for READY=1. Kills the process if READY=1 never
    /// comes (it exited, or the safety timeout passed).
    /// `executable`: a wrapper that execs corridord (such as prlimit), whose
    /// arguments then name corridord; nil: corridord itself.
    static func startReady(
        executable: URL? = nil,
        _ arguments: [String],
        environment: [String: String] = [:],
        stderr: DaemonProcess.Stderr = .pipe,
        in scratch: TemporaryDirectory
    ) async throws -> ReadyDaemon {
        let notify = try NotifySocket(in: scratch)
        var environment = environment
        environment["NOTIFY_SOCKET"] = notify.path
        let process = try await DaemonProcess(executable: executable, arguments, environment: environment, stderr: stderr)
        do {
            let (ready, before) = try await firstReady(of: process, on: notify)
            return ReadyDaemon(process: process, notify: notify, ready: ready, beforeReady: before)
        } catch {
            process.kill()
            throw error
        }
    }

    /// READY=1 on `notify`, or an error as soon as the process exits first.
    static func firstReady(of process: DaemonProcess, on notify: NotifySocket) async throws -> (NotifyMessage, [NotifyMessage]) {
        try await notify.receive(until: "READY", from: process)
    }

    /// Whether the kernel shows `signal` as caught or ignored by `pid`
    /// (/proc/<pid>/status, SigCgt and SigIgn), i.e. it no longer has the
    /// default action, which for SIGHUP is to terminate.
    static func handles(_ signal: Int32, pid: pid_t) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        let bit = UInt64(1) << UInt64(signal - 1)
        for line in status.split(separator: "\n") where line.hasPrefix("SigCgt:") || line.hasPrefix("SigIgn:") {
            let hex = line.split(separator: "\t").last.map(String.init) ?? ""
            if let mask = UInt64(hex, radix: 16), mask & bit != 0 { return true }
        }
        return false
    }

    /// Waits until corridord has taken over `signal`. corridord sends
    /// READY=1 before its SIGHUP handler is installed (see
    /// ReloadTests.hangupRightAfterReady, which tests that contract), so the
    /// tests about what a reload does first wait for the handler, by
    /// checking the kernel's view of the process between yields; the
    /// window is a few milliseconds at most.
    static func waitUntilHandled(_ signal: Int32, by process: DaemonProcess) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + safetyTimeout
        while !handles(signal, pid: process.pid) {
            guard process.isRunning else { throw DaemonTestError("\(process.command) exited before handling signal \(signal)") }
            guard clock.now < deadline else { throw DaemonTestError("\(process.command) did not handle signal \(signal) within \(safetyTimeout)") }
            await Task.yield()
        }
    }

    /// SIGTERM, and expects exit status 0; a failure quotes the daemon's
    /// stderr (how far its shutdown got). Returns the status.
    @discardableResult
    static func stopCleanly(_ process: DaemonProcess, sourceLocation: SourceLocation = #_sourceLocation) async -> Int32 {
        let status = await stop(process)
        if status != 0 {
            let output = (try? await process.stderrAfterExit()) ?? "(stderr went to a file)"
            Issue.record("\(process.command): exit status \(status) after SIGTERM (137: still running after \(safetyTimeout), killed); stderr:\n\(output)", sourceLocation: sourceLocation)
        }
        return status
    }

    /// SIGTERM, then the exit status.
    static func stop(_ process: DaemonProcess) async -> Int32 {
        process.signal(SIGTERM)
        return await process.waitForExit()
    }

    /// System.Status over a fresh connection.
    static func status(at socketPath: String) async throws -> Corridor_V1_StatusResponse {
        let client = try await CorridorClient.connect(to: socketPath, configuration: .forTests)
        do {
            let status = try await client.status()
            await client.close()
            return status
        } catch {
            await client.close()
            throw error
        }
    }

    /// The lowest CPU this process may run on (Cpus_allowed_list), for taskset.
    static func firstAllowedCPU() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") } ?? ""
        let list = line.split(separator: "\t").last ?? ""
        return Int(list.prefix { $0.isNumber }) ?? 0
    }

    /// CLOCK_MONOTONIC in microseconds, the clock MONOTONIC_USEC= uses.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    static func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }
}

extension NotifySocket {
    private enum Event {
        case message(NotifyMessage)
        case exited(Int32)
        case failed(any Error)
        case cancelled
    }

    /// The next datagram, or the exit status if `process` exits first. A
    /// datagram and the exit can race; neither is lost.
    private func nextOrExit(of process: DaemonProcess) async -> Event {
        await withTaskGroup(of: Event.self) { group in
            group.addTask {
                do {
                    return .message(try await self.receive())
                } catch is CancellationError {
                    return .cancelled
                } catch {
                    return .failed(error)
                }
            }
            group.addTask { await process.exited().map(Event.exited) ?? .cancelled }
            var events: [Event] = []
            if let first = await group.next() { events.append(first) }
            group.cancelAll()
            while let event = await group.next() { events.append(event) }
            for case .message(let message) in events { return .message(message) }
            for case .exited(let status) in events { return .exited(status) }
            for case .failed(let error) in events { return .failed(error) }
            return .cancelled
        }
    }

    /// Datagrams up to and including the first that satisfies `predicate`;
    /// fails as soon as `process` exits without having sent it, quoting
    /// what it sent and its stderr, or once the safety timeout has passed.
    /// Bounded by time, not by a count: the socket keeps every datagram, and
    /// a daemon with a fast watchdog sends hundreds while a busy test reads.
    func receive(
        until predicate: (NotifyMessage) -> Bool, from process: DaemonProcess
    ) async throws -> (matching: NotifyMessage, before: [NotifyMessage]) {
        var before: [NotifyMessage] = []
        let deadline = ContinuousClock.now + safetyTimeout
        while ContinuousClock.now < deadline {
            switch await nextOrExit(of: process) {
            case .message(let message):
                if predicate(message) { return (message, before) }
                before.append(message)
            case .exited(let status):
                // What it sent before exiting is queued already.
                while let message = try nextQueued() {
                    if predicate(message) { return (message, before) }
                    before.append(message)
                }
                let output = (try? process.stderr.text) ?? "(stderr went to a file)"
                throw DaemonTestError(
                    "\(process.command) exited with status \(status) without the awaited notification; it sent \(before); stderr:\n\(output)"
                )
            case .failed(let error):
                throw error
            case .cancelled:
                throw CancellationError()
            }
        }
        throw DaemonTestError("\(before.count) notifications in \(safetyTimeout) without the awaited one; the last: \(before.suffix(5))")
    }

    func receive(until key: String, is value: String = "1", from process: DaemonProcess) async throws -> (matching: NotifyMessage, before: [NotifyMessage]) {
        try await receive(until: { $0[key] == value }, from: process)
    }
}

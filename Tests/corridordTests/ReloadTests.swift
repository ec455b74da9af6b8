import CorridorClient
import Foundation
import Glibc
import Testing

/// SIGHUP: RELOADING=1 with MONOTONIC_USEC=, the configuration file read
/// again, READY=1 — whether or not the new file is any good.
@Suite("corridord reload on SIGHUP")
struct ReloadTests {
    /// Sends SIGHUP and returns the RELOADING=1 and the READY=1 that must follow it.
    private func reload(_ daemon: ReadyDaemon) async throws -> (reloading: NotifyMessage, ready: NotifyMessage) {
        try await Harness.waitUntilHandled(SIGHUP, by: daemon.process)
        let before = Harness.monotonicMicroseconds()
        daemon.process.signal(SIGHUP)
        let (reloading, first) = try await daemon.notification("RELOADING")
        let after = Harness.monotonicMicroseconds()
        #expect(first.isEmpty, "before RELOADING=1: \(first)")
        let text = try #require(reloading["MONOTONIC_USEC"], "RELOADING=1 without MONOTONIC_USEC=: \(reloading)")
        let value = try #require(UInt64(text), "MONOTONIC_USEC=\(text) is not a number")
        // Not a timing assertion: CLOCK_MONOTONIC is one clock for both
        // processes, so the reload started between our two readings.
        #expect(before <= value && value <= after, "MONOTONIC_USEC=\(value) not within [\(before), \(after)]: wrong clock or unit")
        let (ready, second) = try await daemon.notification("READY")
        #expect(second.isEmpty, "between RELOADING=1 and READY=1: \(second)")
        return (reloading, ready)
    }

    /// systemd may send SIGHUP (ExecReload=kill -HUP $MAINPID, `systemctl
    /// reload`) as soon as READY=1 has made the unit active. Until corridord
    /// has installed its SIGHUP handler, SIGHUP's default action kills it.
    /// The window is narrow on an idle multi-core machine and wide on one
    /// CPU (a small VM, or a busy host), so the daemon is pinned to a single
    /// CPU with taskset(1), and several attempts are made.
    @Test("SIGHUP right after READY=1 reloads; it never kills corridord")
    func hangupRightAfterReady() async throws {
        let attempts = 24
        let taskset = try CorridordBinary.tool("taskset", hint: "It comes with Debian's util-linux package.")
        let corridord = try CorridordBinary.url()
        let cpu = Harness.firstAllowedCPU()
        let outcomes = try await withThrowingTaskGroup(of: String?.self) { group in
            for attempt in 0..<attempts {
                if attempt >= 1 { _ = try await group.next() }
                group.addTask {
                    let directory = try ScratchDirectory()
                    defer { directory.remove() }
                    let notify = try NotifySocket(in: directory)
                    let process = try DaemonProcess(
                        executable: taskset,
                        ["-c", "\(cpu)", corridord.path, "--socket", directory.file("d.sock"), "--data-dir", directory.file("data")],
                        environment: ["NOTIFY_SOCKET": notify.path],
                        // A file, not a pipe: no reader in this process wakes
                        // up on each log line and shifts the daemon's timing.
                        stderr: .file(directory.file("stderr.log"))
                    )
                    defer { process.kill() }
                    try await Self.hangUpOnReady(process, notify)
                    do {
                        _ = try await notify.receive(until: "RELOADING", from: process)
                        _ = try await notify.receive(until: "READY", from: process)
                    } catch {
                        let status = await process.waitForExit(timeout: .seconds(0))
                        return "attempt \(attempt): no RELOADING=1/READY=1; exit status \(status)"
                    }
                    let status = await Harness.stop(process)
                    return status == 0 ? nil : "attempt \(attempt): exit status \(status) after SIGTERM"
                }
            }
            var failures: [String] = []
            for try await outcome in group { if let outcome { failures.append(outcome) } }
            return failures
        }
        #expect(
            outcomes.isEmpty,
            """
            SIGHUP sent right after READY=1 went wrong in \(outcomes.count) of \(attempts) attempts \
            (exit status 129 = killed by SIGHUP: READY=1 came before the SIGHUP handler was installed):
            \(outcomes.joined(separator: "\n"))
            """
        )
    }

    /// Waits for READY=1 on a thread of its own and sends SIGHUP from that
    /// thread the moment it arrives, as quickly as a service manager would.
    private static func hangUpOnReady(_ process: DaemonProcess, _ notify: NotifySocket) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                do {
                    // The process cannot have been reaped before READY=1, so its pid is still its own.
                    _ = try notify.signalOnReady(pid: process.pid, signal: SIGHUP)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    @Test("a changed logLevel is applied and logged; RELOADING=1 then READY=1")
    func reloadAppliesLogLevel() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let config = scratch.file("corridord.json")
        try scratch.write("corridord.json", #"{"logLevel": "info"}"#)
        let socket = scratch.file("d.sock")
        let daemon = try await Harness.startReady(
            ["--config", config, "--socket", socket, "--data-dir", scratch.file("data")], in: scratch
        )
        defer { daemon.process.kill() }

        try scratch.write("corridord.json", #"{"logLevel": "debug"}"#)
        let (_, ready) = try await reload(daemon)
        #expect(ready["STATUS"]?.contains("configuration reloaded") == true, "\(ready)")

        let line = try await daemon.process.stderr.line(containing: "configuration reloaded")
        #expect(line.contains("logLevel=debug"), "\(line)")
        #expect(line.contains("file=\(config)"), "\(line)")

        // Still serving, on the same socket.
        #expect(try await Harness.status(at: socket).socketPath == socket)
        #expect(await Harness.stop(daemon.process) == 0)
    }

    @Test("a quieter logLevel silences info lines from then on")
    func reloadToQuieterLevel() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let config = scratch.file("corridord.json")
        try scratch.write("corridord.json", #"{"logLevel": "info"}"#)
        let daemon = try await Harness.startReady(
            ["--config", config, "--socket", scratch.file("d.sock"), "--data-dir", scratch.file("data")], in: scratch
        )
        defer { daemon.process.kill() }
        _ = try await daemon.process.stderr.line(containing: "ready")

        try scratch.write("corridord.json", #"{"logLevel": "warning"}"#)
        let (_, ready) = try await reload(daemon)
        #expect(ready["STATUS"]?.contains("configuration reloaded") == true, "\(ready)")

        #expect(await Harness.stop(daemon.process) == 0)
        let stderr = try await daemon.process.stderrAfterExit()
        // "configuration reloaded" (notice), "stopping" and "stopped serving"
        // (info) are all below warning now.
        for quiet in ["configuration reloaded", "stopping", "stopped serving"] {
            #expect(!stderr.contains(quiet), "'\(quiet)' logged at level warning:\n\(stderr)")
        }
    }

    @Test("--log-level on the command line outlasts a reload")
    func commandLineLevelWins() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let config = scratch.file("corridord.json")
        try scratch.write("corridord.json", #"{"logLevel": "error"}"#)
        let daemon = try await Harness.startReady(
            ["--config", config, "--log-level", "debug", "--socket", scratch.file("d.sock"), "--data-dir", scratch.file("data")],
            in: scratch
        )
        defer { daemon.process.kill() }
        try scratch.write("corridord.json", #"{"logLevel": "critical"}"#)
        _ = try await reload(daemon)
        let line = try await daemon.process.stderr.line(containing: "configuration reloaded")
        #expect(line.contains("logLevel=debug"), "\(line)")
        #expect(await Harness.stop(daemon.process) == 0)
    }

    struct BrokenFile: CustomTestStringConvertible, Sendable {
        let name: String
        /// nil: the file is deleted.
        let contents: String?
        /// What the error line must say besides the file name.
        let problem: String
        var testDescription: String { name }
    }

    static let brokenFiles = [
        BrokenFile(name: "invalid JSON", contents: "{ \"logLevel\": ", problem: "not valid JSON"),
        BrokenFile(name: "unknown log level", contents: #"{"logLevel": "loud"}"#, problem: "logLevel"),
        BrokenFile(name: "frame limit too small", contents: #"{"limits": {"maxFrameBytes": 10}}"#, problem: "limits.maxFrameBytes"),
        BrokenFile(name: "file deleted", contents: nil, problem: "cannot read"),
    ]

    @Test("a broken file fails the reload: the daemon keeps serving and still sends READY=1", arguments: brokenFiles)
    func reloadFailureKeepsServing(_ broken: BrokenFile) async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let config = scratch.file("corridord.json")
        try scratch.write("corridord.json", #"{"logLevel": "info"}"#)
        let socket = scratch.file("d.sock")
        let daemon = try await Harness.startReady(
            ["--config", config, "--socket", socket, "--data-dir", scratch.file("data")], in: scratch
        )
        defer { daemon.process.kill() }

        if let contents = broken.contents {
            try scratch.write("corridord.json", contents)
        } else {
            try FileManager.default.removeItem(atPath: config)
        }
        let (_, ready) = try await reload(daemon)
        #expect(ready["STATUS"]?.contains("reload failed") == true, "\(ready)")

        let line = try await daemon.process.stderr.line(containing: "reload failed")
        #expect(line.contains(" error "), "not logged as an error: \(line)")
        #expect(line.contains(config), "the error does not name the file: \(line)")
        #expect(line.contains(broken.problem), "the error does not say '\(broken.problem)': \(line)")
        #expect(try await Harness.status(at: socket).socketPath == socket)

        // The previous configuration stays; a good file later is taken.
        try scratch.write("corridord.json", #"{"logLevel": "debug"}"#)
        _ = try await reload(daemon)
        let reloaded = try await daemon.process.stderr.line(containing: "configuration reloaded")
        #expect(reloaded.contains("logLevel=debug"), "\(reloaded)")
        #expect(await Harness.stop(daemon.process) == 0)
    }

    @Test("a new socket or data directory in the file waits for a restart")
    func socketChangeNeedsRestart() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let config = scratch.file("corridord.json")
        let first = scratch.file("first.sock")
        let second = scratch.file("second.sock")
        let data = scratch.file("data")
        try scratch.write("corridord.json", try Harness.json(["socket": first, "dataDirectory": data]))
        let daemon = try await Harness.startReady(["--config", config], in: scratch)
        defer { daemon.process.kill() }
        #expect(try await Harness.status(at: first).socketPath == first)

        try scratch.write("corridord.json", try Harness.json(["socket": second, "dataDirectory": scratch.file("other")]))
        _ = try await reload(daemon)
        let warning = try await daemon.process.stderr.line(containing: "only at restart")
        #expect(warning.contains("warning"), "\(warning)")
        let status = try await Harness.status(at: first)
        #expect(status.socketPath == first)
        #expect(status.dataDirectory == data)
        #expect(UnixSocket.kind(second) == "missing")
        #expect(await Harness.stop(daemon.process) == 0)
        #expect(UnixSocket.kind(first) == "missing")
    }
}

import CorridorClient
import CorridorTestSupport
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
    /// reload`) as soon as READY=1 has made the unit active; so by the time
    /// corridord sends READY=1 it must handle SIGHUP, whose default action
    /// is to terminate. Each attempt checks the kernel's view of the daemon
    /// (/proc/<pid>/status, SigCgt/SigIgn) the moment READY=1 arrives, then
    /// sends SIGHUP and expects a reload.
    ///
    /// To look at the daemon as close as possible to how it was when it sent
    /// READY=1, it runs pinned to one CPU (taskset), and the thread that
    /// waits for READY=1 is pinned to the same CPU, so that, woken by the
    /// datagram, it usually preempts the daemon before it runs on. That only
    /// makes a late handler likely to be seen; it cannot make a correct
    /// daemon fail: one that installs its handler before READY=1 passes
    /// every attempt, however the threads are scheduled.
    @Test("by READY=1 corridord handles SIGHUP: a reload right away never kills it")
    func hangupRightAfterReady() async throws {
        let attempts = 24
        let taskset = try CorridordBinary.tool("taskset", hint: "It comes with Debian's util-linux package.")
        let corridord = try CorridordBinary.url()
        let cpu = Harness.firstAllowedCPU()
        var failures: [String] = []
        for attempt in 1...attempts {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let notify = try NotifySocket(in: directory)
            let process = try await DaemonProcess(
                executable: taskset,
                ["-c", "\(cpu)", corridord.path,
                 "--socket", directory.file("d.sock"), "--data-dir", directory.file("data")],
                environment: ["NOTIFY_SOCKET": notify.path],
                stderr: .file(directory.file("stderr.log"))
            )
            defer { process.kill() }
            let handledAtReady = try await notify.signalOnReady(process, signal: SIGHUP, cpu: cpu).handledAtReady
            var failure: [String] = []
            if !handledAtReady { failure.append("SIGHUP still had its default action (terminate) when READY=1 arrived") }
            do {
                _ = try await notify.receive(until: "RELOADING", from: process)
                _ = try await notify.receive(until: "READY", from: process)
                let status = await Harness.stop(process)
                if status != 0 { failure.append("exit status \(status) after SIGTERM") }
            } catch {
                let status = await process.waitForExit()
                failure.append("no RELOADING=1 and READY=1 after SIGHUP; exit status \(status)\(status == 128 + SIGHUP ? " (killed by SIGHUP)" : "")")
            }
            if !failure.isEmpty { failures.append("attempt \(attempt): " + failure.joined(separator: "; ")) }
        }
        #expect(
            failures.isEmpty,
            """
            READY=1 came before corridord handled SIGHUP in \(failures.count) of \(attempts) attempts; \
            a reload requested then kills it:
            \(failures.joined(separator: "\n"))
            """
        )
    }

    @Test("a changed logLevel is applied and logged; RELOADING=1 then READY=1")
    func reloadAppliesLogLevel() async throws {
        let scratch = try TemporaryDirectory()
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
        await Harness.stopCleanly(daemon.process)
    }

    @Test("a quieter logLevel silences info lines from then on")
    func reloadToQuieterLevel() async throws {
        let scratch = try TemporaryDirectory()
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

        await Harness.stopCleanly(daemon.process)
        let stderr = try await daemon.process.stderrAfterExit()
        // "configuration reloaded" (notice), "stopping" and "stopped serving"
        // (info) are all below warning now.
        for quiet in ["configuration reloaded", "stopping", "stopped serving"] {
            #expect(!stderr.contains(quiet), "'\(quiet)' logged at level warning:\n\(stderr)")
        }
    }

    @Test("--log-level on the command line outlasts a reload")
    func commandLineLevelWins() async throws {
        let scratch = try TemporaryDirectory()
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
        await Harness.stopCleanly(daemon.process)
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
        let scratch = try TemporaryDirectory()
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
        await Harness.stopCleanly(daemon.process)
    }

    @Test("a new socket or data directory in the file waits for a restart")
    func socketChangeNeedsRestart() async throws {
        let scratch = try TemporaryDirectory()
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
        await Harness.stopCleanly(daemon.process)
        #expect(UnixSocket.kind(first) == "missing")
    }
}

import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// corridord as systemd sees it (Type=notify): READY=1 once it serves,
/// STOPPING=1 and a clean exit on SIGTERM/SIGINT, WATCHDOG=1 pings; and as a
/// user sees it without systemd.
@Suite("corridord lifecycle")
struct LifecycleTests {
    @Test("READY=1 (with STATUS=) comes when the socket exists and answers System.Status")
    func readyMeansServing() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("d.sock")
        let data = scratch.file("data")
        let daemon = try await Harness.startReady(["--socket", socket, "--data-dir", data], in: scratch)
        defer { daemon.process.kill() }

        // Checked before anything else happens: the moment READY=1 arrives.
        #expect(UnixSocket.kind(socket) == "socket", "READY=1 was sent before \(socket) existed")
        // Progress reports (recovering the store) may come first; nothing else.
        #expect(
            daemon.beforeReady.allSatisfy { Set($0.fields.keys).isSubset(of: ["STATUS", "EXTEND_TIMEOUT_USEC"]) },
            "notifications before READY=1: \(daemon.beforeReady)"
        )
        let status = try #require(daemon.ready["STATUS"], "READY=1 without STATUS=: \(daemon.ready)")
        #expect(status.contains(socket), "STATUS=\(status)")

        let reply = try await Harness.status(at: socket)
        #expect(reply.socketPath == socket)
        #expect(reply.dataDirectory == data)
        #expect(reply.pid == UInt32(daemon.process.pid))
        #expect(reply.serverVersion == CorridorVersion.string)
        #expect(reply.serverName == "corridord")

        // Defaults: socket 0660, data directory created 0700.
        #expect(UnixSocket.mode(socket) == 0o660, "socket mode \(String(UnixSocket.mode(socket) ?? 0, radix: 8))")
        #expect(UnixSocket.kind(data) == "directory")
        #expect(UnixSocket.mode(data) == 0o700, "data directory mode \(String(UnixSocket.mode(data) ?? 0, radix: 8))")

        await Harness.stopCleanly(daemon.process)
    }

    @Test("a shutdown signal gives STOPPING=1, exit status 0 and removes the socket file", arguments: [SIGTERM, SIGINT])
    func shutdownSignal(_ signal: Int32) async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("d.sock")
        let daemon = try await Harness.startReady(["--socket", socket, "--data-dir", scratch.file("data")], in: scratch)
        defer { daemon.process.kill() }
        _ = try await Harness.status(at: socket)

        daemon.process.signal(signal)
        let (stopping, before) = try await daemon.notification("STOPPING")
        #expect(before.isEmpty, "between READY=1 and STOPPING=1: \(before)")
        #expect(stopping["STATUS"]?.isEmpty == false, "STOPPING=1 without STATUS=: \(stopping)")

        let exitStatus = await daemon.process.waitForExit()
        let stderr = try await daemon.process.stderrAfterExit()
        #expect(exitStatus == 0, "exit status \(exitStatus) after signal \(signal); stderr:\n\(stderr)")
        #expect(UnixSocket.kind(socket) == "missing", "\(socket) left behind after a clean stop")
        #expect(stderr.contains("stopped serving"), "\(stderr)")
    }

    @Test("WATCHDOG_USEC without WATCHDOG_PID: WATCHDOG=1 pings follow READY=1")
    func watchdogPings() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await Harness.startReady(
            ["--socket", scratch.file("d.sock"), "--data-dir", scratch.file("data")],
            environment: ["WATCHDOG_USEC": "200000"], in: scratch
        )
        defer { daemon.process.kill() }

        // Two pings prove a loop, not a single send after READY=1.
        for _ in 0..<2 {
            let (ping, before) = try await daemon.notification("WATCHDOG")
            // Between pings only STATUS= updates are expected.
            #expect(before.allSatisfy { $0.fields.keys.sorted() == ["STATUS"] }, "\(before)")
            #expect(ping.fields.keys.sorted() == ["STATUS", "WATCHDOG"], "\(ping)")
        }
        try await daemon.stopWhileReading()
    }

    /// Each round of the watchdog loop sends WATCHDOG=1 and then a STATUS=
    /// line. A supervisor that reads every datagram at once leaves nothing
    /// queued, so nothing may be dropped: every round's STATUS= must come
    /// with that round's WATCHDOG=1. Counted in order, not timed; but the
    /// meaning is that of WatchdogSec=: systemd kills a service whose pings
    /// stop for a whole WATCHDOG_USEC.
    @Test("a supervisor that reads at once gets a WATCHDOG=1 in every round")
    func noPingDropped() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await Harness.startReady(
            ["--socket", scratch.file("d.sock"), "--data-dir", scratch.file("data")],
            environment: ["WATCHDOG_USEC": "20000"], in: scratch
        )
        defer { daemon.process.kill() }
        // Each round is one datagram, WATCHDOG=1 with its STATUS= line.
        let rounds = 60
        var seen: [String] = []
        while seen.filter({ $0.contains("STATUS") }).count < rounds {
            seen.append(try await daemon.nextNotification().fields.keys.sorted().joined(separator: "+"))
        }
        let pings = seen.filter { $0.contains("WATCHDOG") }.count
        #expect(pings == rounds, "\(rounds) rounds (STATUS= lines) but \(pings) WATCHDOG=1, in order: \(seen.joined(separator: " "))")
        try await daemon.stopWhileReading()
    }

    @Test("WATCHDOG_PID naming corridord itself enables the watchdog")
    func watchdogForOwnPid() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let notify = try NotifySocket(in: scratch)
        let corridord = try CorridordBinary.url()
        // The shell's pid is the daemon's pid once it execs, so WATCHDOG_PID
        // can name the daemon before it starts, as systemd does.
        let daemon = try await DaemonProcess(
            executable: URL(fileURLWithPath: "/bin/sh"),
            ["-c", "WATCHDOG_PID=$$; export WATCHDOG_PID; exec \"$0\" \"$@\"", corridord.path,
             "--socket", scratch.file("d.sock"), "--data-dir", scratch.file("data")],
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "200000"]
        )
        defer { daemon.kill() }
        _ = try await Harness.firstReady(of: daemon, on: notify)
        let (ping, _) = try await notify.receive(until: "WATCHDOG", from: daemon)
        #expect(ping["WATCHDOG"] == "1")
        daemon.signal(SIGTERM)
        _ = try await notify.receive(until: "STOPPING", from: daemon)
        #expect(await daemon.waitForExit() == 0)
    }

    @Test("WATCHDOG_PID naming another process: no WATCHDOG=1")
    func watchdogForOtherPid() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await Harness.startReady(
            ["--socket", scratch.file("d.sock"), "--data-dir", scratch.file("data")],
            environment: ["WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1"], in: scratch
        )
        defer { daemon.process.kill() }
        // With the watchdog (wrongly) on, the first ping follows READY=1 at
        // once, before SIGTERM gets there; so it would show up here.
        daemon.process.signal(SIGTERM)
        let (_, before) = try await daemon.notification("STOPPING")
        #expect(!before.contains { $0["WATCHDOG"] != nil }, "\(before)")
        #expect(await daemon.process.waitForExit() == 0)
    }

    @Test("without NOTIFY_SOCKET it starts, serves and stops quietly")
    func unsupervised() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("d.sock")
        let daemon = try await DaemonProcess(["--socket", socket, "--data-dir", scratch.file("data")])
        defer { daemon.kill() }
        _ = try await daemon.stderr.line(containing: "ready")

        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        #expect(try await client.ping(payload: [1, 2, 3]) == [1, 2, 3])
        #expect(try await client.checkHealth() == .serving)
        await client.close()

        await Harness.stopCleanly(daemon)
        let stderr = try await daemon.stderrAfterExit()
        #expect(!stderr.contains("critical"), "\(stderr)")
        #expect(!stderr.contains(" error "), "\(stderr)")
    }

    @Test("--version prints 0.1.0 and exits 0")
    func version() async throws {
        let process = try await DaemonProcess(["--version"])
        defer { process.kill() }
        #expect(await process.waitForExit() == 0)
        let output = try await process.stdout.untilEOF()
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0", "\(output)")
    }

    @Test("--help exits 0 and documents --socket")
    func help() async throws {
        let process = try await DaemonProcess(["--help"])
        defer { process.kill() }
        #expect(await process.waitForExit() == 0)
        let output = try await process.stdout.untilEOF() + (try await process.stderr.untilEOF())
        #expect(output.contains("--socket"), "\(output)")
        #expect(output.contains("--config"), "\(output)")
    }
}

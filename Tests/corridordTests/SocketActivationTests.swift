import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// Socket activation through systemd's own tool. systemd-socket-activate
/// (systemd 252) binds and listens on the -l path, prints "Listening on
/// <path> as 3.", and on the first connection attempt execs the daemon in
/// its own process (same pid) with the socket as fd 3, LISTEN_FDS=1 and
/// LISTEN_PID=<pid>. It passes on only TERM, PATH, USER and HOME, plus what
/// -E names. The connection that woke it stays queued until corridord accepts.
@Suite("corridord socket activation")
struct SocketActivationTests {
    static func socketActivate() throws -> URL {
        try CorridordBinary.tool(
            "systemd-socket-activate",
            hint: "It comes with Debian's `systemd` package, which the Makefile's deps-test target installs (make test)."
        )
    }

    @Test("corridord serves the socket systemd-socket-activate passes it")
    func servesInheritedSocket() async throws {
        let activate = try Self.socketActivate()
        let corridord = try CorridordBinary.url()
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let notify = try NotifySocket(in: scratch)
        let socket = scratch.file("s.sock")
        let data = scratch.file("data")
        let process = try await DaemonProcess(
            executable: activate,
            ["-l", socket, "-E", "NOTIFY_SOCKET=\(notify.path)", corridord.path, "--data-dir", data]
        )
        defer { process.kill() }
        _ = try await process.stderr.line(containing: "Listening on \(socket)")

        // This connection is what makes systemd-socket-activate exec corridord.
        let status = try await Harness.status(at: socket)
        #expect(status.socketPath == socket)
        #expect(status.dataDirectory == data)
        #expect(status.pid == UInt32(process.pid), "corridord should run in the activator's process")

        let (ready, _) = try await Harness.firstReady(of: process, on: notify)
        #expect(ready["STATUS"]?.contains(socket) == true, "\(ready)")
        let starting = try await process.stderr.line(containing: "starting")
        #expect(starting.contains("socketActivated=true"), "\(starting)")
        #expect(starting.contains("socket=\(socket)"), "\(starting)")

        process.signal(SIGTERM)
        _ = try await notify.receive(until: "STOPPING", from: process)
        let exitStatus = await process.waitForExit()
        let stderr = try await process.stderrAfterExit()
        #expect(exitStatus == 0, "exit status \(exitStatus):\n\(stderr)")
        // The socket belongs to whoever passed it (corridord.socket under
        // systemd): corridord must not remove its file.
        #expect(UnixSocket.kind(socket) == "socket", "corridord removed the socket file it was given")
    }

    @Test("two inherited sockets are refused with a clear message")
    func refusesTwoSockets() async throws {
        let activate = try Self.socketActivate()
        let corridord = try CorridordBinary.url()
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let first = scratch.file("a.sock")
        let second = scratch.file("b.sock")
        let process = try await DaemonProcess(
            executable: activate, ["-l", first, "-l", second, corridord.path, "--data-dir", scratch.file("data")]
        )
        defer { process.kill() }
        _ = try await process.stderr.line(containing: "Listening on \(second)")
        let connection = try UnixSocket.connect(first)
        defer { close(connection) }

        let exitStatus = await process.waitForExit()
        let stderr = try await process.stderrAfterExit()
        #expect(exitStatus != 0 && exitStatus < 128, "exit status \(exitStatus):\n\(stderr)")
        #expect(stderr.contains("2 sockets"), "\(stderr)")
    }

    @Test("an inherited datagram socket is refused")
    func refusesDatagramSocket() async throws {
        let activate = try Self.socketActivate()
        let corridord = try CorridordBinary.url()
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("d.sock")
        let process = try await DaemonProcess(
            executable: activate, ["--datagram", "-l", socket, corridord.path, "--data-dir", scratch.file("data")]
        )
        defer { process.kill() }
        _ = try await process.stderr.line(containing: "Listening on \(socket)")

        // A datagram is the "communication attempt" that triggers the exec.
        let sender = datagramSocket()
        defer { close(sender) }
        var address = try UnixSocket.address(socket)
        var byte: UInt8 = 0
        let sent = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(sender, &byte, 1, 0, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(sent == 1, "sendto failed: errno \(errno)")

        let exitStatus = await process.waitForExit()
        let stderr = try await process.stderrAfterExit()
        #expect(exitStatus != 0 && exitStatus < 128, "exit status \(exitStatus):\n\(stderr)")
        #expect(stderr.contains("not a listening AF_UNIX stream socket"), "\(stderr)")
    }
}

private func datagramSocket() -> Int32 {
    socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
}

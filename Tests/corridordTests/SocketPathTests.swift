import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// Taking the socket path: a dead daemon's leftover is replaced, a live
/// daemon is never displaced, anything else is refused by name.
@Suite("corridord socket path")
struct SocketPathTests {
    @Test("a stale socket file (bound, never unlinked) is replaced")
    func staleSocketReplaced() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("d.sock")
        // What a daemon killed with SIGKILL leaves: the file, nobody listening.
        let leftover = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(leftover >= 0)
        try UnixSocket.bind(leftover, to: socket)
        close(leftover)
        try #require(UnixSocket.kind(socket) == "socket")

        let daemon = try await Harness.startReady(["--socket", socket, "--data-dir", scratch.file("data")], in: scratch)
        defer { daemon.process.kill() }
        let status = try await Harness.status(at: socket)
        #expect(status.socketPath == socket)
        #expect(status.pid == UInt32(daemon.process.pid))
        await Harness.stopCleanly(daemon.process)
    }

    @Test("a second corridord on a live daemon's socket exits non-zero and names the path")
    func liveDaemonNotDisplaced() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("d.sock")
        let first = try await Harness.startReady(["--socket", socket, "--data-dir", scratch.file("data1")], in: scratch)
        defer { first.process.kill() }

        let second = try await DaemonProcess(["--socket", socket, "--data-dir", scratch.file("data2")])
        defer { second.kill() }
        let exitStatus = await second.waitForExit()
        let stderr = try await second.stderrAfterExit()
        #expect(exitStatus != 0 && exitStatus < 128, "exit status \(exitStatus):\n\(stderr)")
        #expect(stderr.contains("already listening"), "\(stderr)")
        #expect(stderr.contains(socket), "\(stderr)")

        // The first one is untouched and still owns the path.
        let status = try await Harness.status(at: socket)
        #expect(status.pid == UInt32(first.process.pid))
        await Harness.stopCleanly(first.process)
    }

    @Test("a regular file at the socket path is refused and left alone")
    func regularFileRefused() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("d.sock")
        try scratch.write("d.sock", "precious")

        let daemon = try await DaemonProcess(["--socket", socket, "--data-dir", scratch.file("data")])
        defer { daemon.kill() }
        let exitStatus = await daemon.waitForExit()
        let stderr = try await daemon.stderrAfterExit()
        #expect(exitStatus != 0 && exitStatus < 128, "exit status \(exitStatus):\n\(stderr)")
        #expect(stderr.contains("is not a socket"), "\(stderr)")
        #expect(stderr.contains(socket), "\(stderr)")
        #expect((try? String(contentsOfFile: socket, encoding: .utf8)) == "precious")
    }

    // Issue 8, finding 3: a socket directory someone else could write (or
    // had made first) was used as it was.
    @Test("a socket directory others may write is refused at start, naming path, owner and mode", arguments: [0o777, 0o770, 0o1777] as [mode_t])
    func writableSocketDirectoryRefused(mode: mode_t) async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let directory = scratch.file("shared")
        try #require(mkdir(directory, 0o700) == 0 && chmod(directory, mode) == 0)
        let socket = directory + "/d.sock"
        let daemon = try await DaemonProcess(["--socket", socket, "--data-dir", scratch.file("data")])
        defer { daemon.kill() }
        let exitStatus = await daemon.waitForExit()
        let stderr = try await daemon.stderrAfterExit()
        #expect(exitStatus != 0 && exitStatus < 128, "exit status \(exitStatus):\n\(stderr)")
        #expect(stderr.contains("the socket directory \(directory)"), "\(stderr)")
        #expect(stderr.contains("owner uid \(geteuid())"), "\(stderr)")
        #expect(stderr.contains("mode 0" + String(mode, radix: 8)), "\(stderr)")
        #expect(UnixSocket.kind(socket) == "missing")
    }

    @Test("a missing socket directory is created 0750 for the group-shared default mode, and checked")
    func socketDirectoryCreatedPrivate() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let directory = scratch.file("run/corridor")
        let daemon = try await Harness.startReady(["--socket", directory + "/d.sock", "--data-dir", scratch.file("data")], in: scratch)
        defer { daemon.process.kill() }
        #expect(UnixSocket.mode(directory) == 0o750)
        #expect(UnixSocket.mode(directory + "/d.sock") == 0o660)
        await Harness.stopCleanly(daemon.process)
    }

    @Test("a socket path longer than AF_UNIX allows is refused by name")
    func pathTooLong() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file(String(repeating: "s", count: 110) + ".sock")
        let daemon = try await DaemonProcess(["--socket", socket, "--data-dir", scratch.file("data")])
        defer { daemon.kill() }
        let exitStatus = await daemon.waitForExit()
        let stderr = try await daemon.stderrAfterExit()
        #expect(exitStatus != 0 && exitStatus < 128, "exit status \(exitStatus):\n\(stderr)")
        #expect(stderr.contains("107"), "\(stderr)")
        #expect(stderr.contains(socket), "\(stderr)")
    }
}

/// Where the socket and the data go: flags > CORRIDOR_SOCKET > the
/// configuration file > systemd's directories > defaults.
@Suite("corridord path precedence")
struct PathPrecedenceTests {
    @Test("CORRIDOR_SOCKET is used when --socket is not given")
    func environmentSocket() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("env.sock")
        let daemon = try await Harness.startReady(
            ["--data-dir", scratch.file("data")], environment: ["CORRIDOR_SOCKET": socket], in: scratch
        )
        defer { daemon.process.kill() }
        #expect(try await Harness.status(at: socket).socketPath == socket)
        await Harness.stopCleanly(daemon.process)
    }

    @Test("--socket overrides CORRIDOR_SOCKET")
    func flagBeatsEnvironment() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let flag = scratch.file("flag.sock")
        let environment = scratch.file("env.sock")
        let daemon = try await Harness.startReady(
            ["--socket", flag, "--data-dir", scratch.file("data")], environment: ["CORRIDOR_SOCKET": environment], in: scratch
        )
        defer { daemon.process.kill() }
        #expect(try await Harness.status(at: flag).socketPath == flag)
        #expect(UnixSocket.kind(environment) == "missing")
        await Harness.stopCleanly(daemon.process)
    }

    @Test("CORRIDOR_SOCKET overrides the file's socket; --data-dir overrides the file's dataDirectory")
    func environmentAndFlagBeatFile() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let fileSocket = scratch.file("file.sock")
        let environment = scratch.file("env.sock")
        let data = scratch.file("flag-data")
        try scratch.write("c.json", try Harness.json(["socket": fileSocket, "dataDirectory": scratch.file("file-data")]))
        let daemon = try await Harness.startReady(
            ["--config", scratch.file("c.json"), "--data-dir", data],
            environment: ["CORRIDOR_SOCKET": environment], in: scratch
        )
        defer { daemon.process.kill() }
        let status = try await Harness.status(at: environment)
        #expect(status.socketPath == environment)
        #expect(status.dataDirectory == data)
        #expect(UnixSocket.kind(fileSocket) == "missing")
        #expect(UnixSocket.kind(scratch.file("file-data")) == "missing")
        await Harness.stopCleanly(daemon.process)
    }

    @Test("the file's socket, dataDirectory and socketMode are used when nothing overrides them")
    func fileSettings() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("file.sock")
        let data = scratch.file("file-data")
        try scratch.write("c.json", try Harness.json(["socket": socket, "dataDirectory": data, "socketMode": "0600"]))
        // An empty CORRIDOR_SOCKET counts as unset.
        let daemon = try await Harness.startReady(
            ["--config", scratch.file("c.json")], environment: ["CORRIDOR_SOCKET": ""], in: scratch
        )
        defer { daemon.process.kill() }
        let status = try await Harness.status(at: socket)
        #expect(status.socketPath == socket)
        #expect(status.dataDirectory == data)
        #expect(UnixSocket.mode(socket) == 0o600, "socket mode \(String(UnixSocket.mode(socket) ?? 0, radix: 8))")
        await Harness.stopCleanly(daemon.process)
    }

    @Test("under systemd: RUNTIME_DIRECTORY, STATE_DIRECTORY and CONFIGURATION_DIRECTORY/corridord.json")
    func systemdDirectories() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let runtime = scratch.file("run")
        let state = scratch.file("state")
        let configuration = scratch.file("etc")
        try FileManager.default.createDirectory(atPath: configuration, withIntermediateDirectories: true)
        try #"{"logLevel": "debug"}"#.write(toFile: configuration + "/corridord.json", atomically: true, encoding: .utf8)
        let daemon = try await Harness.startReady([], environment: [
            // systemd passes colon-separated lists when a unit names several.
            "RUNTIME_DIRECTORY": runtime + ":" + scratch.file("run2"),
            "STATE_DIRECTORY": state,
            "CONFIGURATION_DIRECTORY": configuration,
        ], in: scratch)
        defer { daemon.process.kill() }
        let socket = runtime + "/corridord.sock"
        let status = try await Harness.status(at: socket)
        #expect(status.socketPath == socket)
        #expect(status.dataDirectory == state)

        // The file was found: a reload says which file and its level.
        try await daemon.reload()
        let line = try await daemon.process.stderr.line(containing: "configuration reloaded")
        #expect(line.contains("file=\(configuration)/corridord.json"), "\(line)")
        #expect(line.contains("logLevel=debug"), "\(line)")
        await Harness.stopCleanly(daemon.process)
    }
}

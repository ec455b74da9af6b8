import Foundation
import Glibc
import Synchronization

/// A real PostgreSQL for tests, private to one test or suite: Debian's
/// server binaries (the newest under /usr/lib/postgresql/*/bin; `make test`
/// installs the package), a cluster made by initdb in a temporary directory,
/// listening on a Unix socket in that directory and on 127.0.0.1 at a free
/// port, with the superuser `corridor` (trust authentication) and a
/// database `corridor`. initdb and postgres refuse to run as root, so as
/// root they run as `nobody` (setpriv), in a directory handed to nobody.
///
/// `PostgresTestCluster.with { … }` stops the server and removes the
/// directory whether the body returns or throws. Nothing waits by sleeping:
/// the server is ready when it logs so, stopped when it has exited.
public final class PostgresTestCluster: Sendable {
    /// The superuser initdb makes, and the database the cluster starts with.
    public static let user = "corridor"
    public static let database = "corridor"

    public let directory: TemporaryDirectory
    private let binaries: String
    private let asNobody: Bool
    private struct State {
        var port: Int
        var server: RunningProcess?
    }
    private let state: Mutex<State>

    /// The data directory (initdb's -D).
    public var dataDirectory: String { directory.file("data") }
    /// Where the server's socket `.s.PGSQL.<port>` is.
    public var socketDirectory: String { directory.file("s") }
    public var port: Int { state.withLock { $0.port } }
    public var isRunning: Bool { state.withLock { $0.server?.isRunning ?? false } }

    /// Makes a cluster, starts it and creates the database `corridor`.
    public static func start() async throws -> PostgresTestCluster {
        let binaries = try serverBinaries()
        await reapOrphans()
        let directory = try TemporaryDirectory()
        do {
            let cluster = try PostgresTestCluster(directory: directory, binaries: binaries)
            try await cluster.initialize()
            try await cluster.start()
            try await cluster.run("createdb", ["-h", cluster.socketDirectory, "-p", String(cluster.port), "-U", user, database])
            return cluster
        } catch {
            directory.remove()
            throw error
        }
    }

    /// A cluster for `body`, stopped and removed afterwards even when `body` throws.
    public static func with<T>(_ body: (PostgresTestCluster) async throws -> T) async throws -> T {
        let cluster = try await start()
        do {
            let result = try await body(cluster)
            await cluster.destroy()
            return result
        } catch {
            await cluster.destroy()
            throw error
        }
    }

    private init(directory: TemporaryDirectory, binaries: String) throws {
        self.directory = directory
        self.binaries = binaries
        self.asNobody = getuid() == 0
        self.state = Mutex(State(port: try Self.freePort(), server: nil))
        try FileManager.default.createDirectory(atPath: directory.file("s"), withIntermediateDirectories: false)
        try directory.write(Self.ownerFile, "\(getpid())\n")
        if asNobody {
            for path in [directory.path, directory.file("s")] {
                guard chown(path, Self.nobody.uid, Self.nobody.gid) == 0 else {
                    throw TestSupportError("cannot hand \(path) to nobody for PostgreSQL: errno \(errno)")
                }
            }
        }
    }

    /// The URL of `database` through the Unix socket, as libpq writes it.
    public func socketURL(database: String = PostgresTestCluster.database) -> String {
        "postgresql://\(Self.user)@/\(database)?host=\(socketDirectory)&port=\(port)"
    }

    /// The URL of `database` over TCP on 127.0.0.1 (sslmode left at prefer:
    /// this server offers no TLS, so the connection falls back to plain).
    public func tcpURL(database: String = PostgresTestCluster.database) -> String {
        "postgresql://\(Self.user)@127.0.0.1:\(port)/\(database)"
    }

    /// Starts the server on the cluster's directory (again after `stop` or
    /// `kill`); returns once it accepts connections. After a `kill`, the
    /// old server's backends may hold its shared memory for a moment, so a
    /// start they refuse is tried again, within a bound.
    public func start() async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        var attempt = 0
        while true {
            attempt += 1
            let server = try await RunningProcess(executable: launcher, arguments(for: "postgres", [
                "-D", dataDirectory, "-k", socketDirectory, "-h", "127.0.0.1", "-p", String(port),
                "-c", "fsync=on", "-c", "shared_buffers=16MB", "-c", "max_connections=60",
            ]))
            do {
                _ = try await server.stderr.line(containing: "database system is ready to accept connections", timeout: .seconds(120))
                state.withLock { $0.server = server }
                return
            } catch {
                server.kill()
                await server.waitForExit()
                let said = (try? server.stderr.text) ?? ""
                guard ContinuousClock.now < deadline, attempt < 50 else {
                    throw TestSupportError("PostgreSQL did not start after \(attempt) attempts; it said:\n\(said)")
                }
                if said.contains("could not bind") || said.contains("could not create any TCP/IP sockets") {
                    let port = try Self.freePort()
                    state.withLock { $0.port = port }
                }
                // A pause between attempts while the old backends exit; the
                // attempt itself is what tells whether they have.
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// Fast shutdown (SIGINT: running transactions are rolled back, the
    /// data is checkpointed); returns once the server has exited.
    public func stop() async {
        guard let server = state.withLock({ state in defer { state.server = nil }; return state.server }) else { return }
        server.signal(SIGINT)
        await server.waitForExit(timeout: .seconds(120))
    }

    /// Waits for the server to exit by itself (or by someone else's
    /// signal) and returns its status; nil when none was started. Killed
    /// after RunningProcess's safety timeout, so a 137 means it never did.
    public func serverExit() async -> Int32? {
        guard let server = state.withLock({ $0.server }) else { return nil }
        return await server.waitForExit()
    }

    /// SIGKILL of the postmaster, as a crash; returns once it has exited.
    /// Its backends notice and exit on their own; `start()` copes with them.
    public func kill() async {
        guard let server = state.withLock({ state in defer { state.server = nil }; return state.server }) else { return }
        server.kill()
        await server.waitForExit()
    }

    /// SIGSTOP of the postmaster and its backends: a server that stops
    /// answering without closing anything, as behind a network partition.
    public func freeze() throws {
        try signalServerProcesses(SIGSTOP)
    }

    /// SIGCONT after `freeze`.
    public func thaw() throws {
        try signalServerProcesses(SIGCONT)
    }

    /// The postmaster and every process whose parent it is (from /proc).
    private func signalServerProcesses(_ signal: Int32) throws {
        guard let postmaster = state.withLock({ $0.server?.pid }) else { throw TestSupportError("PostgreSQL is not running") }
        var pids: [pid_t] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let afterName = stat.range(of: ") ", options: .backwards)
            else { continue }
            // pid (comm) state ppid …
            let fields = stat[afterName.upperBound...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == postmaster { pids.append(pid) }
        }
        for pid in [postmaster] + pids {
            _ = Glibc.kill(pid, signal)
        }
    }

    /// Stops the server if it runs and removes the directory.
    public func destroy() async {
        await stop()
        directory.remove()
    }

    /// Runs `sql` with psql in `database` and returns what it printed
    /// (unaligned, tuples only); a failing statement throws with psql's words.
    @discardableResult
    public func sql(_ sql: String, database: String = PostgresTestCluster.database) async throws -> String {
        try await run("psql", [
            "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory, "-p", String(port),
            "-U", Self.user, "-d", database, "-c", sql,
        ])
    }

    /// A fresh database in this cluster, so tests can share a server
    /// without seeing each other's tables.
    public func createDatabase(_ name: String) async throws {
        try await run("createdb", ["-h", socketDirectory, "-p", String(port), "-U", Self.user, name])
    }

    private func initialize() async throws {
        let outcome = try await TestProcess.run(launcher, arguments(for: "initdb", [
            "-U", Self.user, "--auth=trust", "-E", "UTF8", "--no-locale",
            // Disposable: what the tests rely on is the server's fsync=on.
            "--no-sync", "-D", dataDirectory,
        ]), combiningOutput: true)
        guard outcome.status == 0 else { throw TestSupportError("initdb failed:\n\(outcome.transcript)") }
    }

    /// A client program of the same installation, run as this process's user.
    @discardableResult
    private func run(_ program: String, _ arguments: [String]) async throws -> String {
        let outcome = try await TestProcess.run(binaries + "/" + program, arguments)
        guard outcome.status == 0 else { throw TestSupportError("\(program) failed:\n\(outcome.transcript)") }
        return outcome.stdout
    }

    /// setpriv as root (to become nobody), else env; either way with the
    /// cluster's directory as the working directory.
    private var launcher: String { asNobody ? "/usr/bin/setpriv" : "/usr/bin/env" }

    private func arguments(for program: String, _ arguments: [String]) -> [String] {
        let command = ["/usr/bin/env", "--chdir=" + directory.path, binaries + "/" + program] + arguments
        if asNobody {
            return ["--reuid=nobody", "--regid=nogroup", "--clear-groups"] + command
        }
        return Array(command.dropFirst())
    }

    /// Names the test process that made the cluster, for `reapOrphans`.
    private static let ownerFile = "postgres-test-cluster.owner"

    /// A test process that crashed could not stop its servers: a cluster
    /// whose owner has exited gets an immediate shutdown (SIGQUIT to the
    /// postmaster named in its postmaster.pid, if that is a postgres on
    /// this directory) and its directory removed.
    private static func reapOrphans() async {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for entry in entries where entry.hasPrefix("corridor-test-") {
            let directory = "/tmp/" + entry
            guard let owner = try? String(contentsOfFile: directory + "/" + ownerFile, encoding: .utf8),
                let ownerPID = pid_t(owner.trimmingCharacters(in: .whitespacesAndNewlines)),
                Glibc.kill(ownerPID, 0) != 0, errno == ESRCH
            else { continue }
            if let lock = try? String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8),
                let line = lock.split(separator: "\n").first, let postmaster = pid_t(line),
                let command = FileManager.default.contents(atPath: "/proc/\(postmaster)/cmdline"),
                String(decoding: command, as: UTF8.self).contains(directory + "/data")
            {
                _ = Glibc.kill(postmaster, SIGQUIT)
                // Not this process's child: polled, within a bound, until it
                // is gone (or a zombie), so it writes nothing into the
                // directory while it is removed.
                let deadline = ContinuousClock.now + .seconds(60)
                while ContinuousClock.now < deadline, isAlive(postmaster) {
                    try? await Task.sleep(for: .milliseconds(50))
                }
            }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    private static func isAlive(_ pid: pid_t) -> Bool {
        guard Glibc.kill(pid, 0) == 0 else { return errno != ESRCH }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let afterName = stat.range(of: ") ", options: .backwards)
        else { return false }
        return !stat[afterName.upperBound...].hasPrefix("Z")
    }

    /// The newest server installation: /usr/lib/postgresql/<version>/bin.
    private static func serverBinaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { name in Int(name).map { ($0, name) } }
            .sorted { $0.0 > $1.0 }
        for (_, name) in versions {
            let bin = "\(root)/\(name)/bin"
            if ["initdb", "postgres", "psql", "createdb"].allSatisfy({ FileManager.default.isExecutableFile(atPath: "\(bin)/\($0)") }) {
                return bin
            }
        }
        throw TestSupportError(
            "no PostgreSQL server under \(root)/*/bin (initdb, postgres). Run `make test`, or `apt-get install postgresql`."
        )
    }

    private static let nobody: (uid: uid_t, gid: gid_t) = {
        let user = getpwnam("nobody")
        return (user?.pointee.pw_uid ?? 65534, user?.pointee.pw_gid ?? 65534)
    }()

    /// A TCP port on 127.0.0.1 that nothing listens on now: bound to port
    /// 0, read, closed. Someone may take it before postgres does; `start`
    /// then picks another.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestSupportError("socket failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw TestSupportError("bind 127.0.0.1:0 failed: errno \(errno)") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw TestSupportError("getsockname failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

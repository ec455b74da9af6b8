import CorridorTestSupport
import Foundation
import Glibc
import Synchronization

// Helpers for the process-level tests: spawn the built corridord (or a
// wrapper such as systemd-socket-activate), watch its output line by line,
// signal it and wait for it to exit. Nothing here sleeps to synchronise:
// every wait ends on an event (a line, EOF, the process exiting), with a
// generous safety timeout so a broken daemon fails the test instead of
// hanging it.

/// A failure in the test harness itself, with a message that says what to do.
struct DaemonTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// How long any single wait may take before the test fails. Not a timing
/// assertion: the events normally arrive within milliseconds.
let safetyTimeout: Duration = .seconds(60)

// MARK: - Locating binaries

enum CorridordBinary {
    /// corridord as TestProcess finds a product (CORRIDORD_BINARY overrides).
    static func url() throws -> URL {
        URL(fileURLWithPath: try TestProcess.builtProduct("corridord", override: "CORRIDORD_BINARY"))
    }

    /// A tool from PATH or the usual system directories; a missing tool fails
    /// the test with `hint`, it never skips.
    static func tool(_ name: String, hint: String) throws -> URL {
        URL(fileURLWithPath: try TestProcess.tool(name, hint: hint))
    }
}

// MARK: - Output lines

/// Reads a file descriptor (one end of a pipe) on its own thread and keeps
/// every line; tasks can wait for a line that matches, or for EOF.
final class LineCollector: Sendable {
    private struct Waiter {
        let id: Int
        let predicate: @Sendable (String) -> Bool
        let continuation: CheckedContinuation<String?, Never>
    }
    private struct State {
        var lines: [String] = []
        var partial: [UInt8] = []
        var finished = false
        var waiters: [Waiter] = []
        var nextID = 0
    }
    private let state = Mutex(State())
    let name: String

    /// Takes ownership of `descriptor` and closes it at EOF.
    init(descriptor: Int32, name: String) {
        self.name = name
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                self.append(buffer[0..<count])
            }
            close(descriptor)
            self.finish()
        }
        thread.name = "LineCollector \(name)"
        thread.start()
    }

    private func append(_ bytes: ArraySlice<UInt8>) {
        let resumed: [(CheckedContinuation<String?, Never>, String)] = state.withLock { state in
            state.partial.append(contentsOf: bytes)
            var newLines: [String] = []
            while let newline = state.partial.firstIndex(of: UInt8(ascii: "\n")) {
                newLines.append(String(decoding: state.partial[..<newline], as: UTF8.self))
                state.partial.removeSubrange(...newline)
            }
            state.lines.append(contentsOf: newLines)
            return Self.matchWaiters(&state, against: newLines)
        }
        for (continuation, line) in resumed { continuation.resume(returning: line) }
    }

    private func finish() {
        let (matched, unmatched) = state.withLock { state in
            var matched: [(CheckedContinuation<String?, Never>, String)] = []
            if !state.partial.isEmpty {
                let last = String(decoding: state.partial, as: UTF8.self)
                state.partial.removeAll()
                state.lines.append(last)
                matched = Self.matchWaiters(&state, against: [last])
            }
            state.finished = true
            defer { state.waiters.removeAll() }
            return (matched, state.waiters)
        }
        for (continuation, line) in matched { continuation.resume(returning: line) }
        for waiter in unmatched { waiter.continuation.resume(returning: nil) }
    }

    private static func matchWaiters(_ state: inout State, against lines: [String]) -> [(CheckedContinuation<String?, Never>, String)] {
        var resumed: [(CheckedContinuation<String?, Never>, String)] = []
        state.waiters.removeAll { waiter in
            guard let line = lines.first(where: waiter.predicate) else { return false }
            resumed.append((waiter.continuation, line))
            return true
        }
        return resumed
    }

    /// Every complete line so far, and the text after the last newline.
    var text: String {
        state.withLock { state in
            (state.lines.map { $0 + "\n" }.joined()) + String(decoding: state.partial, as: UTF8.self)
        }
    }

    var lines: [String] { state.withLock { $0.lines } }

    /// The first line (from the very beginning) that matches; fails at EOF or
    /// after the safety timeout, quoting everything read so far.
    func line(where predicate: @escaping @Sendable (String) -> Bool, timeout: Duration = safetyTimeout) async throws -> String {
        let found: String? = await withTaskGroup(of: String?.self) { group in
            group.addTask { await self.waitForLine(predicate) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let found else {
            let finished = state.withLock { $0.finished }
            throw DaemonTestError("no matching line on \(name) (\(finished ? "reached EOF" : "timed out after \(timeout)")); it said:\n\(text)")
        }
        return found
    }

    func line(containing fragment: String, timeout: Duration = safetyTimeout) async throws -> String {
        try await line(where: { $0.contains(fragment) }, timeout: timeout)
    }

    private func waitForLine(_ predicate: @escaping @Sendable (String) -> Bool) async -> String? {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                let immediate: String?? = state.withLock { state in
                    if let line = state.lines.first(where: predicate) { return .some(line) }
                    if state.finished || Task.isCancelled { return .some(nil) }
                    state.waiters.append(Waiter(id: id, predicate: predicate, continuation: continuation))
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: nil)
        }
    }

    /// Everything, once the writer has closed its end (the process exited).
    func untilEOF(timeout: Duration = safetyTimeout) async throws -> String {
        let reached: Bool = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                // A predicate that never matches: returns nil exactly at EOF.
                _ = await self.waitForLine { _ in false }
                return !Task.isCancelled
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        guard reached else { throw DaemonTestError("\(name) was not closed within \(timeout); so far:\n\(text)") }
        return text
    }
}

// MARK: - The process

/// How a process ended, set by Process's terminationHandler.
private final class ExitState: Sendable {
    struct State {
        var status: Int32?
        var waiters: [Int: CheckedContinuation<Int32?, Never>] = [:]
        var nextID = 0
    }
    let state = Mutex(State())

    func record(_ status: Int32) {
        let waiters = state.withLock { state in
            state.status = status
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    /// The status, or nil if the task is cancelled first.
    func wait() async -> Int32? {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Int32?, Never>) in
                let immediate: Int32?? = state.withLock { state in
                    if let status = state.status { return .some(status) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters[id] = continuation
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: nil)
        }
    }
}

/// A spawned corridord (or a wrapper that execs it).
///
/// Spawned with posix_spawn and reaped by a thread of its own that blocks
/// in waitpid for exactly this pid, not with Foundation's Process: Process
/// watches every child through one descriptor the child inherits, and a
/// child that closes inherited descriptors (systemd-socket-activate does,
/// before it execs) makes Process's single manager thread block in
/// waitpid until that child exits, stalling every other Process in the
/// test runner meanwhile.
final class DaemonProcess: Sendable {
    enum Stderr {
        /// A pipe read by a LineCollector (`stderr`).
        case pipe
        /// Appended to this file, e.g. to name it in JOURNAL_STREAM.
        case file(String)
    }

    /// Variables a test runner may have inherited from systemd or a user's
    /// shell that would change how corridord behaves; removed unless a test
    /// sets them.
    static let scrubbedVariables = [
        "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES",
        "JOURNAL_STREAM", "CORRIDOR_SOCKET", "RUNTIME_DIRECTORY", "STATE_DIRECTORY", "CONFIGURATION_DIRECTORY",
        "INVOCATION_ID", "XDG_RUNTIME_DIR", "XDG_STATE_HOME",
    ]

    private let exit: ExitState
    let pid: pid_t
    let command: String
    /// stdout, always a pipe.
    let stdout: LineCollector
    /// stderr when spawned with `.pipe`.
    let stderrLines: LineCollector?

    /// Spawns `executable` (default: the built corridord) with `arguments`;
    /// the environment is this process's, scrubbed, plus `environment`.
    init(
        executable: URL? = nil,
        _ arguments: [String],
        environment: [String: String] = [:],
        stderr: Stderr = .pipe
    ) throws {
        let executable = try executable ?? CorridordBinary.url()
        var env = ProcessInfo.processInfo.environment
        for name in Self.scrubbedVariables { env[name] = nil }
        env.merge(environment) { $1 }
        command = ([executable.path] + arguments).joined(separator: " ")

        // Our ends are close-on-exec, so no other child spawned meanwhile
        // (by a test running in parallel) keeps a write end open and hides EOF.
        let (outRead, outWrite) = try Self.pipe()
        var errWrite: Int32 = -1
        var errRead: Int32 = -1
        switch stderr {
        case .pipe:
            (errRead, errWrite) = try Self.pipe()
        case .file(let path):
            errWrite = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard errWrite >= 0 else { throw DaemonTestError("cannot open \(path): errno \(errno)") }
        }
        defer {
            close(outWrite)
            close(errWrite)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outWrite, 1)
        posix_spawn_file_actions_adddup2(&actions, errWrite, 2)
        // Nothing else of the test runner's leaks into the daemon.
        guard Self.addCloseFrom(&actions, 3) == 0 else {
            throw DaemonTestError("posix_spawn_file_actions_addclosefrom_np failed")
        }

        // Signals as a fresh process has them: none blocked, none ignored
        // (the runner ignores SIGPIPE, and its threads may block signals).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var spawned: pid_t = 0
        let result = posix_spawn(&spawned, executable.path, &actions, &attributes, argv, envp)
        guard result == 0 else {
            close(outRead)
            if errRead >= 0 { close(errRead) }
            throw DaemonTestError("cannot start \(command): \(String(cString: strerror(result)))")
        }
        let pid = spawned
        self.pid = pid

        let exit = ExitState()
        self.exit = exit
        let reaper = Thread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
            let signal = status & 0x7f
            exit.record(signal == 0 ? (status >> 8) & 0xff : 128 + signal)
        }
        reaper.name = "reaper \(pid)"
        reaper.start()

        self.stdout = LineCollector(descriptor: outRead, name: "stdout of \(executable.lastPathComponent)")
        self.stderrLines = errRead >= 0 ? LineCollector(descriptor: errRead, name: "stderr of \(executable.lastPathComponent)") : nil
    }

    /// glibc ≥ 2.34 has posix_spawn_file_actions_addclosefrom_np, but
    /// declares it only for _GNU_SOURCE, which Swift's Glibc module lacks.
    private static let addCloseFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
            fatalError("posix_spawn_file_actions_addclosefrom_np is missing: glibc 2.34 or later is needed")
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// A one-way channel whose both ends are close-on-exec from the start
    /// (a socketpair: Glibc's module map does not offer pipe2).
    static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else {
            throw DaemonTestError("socketpair failed: errno \(errno)")
        }
        shutdown(fds[0], Int32(SHUT_WR))
        shutdown(fds[1], Int32(SHUT_RD))
        return (fds[0], fds[1])
    }

    /// stderr, for processes spawned with `.pipe`.
    var stderr: LineCollector {
        get throws {
            guard let stderrLines else { throw DaemonTestError("stderr of \(command) goes to a file") }
            return stderrLines
        }
    }

    /// The exit status once known: the exit code, or 128 + the signal number.
    var exitStatus: Int32? { exit.state.withLock { $0.status } }

    var isRunning: Bool { exitStatus == nil }

    /// Sends `signal` unless the process has already been reaped (its pid
    /// could belong to someone else by then).
    func signal(_ signal: Int32) {
        exit.state.withLock { state in
            if state.status == nil { _ = Glibc.kill(pid, signal) }
        }
    }

    /// For `defer`: SIGKILL if still running.
    func kill() { signal(SIGKILL) }

    /// The exit code, or 128 + the signal number that ended it. If the
    /// process is still running after the safety timeout it is killed, so
    /// the status (137) fails whatever the test expected. If the waiting task
    /// is cancelled, returns -1 without waiting.
    @discardableResult
    func waitForExit(timeout: Duration = safetyTimeout) async -> Int32 {
        let watchdog = Task { [self] in
            try await Task.sleep(for: timeout)
            self.kill()
        }
        defer { watchdog.cancel() }
        return await exit.wait() ?? -1
    }

    /// The exit status once the process exits; nil if the task is cancelled first.
    func exited() async -> Int32? {
        await exit.wait()
    }

    /// Everything the process wrote to stderr (pipe), once it has exited.
    func stderrAfterExit() async throws -> String {
        try await stderr.untilEOF()
    }
}

// MARK: - Small socket utilities

enum UnixSocket {
    /// A sockaddr_un for `path`, and its length.
    static func address(_ path: String) throws -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw DaemonTestError("socket path \(path) is too long for AF_UNIX")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        return address
    }

    static func bind(_ descriptor: Int32, to path: String) throws {
        var address = try address(path)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { throw DaemonTestError("bind \(path) failed: errno \(errno)") }
    }

    /// Connects a socket of `type` (a stream unless told otherwise); returns
    /// the descriptor (caller closes) or throws.
    static func connect(_ path: String, type: __socket_type = SOCK_STREAM) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(type.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw DaemonTestError("socket failed: errno \(errno)") }
        var address = try address(path)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let error = errno
            close(descriptor)
            throw DaemonTestError("connect \(path) failed: errno \(error)")
        }
        return descriptor
    }

    /// What is at `path`: "socket", "missing", or another file type.
    static func kind(_ path: String) -> String {
        var status = stat()
        guard lstat(path, &status) == 0 else { return "missing" }
        switch status.st_mode & S_IFMT {
        case S_IFSOCK: return "socket"
        case S_IFREG: return "file"
        case S_IFDIR: return "directory"
        default: return "other"
        }
    }

    static func mode(_ path: String) -> mode_t? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return status.st_mode & 0o7777
    }
}

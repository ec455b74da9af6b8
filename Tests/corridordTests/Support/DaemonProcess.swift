import CorridorTestSupport
import Foundation
import Glibc
import Synchronization

// Helpers for the process-level tests: find the built corridord, start it
// (or a wrapper such as systemd-socket-activate) as a RunningProcess from
// the support target, which watches its output line by line, signals it and
// waits for it to exit; small socket utilities.

/// A failure in the test harness itself, with a message that says what to do.
struct DaemonTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// How long any single wait may take before the test fails. Not a timing
/// assertion: the events normally arrive within milliseconds.
let safetyTimeout = RunningProcess.safetyTimeout

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

// MARK: - The process

/// A started corridord (or a wrapper that execs it): the support target's
/// RunningProcess, on swift-subprocess.
typealias DaemonProcess = RunningProcess

extension RunningProcess {
    /// Variables a test runner may have inherited from systemd or a user's
    /// shell that would change how corridord behaves; removed unless a test
    /// sets them.
    static let scrubbedVariables = [
        "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES",
        "JOURNAL_STREAM", "CORRIDOR_SOCKET", "RUNTIME_DIRECTORY", "STATE_DIRECTORY", "CONFIGURATION_DIRECTORY",
        "INVOCATION_ID", "XDG_RUNTIME_DIR", "XDG_STATE_HOME",
    ]

    /// Starts `executable` (default: the built corridord) with `arguments`;
    /// the environment is this process's, scrubbed, plus `environment`.
    convenience init(
        executable: URL? = nil,
        _ arguments: [String],
        environment: [String: String] = [:],
        stderr: Stderr = .pipe
    ) async throws {
        var changes: [String: String?] = [:]
        for name in Self.scrubbedVariables { changes[name] = .some(nil) }
        for (name, value) in environment { changes[name] = value }
        try await self.init(executable: (try executable ?? CorridordBinary.url()).path, arguments, environment: changes, stderr: stderr)
    }
}

// MARK: - Small socket utilities

enum UnixSocket {
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

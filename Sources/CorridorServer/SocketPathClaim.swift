import Glibc
import SystemPackage

/// Why the server could not take its socket path.
public struct ServerStartError: Error, CustomStringConvertible {
    /// What kind of refusal, so that corridord can exit with a status of its
    /// own for each (docs/OPERATIONS.md, "Exit statuses").
    public enum Reason: Sendable, Equatable {
        /// The socket's directory is not safe: others may write it, it is
        /// someone else's, or it is a symbolic link.
        case unsafeSocketDirectory
        /// Another daemon is listening on the path.
        case inUse
        case other
    }

    public let description: String
    public let reason: Reason

    public init(description: String, reason: Reason = .other) {
        self.description = description
        self.reason = reason
    }
}

/// Makes a socket path free to bind: a socket file left by a daemon that
/// died is removed; a live daemon on the path, or a file that is not a
/// socket, is an error that names the path.
enum SocketPathClaim {
    static func prepare(_ path: String) throws(ServerStartError) {
        guard path.utf8.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path) else {
            throw ServerStartError(description: "socket path \(path) is \(path.utf8.count) bytes; AF_UNIX allows at most 107")
        }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            let error = Errno(rawValue: errno)
            if error == .noSuchFileOrDirectory { return }
            throw ServerStartError(description: "cannot inspect socket path \(path): \(error)")
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw ServerStartError(description: "\(path) exists and is not a socket; refusing to replace it")
        }
        switch probe(path) {
        case .listening:
            throw ServerStartError(
                description: "another corridord is already listening on \(path); stop it first or choose another --socket", reason: .inUse
            )
        case .stale:
            guard unlink(path) == 0 || errno == ENOENT else {
                throw ServerStartError(description: "cannot remove the stale socket \(path): \(Errno(rawValue: errno))")
            }
        case .unknown(let error):
            throw ServerStartError(description: "cannot tell whether a daemon listens on \(path): \(error)")
        }
    }

    private enum Probe {
        case listening
        case stale
        case unknown(Errno)
    }

    /// Connects once: ECONNREFUSED means nobody listens behind the file.
    private static func probe(_ path: String) -> Probe {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return .unknown(Errno(rawValue: errno)) }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if result == 0 { return .listening }
        let error = Errno(rawValue: errno)
        return error == .connectionRefused || error == .noSuchFileOrDirectory ? .stale : .unknown(error)
    }
}

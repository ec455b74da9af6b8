internal import CSystemd
import Glibc
import SystemPackage

/// A listening socket systemd handed over (LISTEN_FDS, sd_listen_fds(3)).
public struct InheritedSocket: Sendable {
    public let descriptor: FileDescriptor
    /// The path the socket is bound to, read back with getsockname.
    public let path: String
}

public struct SocketActivationError: Error, CustomStringConvertible {
    public let description: String
}

public enum SocketActivation {
    /// The socket systemd passed, or nil when the daemon was not socket-activated.
    /// Exactly one AF_UNIX stream socket in the listening state is accepted.
    /// The corresponding C function is `sd_listen_fds`.
    public static func inheritedSocket() throws(SocketActivationError) -> InheritedSocket? {
        // unset_environment: children (none today) must not think the fds are theirs.
        let count = sd_listen_fds(1)
        if count < 0 {
            throw SocketActivationError(description: "LISTEN_FDS could not be read: \(Errno(rawValue: -count))")
        }
        guard count > 0 else { return nil }
        guard count == 1 else {
            throw SocketActivationError(description: "systemd passed \(count) sockets; corridord serves exactly one (one ListenStream= in corridord.socket)")
        }
        let descriptor = SD_LISTEN_FDS_START
        guard sd_is_socket_unix(descriptor, Int32(SOCK_STREAM.rawValue), 1, nil, 0) > 0 else {
            throw SocketActivationError(description: "the socket systemd passed is not a listening AF_UNIX stream socket")
        }
        return InheritedSocket(descriptor: FileDescriptor(rawValue: descriptor), path: boundPath(of: descriptor))
    }

    private static func boundPath(of descriptor: CInt) -> String {
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let result = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else { return "" }
        return withUnsafeBytes(of: address.sun_path) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

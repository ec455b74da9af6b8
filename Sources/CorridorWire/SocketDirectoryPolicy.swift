#if canImport(Glibc)
import Glibc
#endif

/// Which directories a Corridor socket may live in. Whoever can write to the
/// directory can replace the socket with their own and read what clients
/// send (names, birth dates, identity numbers, clinical notes); whoever owns
/// it can make it writable. So the directory must belong to the daemon's
/// user (or to root, as /run/corridor does before the service first starts)
/// and be writable by nobody else. Shared by the daemon, which refuses to
/// listen in any other, and corridorctl, which refuses to connect through one.
public enum SocketDirectoryPolicy {
    /// What lstat(2) says about the directory.
    public struct Observed: Sendable, Equatable {
        public var ownerUID: UInt32
        /// The whole st_mode: type and permission bits.
        public var mode: UInt32

        public init(ownerUID: UInt32, mode: UInt32) {
            self.ownerUID = ownerUID
            self.mode = mode
        }
    }

    /// Why `directory` is unsafe for a socket of a daemon running as one of
    /// `expectedOwners` (root is always accepted as owner); nil: safe. Pure,
    /// so every case can be tested without another user.
    public static func problem(with observed: Observed, directory: String, expectedOwners: [UInt32]) -> String? {
        let type = observed.mode & UInt32(S_IFMT)
        let permissions = observed.mode & 0o7777
        let shownMode = "0" + String(permissions, radix: 8)
        if type == UInt32(S_IFLNK) {
            return "the socket directory \(directory) is a symbolic link; refusing to follow it"
        }
        guard type == UInt32(S_IFDIR) else {
            return "the socket directory \(directory) is not a directory"
        }
        guard observed.ownerUID == 0 || expectedOwners.contains(observed.ownerUID) else {
            let owners = expectedOwners.map { "uid \($0)" }.joined(separator: ", ")
            return "the socket directory \(directory) belongs to uid \(observed.ownerUID) (mode \(shownMode)), not to \(owners) "
                + "or root; whoever owns it can replace the socket. Remove it, or choose another socket path"
        }
        guard permissions & 0o022 == 0 else {
            return "the socket directory \(directory) (owner uid \(observed.ownerUID), mode \(shownMode)) is writable by "
                + (permissions & 0o002 != 0 ? "every user" : "its group")
                + "; whoever can write there can replace the socket. Make it 0700 or 0750 (chmod go-w), or choose another socket path"
        }
        return nil
    }

    /// lstat(2) of `directory` and `problem(with:)`; a directory that cannot
    /// be examined is a problem too.
    public static func check(_ directory: String, expectedOwners: [UInt32]) -> String? {
        var status = stat()
        guard lstat(directory, &status) == 0 else {
            return "cannot examine the socket directory \(directory): \(String(cString: strerror(errno)))"
        }
        return problem(
            with: Observed(ownerUID: status.st_uid, mode: UInt32(status.st_mode)), directory: directory, expectedOwners: expectedOwners
        )
    }

    /// The directory part of a socket path ("." for a bare file name).
    public static func directory(of socketPath: String) -> String {
        guard let slash = socketPath.lastIndex(of: "/") else { return "." }
        let directory = String(socketPath[..<slash])
        return directory.isEmpty ? "/" : directory
    }
}

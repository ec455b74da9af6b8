import CorridorWire
import Glibc

/// The directory the daemon's socket goes in: created private when missing,
/// and in any case refused unless it is the daemon's (or root's) and
/// writable by no one else (SocketDirectoryPolicy says why).
enum SocketDirectory {
    /// Makes sure the directory of `socketPath` exists and is safe. A
    /// directory it creates gets `mode`; one that exists keeps its own.
    static func prepare(forSocket socketPath: String, mode: mode_t) throws(ServerStartError) {
        let directory = SocketDirectoryPolicy.directory(of: socketPath)
        let owner = geteuid()
        var created = mkdir(directory, mode) == 0
        if !created && errno == ENOENT {
            try createParents(of: directory)
            created = mkdir(directory, mode) == 0
        }
        if !created && errno != EEXIST {
            throw ServerStartError(description: "cannot create the socket directory \(directory): \(String(cString: strerror(errno)))")
        }
        // Examined through a descriptor opened without following links, so
        // what is checked is what is there, not what a link points to.
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno
            if let problem = SocketDirectoryPolicy.check(directory, expectedOwners: [owner]) {
                throw ServerStartError(description: problem, reason: .unsafeSocketDirectory)
            }
            throw ServerStartError(description: "cannot open the socket directory \(directory): \(String(cString: strerror(reason)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ServerStartError(description: "cannot examine the socket directory \(directory): \(String(cString: strerror(errno)))")
        }
        if created && status.st_uid == owner && status.st_mode & 0o7777 != mode {
            // mkdir's mode went through the umask; the directory is ours, so set it exactly.
            guard fchmod(descriptor, mode) == 0, fstat(descriptor, &status) == 0 else {
                throw ServerStartError(description: "cannot set mode \(String(mode, radix: 8)) on the socket directory \(directory): \(String(cString: strerror(errno)))")
            }
        }
        let observed = SocketDirectoryPolicy.Observed(ownerUID: status.st_uid, mode: UInt32(status.st_mode))
        if let problem = SocketDirectoryPolicy.problem(with: observed, directory: directory, expectedOwners: [owner]) {
            throw ServerStartError(description: problem, reason: .unsafeSocketDirectory)
        }
    }

    /// mkdir -p for the directories above the socket's: 0755 as usual, since
    /// only the socket's own directory has to be private.
    private static func createParents(of directory: String) throws(ServerStartError) {
        var path = ""
        let components = directory.split(separator: "/", omittingEmptySubsequences: true).dropLast()
        for component in components {
            path += (path.isEmpty && !directory.hasPrefix("/") ? "" : "/") + component
            guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
                throw ServerStartError(description: "cannot create \(path) for the socket directory \(directory): \(String(cString: strerror(errno)))")
            }
        }
    }
}

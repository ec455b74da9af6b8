import Glibc

/// mkdir -p with an error that says which directory could not be made and
/// the system's reason, instead of a Foundation error dump; then a check that
/// the daemon can write there, so that a directory it could never write is
/// refused at start in one sentence rather than at the first append.
enum DirectoryCreation {
    /// Creates `path` and any missing parents; the last one gets exactly
    /// `mode`, the parents 0755 (through the umask). Refuses a path that is
    /// not a directory or cannot be written, naming it.
    static func create(_ path: String, mode: mode_t, purpose: String) throws(StartFailure) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        for (position, component) in components.enumerated() {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            let isLast = position == components.count - 1
            let created = mkdir(prefix, isLast ? mode : 0o755) == 0
            // mkdir's mode passes through the umask; the directory the daemon
            // keeps its records in gets exactly its mode.
            if created && isLast && chmod(prefix, mode) != 0 {
                throw StartFailure(status(errno), "cannot set mode \(String(mode, radix: 8)) on the \(purpose) \(path): \(reason(errno))")
            }
            let error = errno
            // A read-only mount may answer EROFS for a directory that exists.
            guard created || error == EEXIST || (error == EROFS && access(prefix, F_OK) == 0) else {
                throw StartFailure(
                    status(error), "cannot create the \(purpose) \(path): \(reason(error))" + (prefix == path ? "" : " (creating \(prefix))")
                )
            }
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw StartFailure(.dataDirectoryUnusable, "cannot use the \(purpose) \(path): \(reason(errno))")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw StartFailure(.dataDirectoryUnusable, "cannot use the \(purpose) \(path): it exists and is not a directory")
        }
        // access(2) answers for root too where it matters here: EROFS for a
        // read-only mount, EPERM for an immutable directory.
        guard access(path, W_OK | X_OK) == 0 else {
            let error = errno
            if error == EROFS {
                throw StartFailure(
                    .readOnlyDataDirectory,
                    "cannot write the \(purpose) \(path): it is on a read-only file system; remount it read-write or choose another directory"
                )
            }
            throw StartFailure(.dataDirectoryUnusable, "cannot write the \(purpose) \(path): \(reason(error))")
        }
    }

    private static func status(_ error: Int32) -> DaemonExitStatus {
        error == EROFS ? .readOnlyDataDirectory : .dataDirectoryUnusable
    }

    private static func reason(_ error: Int32) -> String {
        String(cString: strerror(error))
    }
}

import CorridorServer
import Glibc

/// mkdir -p with an error that says which directory could not be made and
/// the system's reason, instead of a Foundation error dump.
enum DirectoryCreation {
    /// Creates `path` and any missing parents; the last one gets exactly
    /// `mode`, the parents 0755 (through the umask).
    static func create(_ path: String, mode: mode_t, purpose: String) throws(ConfigurationError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        for (position, component) in components.enumerated() {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            let isLast = position == components.count - 1
            let created = mkdir(prefix, isLast ? mode : 0o755) == 0
            // mkdir's mode passes through the umask; the directory the daemon
            // keeps its records in gets exactly its mode.
            if created && isLast && chmod(prefix, mode) != 0 {
                throw ConfigurationError("cannot set mode \(String(mode, radix: 8)) on the \(purpose) \(path): \(String(cString: strerror(errno)))")
            }
            guard created || errno == EEXIST else {
                let reason = String(cString: strerror(errno))
                throw ConfigurationError(
                    "cannot create the \(purpose) \(path): \(reason)" + (prefix == path ? "" : " (creating \(prefix))")
                )
            }
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw ConfigurationError("cannot use the \(purpose) \(path): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw ConfigurationError("cannot use the \(purpose) \(path): it exists and is not a directory")
        }
    }
}

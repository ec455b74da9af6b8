import CorridorServer
import Glibc

/// mkdir -p with an error that says which directory could not be made and
/// the system's reason, instead of a Foundation error dump.
enum DirectoryCreation {
    /// Creates `path` and any missing parents; the last one gets `mode`
    /// (through the umask), the parents 0755.
    static func create(_ path: String, mode: mode_t, purpose: String) throws(ConfigurationError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        for (position, component) in components.enumerated() {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            let isLast = position == components.count - 1
            guard mkdir(prefix, isLast ? mode : 0o755) == 0 || errno == EEXIST else {
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

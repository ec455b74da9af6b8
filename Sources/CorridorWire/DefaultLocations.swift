#if canImport(Glibc)
import Glibc
#endif

/// Where the daemon puts its socket and data when nobody says otherwise, and
/// where corridorctl looks for it: one definition for both sides.
public enum DefaultLocations {
    /// The socket of the system service (systemd/corridord.socket).
    public static let systemSocket = "/run/corridor/corridord.sock"
    public static let socketFileName = "corridord.sock"

    /// The daemon's socket: $RUNTIME_DIRECTORY under systemd, else the
    /// per-user runtime directory ($XDG_RUNTIME_DIR/corridor, or
    /// /tmp/corridor-<uid> where there is none).
    public static func daemonSocket(environment: [String: String]) -> String {
        if let runtime = firstDirectory(environment["RUNTIME_DIRECTORY"]) {
            return runtime + "/" + socketFileName
        }
        return userSocket(environment: environment)
    }

    public static func userSocket(environment: [String: String]) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            return runtime + "/corridor/" + socketFileName
        }
        return "/tmp/corridor-\(getuid())/" + socketFileName
    }

    /// The daemon's data: $STATE_DIRECTORY under systemd, else
    /// $XDG_STATE_HOME/corridor or ~/.local/state/corridor.
    public static func dataDirectory(environment: [String: String]) -> String {
        if let state = firstDirectory(environment["STATE_DIRECTORY"]) {
            return state
        }
        if let stateHome = environment["XDG_STATE_HOME"], !stateHome.isEmpty {
            return stateHome + "/corridor"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp/corridor-\(getuid())"
        return home + "/.local/state/corridor"
    }

    /// The socket a client should use: --socket, then CORRIDOR_SOCKET, then
    /// the per-user socket if a daemon made one, then the system socket if it
    /// exists; else the per-user path, so the error names where `make run` puts it.
    public static func clientSocket(explicit: String?, environment: [String: String], exists: (String) -> Bool) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["CORRIDOR_SOCKET"], !fromEnvironment.isEmpty { return fromEnvironment }
        let user = userSocket(environment: environment)
        if exists(user) { return user }
        if exists(systemSocket) { return systemSocket }
        return user
    }

    /// systemd passes colon-separated lists when a unit names several directories.
    private static func firstDirectory(_ value: String?) -> String? {
        guard let value, let first = value.split(separator: ":").first, !first.isEmpty else { return nil }
        return String(first)
    }
}

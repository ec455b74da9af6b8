import ArgumentParser
import CorridorClient
import Foundation

/// How every subcommand reaches the daemon.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "The daemon's Unix socket. Defaults to CORRIDOR_SOCKET, then the local and system sockets.")
    var socket: String?

    @Option(help: "Seconds to wait for an answer (fractions allowed, at most a day). Defaults to CORRIDOR_TIMEOUT, then 10.")
    var timeout: Double?

    /// A day: longer is a typo, and a number this large would not fit the
    /// milliseconds the wire carries.
    static let longestTimeout: Double = 86_400
    static let defaultTimeout: Double = 10

    /// --timeout, then CORRIDOR_TIMEOUT (for scripts and test harnesses on a
    /// slow or busy machine, where every call should wait longer without
    /// each command line saying so), then 10 seconds. validate() has refused
    /// a CORRIDOR_TIMEOUT that is not a number of seconds in range.
    var effectiveTimeout: Double {
        timeout ?? Self.environmentTimeout(ProcessInfo.processInfo.environment) ?? Self.defaultTimeout
    }

    static func environmentTimeout(_ environment: [String: String]) -> Double? {
        guard let text = environment["CORRIDOR_TIMEOUT"], !text.isEmpty else { return nil }
        return Double(text)
    }

    var resolvedSocket: String {
        DefaultLocations.clientSocket(explicit: socket, environment: ProcessInfo.processInfo.environment) { path in
            FileManager.default.fileExists(atPath: path)
        }
    }

    var callTimeout: Duration { .milliseconds(Int64(effectiveTimeout * 1000)) }

    func validate() throws {
        let source: String
        let value: Double
        if let timeout {
            (source, value) = ("--timeout", timeout)
        } else if let text = ProcessInfo.processInfo.environment["CORRIDOR_TIMEOUT"], !text.isEmpty {
            guard let parsed = Double(text) else {
                throw ValidationError("CORRIDOR_TIMEOUT must be a number of seconds; \"\(text)\" is not.")
            }
            (source, value) = ("CORRIDOR_TIMEOUT", parsed)
        } else {
            return
        }
        guard value > 0 else { throw ValidationError("\(source) must be more than 0 seconds.") }
        guard value <= Self.longestTimeout else {
            throw ValidationError("\(source) must be at most \(Int(Self.longestTimeout)) seconds (a day); \(value) was given.")
        }
    }

    /// A socket nobody named (the per-user or system default) is used only
    /// in a directory of the caller's own, root's or the daemon's user that
    /// nobody else may write: /tmp/corridor-UID, where the default goes
    /// without XDG_RUNTIME_DIR, can be made by any local user first. (Who
    /// listens is checked after connecting, whatever the path: ServerIdentity.)
    static func defaultSocketDirectoryProblem(_ path: String, explicit: String?, environment: [String: String]) -> String? {
        let named = (explicit.map { !$0.isEmpty } ?? false) || !(environment["CORRIDOR_SOCKET"] ?? "").isEmpty
        guard !named else { return nil }
        guard FileManager.default.fileExists(atPath: SocketDirectoryPolicy.directory(of: path)) else { return nil }
        let owners = [geteuid()] + (ServerIdentity.systemUserUID().map { [$0] } ?? [])
        return SocketDirectoryPolicy.check(SocketDirectoryPolicy.directory(of: path), expectedOwners: owners)
    }

    func connect() async throws -> CorridorClient {
        var configuration = ClientConfiguration()
        configuration.clientName = "corridorctl"
        configuration.connectTimeout = callTimeout
        let path = resolvedSocket
        if let problem = Self.defaultSocketDirectoryProblem(path, explicit: socket, environment: ProcessInfo.processInfo.environment) {
            throw CommandFailure(RPCError(.permissionDenied, "refusing to connect to \(path): \(problem)"))
        }
        do {
            return try await CorridorClient.connect(to: path, configuration: configuration)
        } catch {
            throw CommandFailure(error, hint: error.code == .unavailable
                ? "is corridord running? Start it with `systemctl start corridord`, or pass --socket."
                : nil)
        }
    }
}

import Logging

/// Who is on the other end of a connection, from SO_PEERCRED: the kernel's
/// word, not the client's.
public struct PeerCredentials: Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }

    public var description: String { "pid \(pid) uid \(uid) gid \(gid)" }
}

/// What a method handler knows about the call it serves.
public struct CallContext: Sendable {
    public var method: String
    public var requestID: String
    public var peer: PeerCredentials?
    /// The peer's user and group names, resolved once per connection.
    public var identity: PeerIdentity?
    /// The role the access policy gives the caller; the server has checked
    /// it may call `method` before the handler runs.
    public var role: Role?
    /// When the call must be done by, if the client set a timeout.
    public var deadline: ContinuousClock.Instant?
    let connectionLogger: Logger
    /// The server's open break-glass grants (AccessControl.breakGlass).
    public var breakGlass: BreakGlassGrants? = nil

    /// What this caller may see of cases: every handler cuts its answer with it.
    public var withholding: Withholding { Withholding(role: role, uid: peer?.uid, grants: breakGlass) }

    /// The connection's logger with the call's method and request id. Built
    /// when asked for: most calls log nothing, and metadata costs allocations.
    public var logger: Logger {
        var logger = connectionLogger
        logger[metadataKey: "method"] = "\(method)"
        if !requestID.isEmpty { logger[metadataKey: "request"] = "\(requestID)" }
        return logger
    }
}

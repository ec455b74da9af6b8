import Glibc
import Synchronization

/// The access policy in force, shared by every connection and replaced
/// whole on reload (SIGHUP): a call sees the old policy or the new one,
/// never a mix, and open connections stay open.
public final class AccessControl: Sendable {
    private let state: Mutex<AccessPolicy>
    /// The uid corridord runs as: admin like root (docs/ACCESS.md).
    public let daemonUID: UInt32
    /// False only for the benchmark's baseline: every caller is admin.
    public let enforced: Bool
    /// The open break-glass grants: kept across policy reloads, lost on restart.
    public let breakGlass: BreakGlassGrants

    public init(policy: AccessPolicy = .builtInDefault, daemonUID: UInt32 = getuid(), breakGlass: BreakGlassGrants = BreakGlassGrants()) {
        self.state = Mutex(policy)
        self.daemonUID = daemonUID
        self.enforced = true
        self.breakGlass = breakGlass
    }

    private init(unrestrictedFor daemonUID: UInt32) {
        self.state = Mutex(AccessPolicy(source: "unrestricted"))
        self.daemonUID = daemonUID
        self.enforced = false
        self.breakGlass = BreakGlassGrants()
    }

    /// Everyone is admin: the baseline the benchmark measures authorisation
    /// against. Never used by corridord.
    public static func unrestricted() -> AccessControl { AccessControl(unrestrictedFor: getuid()) }

    public var policy: AccessPolicy { state.withLock { $0 } }

    /// Takes effect for the next call on every connection.
    public func replace(with policy: AccessPolicy) {
        state.withLock { $0 = policy }
    }

    public func role(of identity: PeerIdentity) -> Role? {
        guard enforced else { return .admin }
        return state.withLock { $0.role(of: identity, daemonUID: daemonUID) }
    }
}

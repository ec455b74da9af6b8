import Glibc
import Synchronization

/// One user's time-limited access to one case's personal part, opened with
/// a reason (break-glass; docs/ACCESS.md).
public struct BreakGlassGrant: Sendable, Equatable {
    public var caseID: String
    public var uid: UInt32
    public var userName: String
    public var role: String
    public var reason: String
    public var openedAtMs: UInt64
    public var expiresAtMs: UInt64

    public init(caseID: String, uid: UInt32, userName: String, role: String, reason: String, openedAtMs: UInt64, expiresAtMs: UInt64) {
        self.caseID = caseID
        self.uid = uid
        self.userName = userName
        self.role = role
        self.reason = reason
        self.openedAtMs = openedAtMs
        self.expiresAtMs = expiresAtMs
    }
}

/// The open break-glass grants, keyed by uid and case id. Kept in memory
/// only: a restart closes every grant (docs/ACCESS.md), which errs on the
/// side of withholding. The clock is injected so that a test can pass an
/// expiry without waiting for it.
public final class BreakGlassGrants: Sendable {
    /// One hour, when the caller asks for no duration.
    public static let defaultSeconds: UInt32 = 3600
    /// A day: longer access is a role, not an emergency.
    public static let maximumSeconds: UInt32 = 86_400

    private struct Key: Hashable {
        var uid: UInt32
        var caseID: String
    }

    private let grants = Mutex<[Key: BreakGlassGrant]>([:])
    /// Now, in unix milliseconds.
    public let clock: @Sendable () -> UInt64

    public init(clock: @escaping @Sendable () -> UInt64 = BreakGlassGrants.unixMilliseconds) {
        self.clock = clock
    }

    /// Opens (or renews) the grant of `uid` to `caseID` for `seconds` from now.
    public func open(caseID: String, uid: UInt32, userName: String, role: String, reason: String, seconds: UInt32) -> BreakGlassGrant {
        let now = clock()
        let grant = BreakGlassGrant(
            caseID: caseID, uid: uid, userName: userName, role: role, reason: reason,
            openedAtMs: now, expiresAtMs: now + UInt64(seconds) * 1000
        )
        grants.withLock { grants in
            // Expired grants are dropped here, so the table never outgrows what is open.
            grants = grants.filter { $0.value.expiresAtMs > now }
            grants[Key(uid: uid, caseID: caseID)] = grant
        }
        return grant
    }

    /// True while `uid` holds an unexpired grant to `caseID`.
    public func isOpen(uid: UInt32, caseID: String) -> Bool {
        let now = clock()
        return grants.withLock { grants in
            guard let grant = grants[Key(uid: uid, caseID: caseID)] else { return false }
            return grant.expiresAtMs > now
        }
    }

    /// True when no grant is held at all: the fast path of every read.
    public var isEmpty: Bool { grants.withLock { $0.isEmpty } }

    /// The grants still open, soonest to expire first.
    public func openGrants() -> [BreakGlassGrant] {
        let now = clock()
        return grants.withLock { grants in
            grants.values.filter { $0.expiresAtMs > now }
        }.sorted { ($0.expiresAtMs, $0.caseID, $0.uid) < ($1.expiresAtMs, $1.caseID, $1.uid) }
    }

    @Sendable public static func unixMilliseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
    }
}

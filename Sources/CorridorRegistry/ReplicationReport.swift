/// Where a server stands in replication (docs/REPLICATION.md), as System.Status
/// shows it: the server edge maps it to corridor.v1.ReplicationStatus.
public struct ReplicationReport: Sendable, Equatable {
    public enum Role: Sendable, Equatable {
        /// Nothing replicated: the local log is the only copy.
        case standalone
        case primary
        case follower
    }

    public enum Mode: String, Sendable, Equatable, CaseIterable {
        /// Acknowledged on local durability; the copy follows.
        case async
        /// Acknowledged once the replica store has committed it too.
        case sync
    }

    public var role: Role
    /// nil for a standalone server.
    public var mode: Mode?
    /// The replica store's URL without its password.
    public var replicaStore = ""
    public var node = ""
    /// The leader epoch this server knows; 0 until learnt.
    public var epoch: UInt64 = 0
    /// The node the replica store names primary; empty until learnt.
    public var primaryNode = ""
    public var connected = false
    /// A primary: the replica store holds every event through it. A
    /// follower: applied through it.
    public var replicatedSequence: UInt64 = 0
    public var lagEvents: UInt64 = 0
    public var lagMs: UInt64 = 0
    public var lastError = ""
    public var writable = true

    public init(role: Role, mode: Mode? = nil) {
        self.role = role
        self.mode = mode
    }

    /// A server that replicates nothing.
    public static let standalone = ReplicationReport(role: .standalone)
}

/// What a promotion made of a follower.
public struct Promotion: Sendable, Equatable {
    /// The new leader epoch: appends of any older one are refused.
    public var epoch: UInt64
    /// The last sequence applied, from which this primary goes on.
    public var lastSequence: UInt64
    public var node: String

    public init(epoch: UInt64, lastSequence: UInt64, node: String) {
        self.epoch = epoch
        self.lastSequence = lastSequence
        self.node = node
    }
}

/// What the server edge asks of replication: its status, and a promotion.
/// CorridorReplication's node implements it; corridord hands it to the server.
public protocol ReplicationControl: Sendable {
    func report() async -> ReplicationReport
    /// Refuses with FAILED_PRECONDITION on a server that is not a follower,
    /// UNAVAILABLE while the replica store cannot be reached.
    func promote() async throws(RegistryError) -> Promotion
}

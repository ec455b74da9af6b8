import Foundation

/// Why the replica store could not do what it was asked, in its own words.
/// The one question the services ask of it is `isUnreachable`: PostgreSQL
/// is down or briefly unable to answer, so retry (and in sync mode refuse
/// writes meanwhile); every other kind means refuse and stop, because
/// retrying would change nothing (another node is primary, the copies
/// differ, the schema or key file is not this server's).
public struct ReplicaStoreError: Error, CustomStringConvertible, Equatable {
    enum Kind: Equatable {
        /// PostgreSQL cannot be reached or dropped the connection (the cause
        /// in the message), or answered with a transient refusal
        /// (shutting down, starting up, too many connections, a deadlock).
        case unreachable
        /// PostgreSQL answered with an error that retrying will not change
        /// (a permission, a password, a missing database, TLS not offered).
        case refused
        /// Another node holds the primary's epoch.
        case notPrimary(node: String, epoch: UInt64)
        /// The epoch this server appends with is no longer the leader row's:
        /// it was demoted (or never was primary).
        case superseded(node: String?, epoch: UInt64?)
        /// The replica store holds this sequence with other bytes.
        case diverged(sequence: UInt64)
        /// Events must follow the replica store's last one without a hole.
        case gap(expected: UInt64, got: UInt64)
        /// A promotion must first apply every event through `last`.
        case behind(last: UInt64)
        /// A stored event fails its checksum, or a column holds what no event can.
        case damaged(sequence: UInt64)
        /// The schema is newer than this server's, or the key file differs.
        case schema
        /// An event or argument that PostgreSQL's columns cannot hold.
        case invalidArgument
    }

    let kind: Kind
    public let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// PostgreSQL is down, unreachable or momentarily refusing: retry later
    /// (async mode catches up; sync mode answers UNAVAILABLE meanwhile).
    /// False for every refusal that retrying cannot cure.
    public var isUnreachable: Bool { kind == .unreachable }

    /// Another node holds the primary's epoch (`claimPrimary`, `promote`):
    /// this server must follow, naming it.
    public var isNotPrimary: Bool {
        if case .notPrimary = kind { return true }
        return false
    }

    /// The append was fenced off: this server's epoch is stale.
    public var isSuperseded: Bool {
        if case .superseded = kind { return true }
        return false
    }

    /// `promote` must wait: the replica store holds events through this
    /// sequence that the caller has not applied yet.
    public var behindLast: UInt64? {
        if case .behind(let last) = kind { return last }
        return nil
    }

    /// The node that holds the primary's epoch, when the refusal names one.
    public var primaryNode: String? {
        switch kind {
        case .notPrimary(let node, _): node
        case .superseded(let node, _): node
        default: nil
        }
    }

    static func unreachable(_ location: PostgresLocation, _ cause: String) -> ReplicaStoreError {
        ReplicaStoreError(.unreachable, "PostgreSQL at \(location.redacted) is unreachable: \(cause); retrying later may succeed")
    }

    static func refused(_ location: PostgresLocation, _ cause: String) -> ReplicaStoreError {
        ReplicaStoreError(.refused, "PostgreSQL at \(location.redacted) refused: \(cause); fix this before starting replication again")
    }

    static func notPrimary(node: String, epoch: UInt64, since: Date, asking: String) -> ReplicaStoreError {
        let sinceText = since.formatted(.iso8601)
        if node == asking {
            return ReplicaStoreError(
                .notPrimary(node: node, epoch: epoch),
                "node \(node) holds epoch \(epoch) since \(sinceText), but this server does not know that epoch: "
                    + "another server was started or promoted under the same node name; give each server its own name"
            )
        }
        return ReplicaStoreError(
            .notPrimary(node: node, epoch: epoch),
            "node \(node) holds epoch \(epoch) since \(sinceText); start this server with --follow or promote it"
        )
    }

    static func superseded(node: String?, epoch: UInt64?, mine: UInt64) -> ReplicaStoreError {
        guard let node, let epoch else {
            return ReplicaStoreError(
                .superseded(node: nil, epoch: nil),
                "no primary is recorded in the replica store, so epoch \(mine) cannot append; claim the primary's epoch first"
            )
        }
        return ReplicaStoreError(
            .superseded(node: node, epoch: epoch),
            "this server's epoch \(mine) is stale: node \(node) holds epoch \(epoch); nothing was appended. "
                + "Stop writing here and restart this server with --follow"
        )
    }

    static func diverged(sequence: UInt64) -> ReplicaStoreError {
        ReplicaStoreError(
            .diverged(sequence: sequence),
            "the replica store holds event \(sequence) with other bytes than this server's log: the two histories differ; "
                + "nothing was appended. Stop and compare them (corridorctl inspect) before going on"
        )
    }

    static func gap(expected: UInt64, got: UInt64) -> ReplicaStoreError {
        let missing = got > expected ? ": events \(expected)…\(got - 1) are missing" : ", out of order"
        return ReplicaStoreError(
            .gap(expected: expected, got: got),
            "the next event must be \(expected) but \(got) came\(missing); nothing was appended"
        )
    }

    static func missing(expected: UInt64, got: UInt64) -> ReplicaStoreError {
        ReplicaStoreError(
            .gap(expected: expected, got: got),
            "the replica store has no event \(expected) but has \(got): its history has a hole; nothing was applied. "
                + "Restore the table corridor.events or rebuild it from the primary"
        )
    }

    static func behind(last: UInt64, applied: UInt64) -> ReplicaStoreError {
        ReplicaStoreError(
            .behind(last: last),
            "the replica store holds events through \(last) but this server has applied through \(applied); "
                + "apply the rest, then promote again"
        )
    }

    static func damaged(sequence: UInt64, _ reason: String) -> ReplicaStoreError {
        ReplicaStoreError(
            .damaged(sequence: sequence),
            "event \(sequence) in the replica store is damaged (\(reason)); it was not applied. "
                + "Restore corridor.events from a backup or the primary's log"
        )
    }

    static func schema(_ reason: String) -> ReplicaStoreError {
        ReplicaStoreError(.schema, reason)
    }

    static func invalidArgument(_ reason: String) -> ReplicaStoreError {
        ReplicaStoreError(.invalidArgument, reason)
    }
}

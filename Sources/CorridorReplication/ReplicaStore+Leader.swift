import Foundation
import PostgresNIO

// The leader row decides which node may append: exactly one row, its epoch
// growing by one at each promotion. A primary appends under the epoch it
// claimed; `append` reads the row FOR SHARE and `promote` FOR UPDATE, so
// PostgreSQL's row lock orders every append against every promotion: an
// append under the old epoch commits before the promotion (which then sees
// its events) or is refused after it.

extension ReplicaStore {
    /// The leader row, or nil before any server claimed it.
    public func leader() async throws(ReplicaStoreError) -> ReplicaLeader? {
        try await withConnection { [self] connection in
            try await self.readLeader(on: connection, lock: "")
        }
    }

    /// Makes `node` the primary, or confirms it: with no leader row yet,
    /// records epoch 1 for `node` and returns 1; when the row names `node`
    /// with the epoch this server last held (`known`, kept with its data),
    /// returns it. Otherwise another node holds the epoch (or this one was
    /// demoted since) and it throws `notPrimary`, naming that node.
    public func claimPrimary(node: String, epoch known: UInt64?) async throws(ReplicaStoreError) -> UInt64 {
        try Self.checkNodeName(node)
        return try await withTransaction { [self] connection in
            if let leader = try await self.readLeader(on: connection, lock: "FOR UPDATE") {
                guard leader.node == node, leader.epoch == known else {
                    throw ReplicaStoreError.notPrimary(node: leader.node, epoch: leader.epoch, since: leader.since, asking: node)
                }
                return leader.epoch
            }
            // Two servers claiming an empty store at once: the unique key
            // makes the second INSERT wait for the first and then do
            // nothing; that one reads the winner's row and is refused.
            let inserted = try await connection.query(
                "INSERT INTO corridor.leader (singleton, epoch, node) VALUES (true, 1, \(node)) ON CONFLICT (singleton) DO NOTHING RETURNING epoch",
                logger: logger
            ).collect()
            if inserted.isEmpty, let leader = try await self.readLeader(on: connection, lock: "") {
                throw ReplicaStoreError.notPrimary(node: leader.node, epoch: leader.epoch, since: leader.since, asking: node)
            }
            return 1
        }
    }

    /// Makes `node` (a follower) the primary under the next epoch and
    /// returns it, if the store's leader row still holds `replacing` (the
    /// epoch the caller saw; nil when it saw no row) and the caller has
    /// applied every event in the store (`appliedThrough`). Otherwise:
    /// `behind(last:)` when events remain to apply (apply them and promote
    /// again); `notPrimary` when another promotion got there first, so that
    /// of two followers promoted from the same state exactly one wins.
    public func promote(node: String, appliedThrough: UInt64, replacing expected: UInt64?) async throws(ReplicaStoreError) -> UInt64 {
        try Self.checkNodeName(node)
        return try await withTransaction { [self] connection in
            let leader = try await self.readLeader(on: connection, lock: "FOR UPDATE")
            if leader?.epoch != expected {
                guard let leader else {
                    throw ReplicaStoreError.superseded(node: nil, epoch: nil, mine: expected ?? 0)
                }
                throw ReplicaStoreError.notPrimary(node: leader.node, epoch: leader.epoch, since: leader.since, asking: node)
            }
            // The row lock above waits for every append that holds it FOR
            // SHARE, so this sees each of them committed.
            let last = try await self.lastSequence(on: connection)
            guard last <= appliedThrough else {
                throw ReplicaStoreError.behind(last: last, applied: appliedThrough)
            }
            guard let leader else {
                try await connection.query(
                    "INSERT INTO corridor.leader (singleton, epoch, node) VALUES (true, 1, \(node))", logger: logger
                )
                return 1
            }
            guard leader.epoch < UInt64(Int64.max) else {
                throw ReplicaStoreError.invalidArgument("the leader row's epoch \(leader.epoch) cannot grow any further")
            }
            let next = leader.epoch + 1
            try await connection.query(
                "UPDATE corridor.leader SET epoch = \(Int64(next)), node = \(node), since = now()", logger: logger
            )
            return next
        }
    }

    /// The row, read as it stands (`lock` empty) or locked (`FOR SHARE`,
    /// `FOR UPDATE`: constants of this file, never input).
    func readLeader(on connection: PostgresConnection, lock: StaticString) async throws -> ReplicaLeader? {
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT epoch, node, since FROM corridor.leader \(lock)"), logger: logger
        ).collect()
        guard let row = rows.first else { return nil }
        let (epoch, node, since) = try row.decode((Int64, String, Date).self)
        guard epoch > 0 else {
            throw ReplicaStoreError(
                .damaged(sequence: 0), "the leader row corridor.leader holds epoch \(epoch), which no claim or promotion makes; restore it from a backup"
            )
        }
        return ReplicaLeader(epoch: UInt64(epoch), node: node, since: since)
    }

    func lastSequence(on connection: PostgresConnection) async throws -> UInt64 {
        let rows = try await connection.query("SELECT coalesce(max(sequence), 0) FROM corridor.events", logger: logger).collect()
        let last = try rows.first?.decode(Int64.self) ?? 0
        return UInt64(clamping: last)
    }

    static func checkNodeName(_ node: String) throws(ReplicaStoreError) {
        guard !node.isEmpty, node.utf8.count <= 255, !node.contains("\0") else {
            throw ReplicaStoreError.invalidArgument(
                "a node name must be 1 to 255 bytes of text without NUL; \"\(node.prefix(40))\" is not"
            )
        }
    }
}

import PostgresNIO

/// The replica store's tables, in the PostgreSQL schema `corridor`
/// (docs/REPLICATION.md "Schema"). The DDL is idempotent and applied by
/// `ReplicaStore.prepare` in one transaction.
enum ReplicaSchema {
    /// The version this code writes and reads. A store with a higher one was
    /// made by a newer Corridor and is refused, never altered.
    static let version = 1

    /// Taken by `prepare` for its transaction, so that two daemons preparing
    /// the same database at once do not race in CREATE … IF NOT EXISTS
    /// (which can fail with a unique violation when two run concurrently).
    /// The bytes of "corridor" as a bigint.
    static let prepareLock: Int64 = 0x636F_7272_6964_6F72

    /// Taken by every append for its transaction, after the leader row:
    /// appends of the same epoch (a primary restarted while its old process
    /// still finishes one) go one after the other, each seeing the rows the
    /// other committed. Promotions do not take it; the row lock orders them.
    static let appendLock: Int64 = 0x636F_7272_6964_6F73

    static let createSchema: PostgresQuery = "CREATE SCHEMA IF NOT EXISTS corridor"

    static let createMeta: PostgresQuery = """
        CREATE TABLE IF NOT EXISTS corridor.meta (
            name text PRIMARY KEY,
            value text NOT NULL
        )
        """

    /// The tables after meta, created once meta says the version is ours.
    static let createTables: [PostgresQuery] = [
        """
        CREATE TABLE IF NOT EXISTS corridor.leader (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            epoch bigint NOT NULL,
            node text NOT NULL,
            since timestamptz NOT NULL DEFAULT now()
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS corridor.events (
            sequence bigint PRIMARY KEY CHECK (sequence > 0),
            recorded_at timestamptz NOT NULL,
            recorded_at_ns bigint NOT NULL,
            record_type integer NOT NULL,
            type_name text NOT NULL,
            actor text NOT NULL,
            payload bytea NOT NULL,
            payload_crc32c bigint NOT NULL,
            epoch bigint NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS corridor.personal_keys (
            case_id text PRIMARY KEY,
            wrapped_key bytea NOT NULL,
            first_sequence bigint NOT NULL
        )
        """,
    ]

    /// The channel a commit of new events notifies, with the last sequence
    /// as its payload.
    static let notificationChannel = "corridor_events"
}

extension ReplicaStore {
    /// Makes the schema if it is missing and checks that it is this server's:
    /// its version is not newer than this code's, and the data keys in it
    /// are wrapped by the same key-encryption key as this server's (`keyID`,
    /// the key file's id; the key itself never leaves the server). The first
    /// server to prepare a store records its key id; a server with another
    /// key file is refused, naming both ids. Safe to call from several
    /// servers at once and on every start.
    public func prepare(keyID: [UInt8]) async throws(ReplicaStoreError) {
        guard !keyID.isEmpty else {
            throw ReplicaStoreError.invalidArgument("the key file's id is empty: the replica store needs it to tell key files apart")
        }
        let keyHex = keyID.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
        let version = String(ReplicaSchema.version)
        // Already made, this version, this key file: nothing to write, so a
        // follower may read from a read-only standby. Anything else takes
        // the transaction below, which makes what is missing or says why not.
        let ready = try await withConnection { [self] connection in
            try await self.isPrepared(version: version, keyHex: keyHex, on: connection)
        }
        if ready { return }
        try await withTransaction { [self] connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(ReplicaSchema.prepareLock))", logger: logger)
            try await connection.query(ReplicaSchema.createSchema, logger: logger)
            try await connection.query(ReplicaSchema.createMeta, logger: logger)
            try await connection.query(
                "INSERT INTO corridor.meta (name, value) VALUES ('schema_version', \(version)) ON CONFLICT (name) DO NOTHING",
                logger: logger
            )
            let storedVersion = try await self.metaValue("schema_version", on: connection)
            guard let storedVersion, let number = Int(storedVersion), number >= 1 else {
                throw ReplicaStoreError.schema(
                    "corridor.meta holds schema_version \(storedVersion.map { "\"\($0)\"" } ?? "(none)"), which is no version; "
                        + "the schema corridor in \(location.redacted) was not made by Corridor"
                )
            }
            guard number <= ReplicaSchema.version else {
                throw ReplicaStoreError.schema(
                    "the replica store at \(location.redacted) has schema version \(number), newer than this server's "
                        + "\(ReplicaSchema.version); upgrade this server's Corridor before replicating to it"
                )
            }
            for statement in ReplicaSchema.createTables {
                try await connection.query(statement, logger: logger)
            }
            try await connection.query(
                "INSERT INTO corridor.meta (name, value) VALUES ('key_id', \(keyHex)) ON CONFLICT (name) DO NOTHING",
                logger: logger
            )
            let storedKey = try await self.metaValue("key_id", on: connection)
            guard storedKey == keyHex else {
                throw ReplicaStoreError.schema(
                    "the replica store's data keys are wrapped by key file \(storedKey ?? "(none)"), but this server's key file is "
                        + "\(keyHex); start it with the same key file as the other servers of this registry"
                )
            }
        }
    }

    private func isPrepared(version: String, keyHex: String, on connection: PostgresConnection) async throws -> Bool {
        let tables = try await connection.query(
            """
            SELECT to_regclass('corridor.meta') IS NOT NULL AND to_regclass('corridor.leader') IS NOT NULL
                AND to_regclass('corridor.events') IS NOT NULL AND to_regclass('corridor.personal_keys') IS NOT NULL
            """,
            logger: logger
        ).collect()
        guard try tables.first?.decode(Bool.self) == true else { return false }
        guard try await metaValue("schema_version", on: connection) == version else { return false }
        return try await metaValue("key_id", on: connection) == keyHex
    }

    func metaValue(_ name: String, on connection: PostgresConnection) async throws -> String? {
        let rows = try await connection.query("SELECT value FROM corridor.meta WHERE name = \(name)", logger: logger).collect()
        return try rows.first?.decode(String.self)
    }
}

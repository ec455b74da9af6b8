import CorridorRegistry
import CorridorStore
import PostgresNIO

extension ReplicaStore {
    /// Events per INSERT: 9 columns of 1,000 rows stay far below the 65,535
    /// parameters of one statement even as separate binds; as arrays
    /// (`unnest`) they are 7 parameters, and 1,000 rows keep a message to
    /// PostgreSQL at a few megabytes.
    static let rowsPerInsert = 1_000

    /// Copies `events` (consecutive, in order) into the replica store, with
    /// the data keys they need and the erasures they carry, in ONE
    /// transaction, under `epoch`:
    ///
    /// - the leader row is read FOR SHARE; if it no longer holds `epoch`,
    ///   `superseded` and nothing is written (the fence: a demoted or
    ///   partitioned old primary cannot append);
    /// - an event whose sequence the store already holds with the same
    ///   checksum is skipped (a retry after a lost COMMIT answer), with
    ///   another checksum is `diverged`; the first new event must follow the
    ///   store's last one (`gap` otherwise);
    /// - `keys` of the new events are inserted (a key already there is
    ///   kept), then the keys of `erasedCaseIDs` deleted;
    /// - `NOTIFY corridor_events` with the last sequence, on commit.
    ///
    /// Each event's payload must match its checksum (`damaged` otherwise:
    /// damage is never shipped). Rows go in batches of `rowsPerInsert`, so
    /// 1,000 events are a handful of round trips.
    public func append(
        _ events: [ReplicatedEvent], keys: [ReplicatedKey], erasedCaseIDs: [String], epoch: UInt64
    ) async throws(ReplicaStoreError) {
        let batch = try AppendBatch(events: events, keys: keys, erasedCaseIDs: erasedCaseIDs, epoch: epoch)
        try await withTransaction { [self] connection in
            let leader = try await connection.query(
                "SELECT epoch, node FROM corridor.leader FOR SHARE", logger: logger
            ).collect().first.map { try $0.decode((Int64, String).self) }
            guard let leader, leader.0 == batch.epoch else {
                throw ReplicaStoreError.superseded(node: leader?.1, epoch: leader.map { UInt64(clamping: $0.0) }, mine: epoch)
            }
            // One appender at a time: FOR SHARE lets two through together,
            // and each must see the other's rows before choosing its own.
            try await connection.query("SELECT pg_advisory_xact_lock(\(ReplicaSchema.appendLock))", logger: logger)
            guard let first = batch.sequences.first, let lastGiven = batch.sequences.last else {
                try await self.applyErasures(batch, on: connection)
                return
            }
            let last = try await self.lastSequence(on: connection)
            if first <= Int64(clamping: last) {
                try await self.checkPresent(batch, through: min(lastGiven, Int64(clamping: last)), on: connection)
            }
            guard let newStart = batch.sequences.firstIndex(where: { $0 > Int64(clamping: last) }) else {
                // Every event was there already: a retry of a batch that committed.
                try await self.applyErasures(batch, on: connection)
                return
            }
            guard batch.sequences[newStart] == Int64(clamping: last) + 1 else {
                throw ReplicaStoreError.gap(expected: last + 1, got: UInt64(batch.sequences[newStart]))
            }
            var start = newStart
            while start < batch.sequences.count {
                let end = min(start + Self.rowsPerInsert, batch.sequences.count)
                try await connection.query(batch.insertEvents(start..<end), logger: logger)
                start = end
            }
            // Keys only with the events that are new here: a key whose event
            // was already stored went with it, and may have been erased since.
            let newKeys = batch.keys.filter { $0.firstSequence > Int64(clamping: last) }
            if !newKeys.isEmpty {
                let caseIDs = newKeys.map { $0.caseID }
                let wrapped = newKeys.map { ByteBuffer(bytes: $0.wrappedKey) }
                let firstSequences = newKeys.map { $0.firstSequence }
                try await connection.query(
                    """
                    INSERT INTO corridor.personal_keys (case_id, wrapped_key, first_sequence)
                    SELECT * FROM unnest(\(caseIDs)::text[], \(wrapped)::bytea[], \(firstSequences)::bigint[])
                    ON CONFLICT (case_id) DO NOTHING
                    """,
                    logger: logger
                )
            }
            try await self.applyErasures(batch, on: connection)
            try await connection.query(
                "SELECT pg_notify(\(ReplicaSchema.notificationChannel), \(String(lastGiven)))", logger: logger
            )
        }
    }

    /// The events after `sequence`, at most `limit`, in order, each checked
    /// against its checksum (`damaged` when one fails, `gap` when the store
    /// lacks one), with the data keys whose first event is among them. A
    /// case erased since has no key any more: its sealed parts stay sealed.
    public func events(after sequence: UInt64, limit: Int) async throws(ReplicaStoreError) -> (events: [ReplicatedEvent], keys: [ReplicatedKey]) {
        guard let after = Int64(exactly: sequence) else {
            throw ReplicaStoreError.invalidArgument("sequence \(sequence) is beyond what the replica store can hold")
        }
        guard (1...100_000).contains(limit) else {
            throw ReplicaStoreError.invalidArgument("a read returns 1 to 100000 events, not \(limit)")
        }
        let rowLimit = Int64(limit)
        return try await withTransaction { [self] connection in
            // One snapshot for both reads, so the keys match the events.
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            let rows = try await connection.query(
                """
                SELECT sequence, recorded_at_ns, record_type, type_name, actor, payload, payload_crc32c
                FROM corridor.events WHERE sequence > \(after) ORDER BY sequence LIMIT \(rowLimit)
                """,
                logger: logger
            ).collect()
            var events: [ReplicatedEvent] = []
            events.reserveCapacity(rows.count)
            var expected = UInt64(after) + 1
            for row in rows {
                let (number, recordedAtNs, recordType, typeName, actor, payload, checksum) =
                    try row.decode((Int64, Int64, Int32, String, String, ByteBuffer, Int64).self)
                let event = try Self.storedEvent(
                    sequence: number, recordedAtNs: recordedAtNs, recordType: recordType, typeName: typeName,
                    actor: actor, payload: payload, checksum: checksum
                )
                guard event.sequence == expected else {
                    throw ReplicaStoreError.missing(expected: expected, got: event.sequence)
                }
                events.append(event)
                expected += 1
            }
            guard let lastEvent = events.last else { return (events, []) }
            let keyRows = try await connection.query(
                """
                SELECT case_id, wrapped_key, first_sequence FROM corridor.personal_keys
                WHERE first_sequence > \(after) AND first_sequence <= \(Int64(lastEvent.sequence))
                ORDER BY first_sequence, case_id
                """,
                logger: logger
            ).collect()
            let keys = try keyRows.map { row in
                let (caseID, wrapped, first) = try row.decode((String, ByteBuffer, Int64).self)
                guard let firstSequence = UInt64(exactly: first) else {
                    throw ReplicaStoreError.damaged(sequence: 0, "case \(caseID)'s key names first sequence \(first)")
                }
                return ReplicatedKey(caseID: caseID, wrappedKey: Array(wrapped.readableBytesView), firstSequence: firstSequence)
            }
            return (events, keys)
        }
    }

    /// The last sequence the store holds; 0 when it holds none.
    public func lastSequence() async throws(ReplicaStoreError) -> UInt64 {
        try await withConnection { [self] connection in
            try await self.lastSequence(on: connection)
        }
    }

    /// Every given event the store already holds, through `through`, must
    /// have the same checksum there.
    private func checkPresent(_ batch: AppendBatch, through: Int64, on connection: PostgresConnection) async throws {
        guard let first = batch.sequences.first else { return }
        let rows = try await connection.query(
            "SELECT sequence, payload_crc32c FROM corridor.events WHERE sequence BETWEEN \(first) AND \(through) ORDER BY sequence",
            logger: logger
        ).collect()
        var stored: [Int64: Int64] = [:]
        for row in rows {
            let (sequence, checksum) = try row.decode((Int64, Int64).self)
            stored[sequence] = checksum
        }
        for (index, sequence) in batch.sequences.enumerated() where sequence <= through {
            guard let checksum = stored[sequence] else {
                throw ReplicaStoreError.missing(expected: UInt64(sequence), got: UInt64(sequence + 1))
            }
            guard checksum == batch.checksums[index] else {
                throw ReplicaStoreError.diverged(sequence: UInt64(sequence))
            }
        }
    }

    private func applyErasures(_ batch: AppendBatch, on connection: PostgresConnection) async throws {
        guard !batch.erasedCaseIDs.isEmpty else { return }
        try await connection.query(
            "DELETE FROM corridor.personal_keys WHERE case_id = ANY(\(batch.erasedCaseIDs)::text[])", logger: logger
        )
    }

    /// A row as an event, refusing what no event can hold.
    static func storedEvent(
        sequence: Int64, recordedAtNs: Int64, recordType: Int32, typeName: String, actor: String, payload: ByteBuffer, checksum: Int64
    ) throws(ReplicaStoreError) -> ReplicatedEvent {
        guard sequence > 0 else {
            throw ReplicaStoreError.damaged(sequence: 0, "a row has sequence \(sequence)")
        }
        let number = UInt64(sequence)
        guard recordedAtNs >= 0 else {
            throw ReplicaStoreError.damaged(sequence: number, "recorded_at_ns is \(recordedAtNs), before 1970")
        }
        guard let type = UInt16(exactly: recordType) else {
            throw ReplicaStoreError.damaged(sequence: number, "record_type \(recordType) is no record type")
        }
        guard let stored = UInt32(exactly: checksum) else {
            throw ReplicaStoreError.damaged(sequence: number, "payload_crc32c \(checksum) is no CRC32C")
        }
        let bytes = Array(payload.readableBytesView)
        let computed = CRC32C.checksum(bytes)
        guard computed == stored else {
            throw ReplicaStoreError.damaged(
                sequence: number, "its payload's CRC32C is \(hex(computed)) but the row says \(hex(stored))"
            )
        }
        return ReplicatedEvent(
            sequence: number, recordedAtNs: UInt64(recordedAtNs), recordType: type, typeName: typeName, actor: actor,
            payload: bytes, payloadChecksum: stored
        )
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}

/// An append's arguments checked and in PostgreSQL's types, before any
/// connection is made: what the columns cannot hold is refused here.
struct AppendBatch {
    let epoch: Int64
    let sequences: [Int64]
    let recordedAtNs: [Int64]
    let recordTypes: [Int32]
    let typeNames: [String]
    let actors: [String]
    let payloads: [ByteBuffer]
    let checksums: [Int64]
    let keys: [(caseID: String, wrappedKey: [UInt8], firstSequence: Int64)]
    let erasedCaseIDs: [String]

    init(events: [ReplicatedEvent], keys: [ReplicatedKey], erasedCaseIDs: [String], epoch: UInt64) throws(ReplicaStoreError) {
        guard epoch > 0, let epochValue = Int64(exactly: epoch) else {
            throw ReplicaStoreError.invalidArgument("epoch \(epoch) is no epoch a claim or promotion returns")
        }
        self.epoch = epochValue
        var sequences: [Int64] = []
        var recordedAtNs: [Int64] = []
        var recordTypes: [Int32] = []
        var typeNames: [String] = []
        var actors: [String] = []
        var payloads: [ByteBuffer] = []
        var checksums: [Int64] = []
        for event in events {
            guard event.sequence > 0, let sequence = Int64(exactly: event.sequence) else {
                throw ReplicaStoreError.invalidArgument("event sequence \(event.sequence) cannot be stored (1 to \(Int64.max))")
            }
            // sequence - 1 cannot overflow (sequence > 0); previous + 1 could.
            if let previous = sequences.last, sequence - 1 != previous {
                throw ReplicaStoreError.gap(expected: UInt64(previous) + 1, got: event.sequence)
            }
            guard let time = Int64(exactly: event.recordedAtNs) else {
                throw ReplicaStoreError.invalidArgument("event \(event.sequence)'s time \(event.recordedAtNs) ns is beyond the year 2262")
            }
            for (name, text) in [("type name", event.typeName), ("actor", event.actor)] where text.contains("\0") {
                throw ReplicaStoreError.invalidArgument("event \(event.sequence)'s \(name) contains NUL, which PostgreSQL text cannot hold")
            }
            guard CRC32C.checksum(event.payload) == event.payloadChecksum else {
                throw ReplicaStoreError(
                    .damaged(sequence: event.sequence),
                    "event \(event.sequence)'s payload does not match its checksum; it was not sent to the replica store. "
                        + "Check the local log (corridorctl inspect verify)"
                )
            }
            sequences.append(sequence)
            recordedAtNs.append(time)
            recordTypes.append(Int32(event.recordType))
            typeNames.append(event.typeName)
            actors.append(event.actor)
            payloads.append(ByteBuffer(bytes: event.payload))
            checksums.append(Int64(event.payloadChecksum))
        }
        var checkedKeys: [(caseID: String, wrappedKey: [UInt8], firstSequence: Int64)] = []
        for key in keys {
            guard !key.caseID.isEmpty, !key.caseID.contains("\0") else {
                throw ReplicaStoreError.invalidArgument("a data key's case id must be text without NUL, not empty")
            }
            guard key.firstSequence > 0, let first = Int64(exactly: key.firstSequence) else {
                throw ReplicaStoreError.invalidArgument("case \(key.caseID)'s key names first sequence \(key.firstSequence)")
            }
            checkedKeys.append((key.caseID, key.wrappedKey, first))
        }
        for caseID in erasedCaseIDs where caseID.contains("\0") {
            throw ReplicaStoreError.invalidArgument("an erased case id contains NUL")
        }
        self.sequences = sequences
        self.recordedAtNs = recordedAtNs
        self.recordTypes = recordTypes
        self.typeNames = typeNames
        self.actors = actors
        self.payloads = payloads
        self.checksums = checksums
        self.keys = checkedKeys
        self.erasedCaseIDs = erasedCaseIDs
    }

    /// One multi-row INSERT of the events in `range`, as seven array
    /// parameters unnested together. `recorded_at` is exact to the
    /// microsecond (PostgreSQL's precision); `recorded_at_ns` keeps the rest.
    func insertEvents(_ range: Range<Int>) -> PostgresQuery {
        let sequences = Array(self.sequences[range])
        let times = Array(recordedAtNs[range])
        let types = Array(recordTypes[range])
        let names = Array(typeNames[range])
        let actors = Array(self.actors[range])
        let payloads = Array(self.payloads[range])
        let checksums = Array(self.checksums[range])
        return """
            INSERT INTO corridor.events
                (sequence, recorded_at, recorded_at_ns, record_type, type_name, actor, payload, payload_crc32c, epoch)
            SELECT e.sequence, timestamptz 'epoch' + (e.ns / 1000) * interval '1 microsecond', e.ns,
                   e.record_type, e.type_name, e.actor, e.payload, e.crc, \(epoch)
            FROM unnest(\(sequences)::bigint[], \(times)::bigint[], \(types)::integer[], \(names)::text[],
                        \(actors)::text[], \(payloads)::bytea[], \(checksums)::bigint[])
                AS e(sequence, ns, record_type, type_name, actor, payload, crc)
            """
    }
}

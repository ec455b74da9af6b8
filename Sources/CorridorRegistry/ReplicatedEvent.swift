import CorridorModel

/// One committed event as it leaves this server for the replica store
/// (docs/REPLICATION.md) and as a follower takes it back: the log record's
/// bytes exactly as the local log holds them (personal parts sealed with the
/// case's data key, never in clear), with its sequence, time and type, and
/// for people reading the replica store the event's name and who made it.
public struct ReplicatedEvent: Sendable, Equatable {
    /// The record's sequence in the log: the same on every copy.
    public var sequence: UInt64
    /// When the primary committed it, unix nanoseconds (the record header's).
    public var recordedAtNs: UInt64
    /// The record type number of the log (docs/STORAGE.md).
    public var recordType: UInt16
    /// The event kind's name (`CaseRegistered`…), for people and SQL.
    public var typeName: String
    /// Who made it, as history shows it: `name (uid N)`.
    public var actor: String
    /// The record payload, byte for byte as in the local log.
    public var payload: [UInt8]
    /// CRC32C of `payload`: checked on the way in, so that a copy damaged
    /// anywhere between two logs is refused, never applied.
    public var payloadChecksum: UInt32

    public init(
        sequence: UInt64, recordedAtNs: UInt64, recordType: UInt16, typeName: String, actor: String, payload: [UInt8], payloadChecksum: UInt32
    ) {
        self.sequence = sequence
        self.recordedAtNs = recordedAtNs
        self.recordType = recordType
        self.typeName = typeName
        self.actor = actor
        self.payload = payload
        self.payloadChecksum = payloadChecksum
    }
}

/// What a registry asks of replication around each write: whether it may
/// write at all (a follower may not; a primary in sync mode may not while
/// the replica store is unreachable), and once a command is durable here,
/// whether it is durable there too. Set with `Registry.setReplicationGate`;
/// without one, a write is acknowledged on local durability alone.
public protocol ReplicationGate: Sendable {
    /// Before a command's events are appended; a throw refuses the command
    /// and nothing is written (FAILED_PRECONDITION on a follower, naming the
    /// primary; UNAVAILABLE in sync mode while the replica store is down).
    func admitWrite() throws(RegistryError)
    /// After the command's events are durable locally, before it is
    /// acknowledged: returns once the replica store holds every event through
    /// `sequence` (sync), or at once (async). A throw answers the command
    /// with that error: it is written here and will be replicated when the
    /// store returns, but it was never acknowledged.
    func waitUntilReplicated(through sequence: UInt64) async throws(RegistryError)
}

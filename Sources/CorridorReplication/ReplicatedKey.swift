/// A case's data key as the replica store holds it: wrapped by the key
/// file's key-encryption key, byte for byte as the local key store holds it
/// (docs/STORAGE.md "The key store"). The key-encryption key itself never
/// leaves the server, so PostgreSQL alone can never open a sealed personal part.
public struct ReplicatedKey: Sendable, Equatable {
    /// The case whose personal parts this key seals.
    public var caseID: String
    /// The data key wrapped by the key-encryption key.
    public var wrappedKey: [UInt8]
    /// The first replicated event that needs this key: a follower reading
    /// events from there on receives the key with them.
    public var firstSequence: UInt64

    public init(caseID: String, wrappedKey: [UInt8], firstSequence: UInt64) {
        self.caseID = caseID
        self.wrappedKey = wrappedKey
        self.firstSequence = firstSequence
    }
}

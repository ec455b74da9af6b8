/// Where a server's cases' data keys are, as replication needs them: the
/// primary sends each wrapped key with the first event that needs it, a
/// follower stores the keys it receives before applying those events.
/// CorridorPrivacy's `PersonalDataVault` is the one corridord gives; the
/// keys stay wrapped by the key file's key, which never leaves the server.
public protocol ReplicationKeyring: Sendable {
    /// The id of the key file's key, recorded in the replica store so that a
    /// server with another key file is refused.
    var keyID: [UInt8] { get }
    /// The case's data key, wrapped; nil when it has none (nothing sealed, or erased).
    func wrappedDataKey(of caseID: String) -> [UInt8]?
    /// Stores a wrapped data key from the primary, durably, once it is shown
    /// to unwrap with this server's key file.
    func adoptWrappedDataKey(_ wrapped: [UInt8], of caseID: String) throws
}

import CorridorStore
import Crypto

// Replication (docs/REPLICATION.md) copies cases' data keys between servers
// the way the key store holds them: wrapped by the key file's key, which
// itself never leaves the server. A follower given the primary's key file
// can open them; anyone else holding the replica store cannot.

extension PersonalDataVault {
    /// The id of the key file's key: the replica store records it, so that
    /// a server with another key file is refused before it stores a key it
    /// could never open.
    public var keyID: [UInt8] { keyFile.id }

    /// The case's data key as the key store holds it (wrapped), or nil when
    /// it has none (nothing sealed, or erased).
    public func wrappedDataKey(of caseID: String) -> [UInt8]? {
        wrappedKey(of: caseID)
    }

    /// Stores a data key received from the primary, wrapped, once it is
    /// shown to unwrap with this server's key file, and returns once it is
    /// durable. A key the case already has is left alone.
    public func adoptWrappedDataKey(_ wrapped: [UInt8], of caseID: String) throws(PrivacyError) {
        guard case .store(let store) = keys else { throw PrivacyError(.keyStore, "this key store was opened read-only") }
        guard store.wrappedKey(of: caseID) == nil else { return }
        do {
            let box = try AES.GCM.SealedBox(combined: wrapped)
            _ = try AES.GCM.open(box, using: keyFile.key, authenticating: Self.wrappingContext(caseID))
        } catch {
            throw PrivacyError(
                .keyMismatch,
                "the replicated data key of case \(caseID) does not unwrap with key file \(keyFilePath): this server needs the primary's key file"
            )
        }
        do {
            try store.add(caseID: caseID, wrappedKey: wrapped)
        } catch {
            throw PrivacyError(store: error)
        }
    }
}

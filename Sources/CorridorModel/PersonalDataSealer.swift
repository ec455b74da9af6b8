/// Seals a case's personal part with the case's own data key, and destroys
/// that key on erasure (crypto-shredding). The record coding seals and opens
/// through it; the registry destroys keys through it. Implemented by
/// CorridorPrivacy (swift-crypto, the key file and the key store), so that
/// neither the model nor the registry sees a cipher or a key.
public protocol PersonalDataSealer: Sendable {
    /// The sealed bytes of `plaintext`, bound to `caseID`. Makes the case's
    /// data key durable first when it has none yet, so that no record sealed
    /// with a key can be acknowledged before the key itself is safe.
    func seal(_ plaintext: [UInt8], caseID: String) throws(SealingError) -> [UInt8]
    /// The plaintext of `sealed`, or nil when the case's data key is gone
    /// (erased). Throws when the bytes do not open with a key that exists:
    /// damage, or a record moved from another case.
    func open(_ sealed: [UInt8], caseID: String) throws(SealingError) -> [UInt8]?
    /// Destroys the data keys of these cases durably; a case without a key
    /// is no error (an erasure finished before a crash, or nothing sealed).
    func destroyKeys(of caseIDs: Set<String>) throws(SealingError)
    /// Whether the case has a data key.
    func hasKey(caseID: String) -> Bool
}

/// Why personal data could not be sealed, opened or its key destroyed.
public struct SealingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

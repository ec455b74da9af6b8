import CorridorStore

/// Why personal data cannot be sealed or opened here: the key file missing,
/// reachable by others or damaged, or the key store not matching it. Each
/// names the file, so that a refusal to start says what to fix.
public struct PrivacyError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case missingKeyFile
        case keyFileMode
        case damagedKeyFile
        case keyMismatch
        case keyStore
        case sealing
    }

    let kind: Kind
    public let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// The key file is open to group or others: a matter of its mode, not of
    /// its contents (corridord exits with a status of its own for it).
    public var isPermissionProblem: Bool { kind == .keyFileMode }

    /// A refusal of the key store itself (damage, I/O), as the store said it.
    public var storeError: StoreError? {
        kind == .keyStore ? storeCause : nil
    }

    private var storeCause: StoreError?

    init(store error: StoreError) {
        kind = .keyStore
        description = error.description
        storeCause = error
    }
}

import CorridorModel
import CorridorStore
import Crypto
import Glibc
import Synchronization

/// Seals each case's personal part with a data key of its own (AES-256-GCM,
/// the case id bound in), keeps the data keys wrapped by the key file's key
/// in the key store, and destroys a case's key on erasure: with the key gone,
/// every copy of its sealed records (log, snapshots, backups) is noise.
public final class PersonalDataVault: PersonalDataSealer {
    public let keyFilePath: String
    let keyFile: KeyFile
    let keys: Keys
    /// Unwrapped data keys, so that a snapshot does not unwrap every key again.
    /// (Bytes: SymmetricKey is not Sendable in swift-crypto 3.)
    private let cache = Mutex<[String: [UInt8]]>([:])

    enum Keys: Sendable {
        /// corridord's: keys are added and destroyed.
        case store(PersonalKeyStore)
        /// inspect's: a copy of the key store read once, never written.
        case readOnly([String: [UInt8]])
    }

    private init(keyFilePath: String, keyFile: KeyFile, keys: Keys) {
        self.keyFilePath = keyFilePath
        self.keyFile = keyFile
        self.keys = keys
    }

    /// corridord's vault: the key file at `keyFile` (created when absent and
    /// the key store holds no key yet), the key store in `dataDirectory`
    /// (created when absent). Refuses, naming the file, a key file that is
    /// reachable by others, damaged, missing while keys are stored, or not
    /// the key the stored keys are wrapped with.
    public static func open(keyFile path: String, dataDirectory: String) throws(PrivacyError) -> PersonalDataVault {
        let storePath = dataDirectory + "/" + KeyStoreFormat.fileName
        let keyFile: KeyFile
        if access(path, F_OK) != 0 && errno == ENOENT {
            if access(storePath, F_OK) == 0 {
                let stored: KeyStoreFormat.Contents
                do { stored = try PersonalKeyStore.read(path: storePath) } catch { throw PrivacyError(store: error) }
                if !stored.keys.isEmpty {
                    throw PrivacyError(
                        .missingKeyFile,
                        "key file \(path) is missing, and key store \(storePath) holds \(stored.keys.count) data keys wrapped with key \(KeyFile.hex(stored.keyID)): restore that key file (a new key could open none of them)"
                    )
                }
            }
            keyFile = try KeyFile.create(path: path)
        } else {
            keyFile = try KeyFile.load(path: path)
        }
        let store: PersonalKeyStore
        do {
            store = try PersonalKeyStore(dataDirectory: dataDirectory, newKeyID: keyFile.id)
        } catch {
            throw PrivacyError(store: error)
        }
        if store.keyID != keyFile.id {
            if store.count == 0 {
                // Nothing is wrapped yet: the store takes the key file's id.
                do { try store.rekeyEmpty(to: keyFile.id) } catch { throw PrivacyError(store: error) }
                return try open(keyFile: path, dataDirectory: dataDirectory)
            }
            throw PrivacyError(
                .keyMismatch,
                "key file \(path) holds key \(keyFile.idText), but key store \(storePath) holds \(store.count) data keys wrapped with key \(KeyFile.hex(store.keyID)): give the key file they were written with"
            )
        }
        return PersonalDataVault(keyFilePath: path, keyFile: keyFile, keys: .store(store))
    }

    /// inspect's vault: reads the key file and the key store, writes nothing.
    public static func openReadOnly(keyFile path: String, dataDirectory: String) throws(PrivacyError) -> PersonalDataVault {
        let keyFile = try KeyFile.load(path: path)
        let storePath = dataDirectory + "/" + KeyStoreFormat.fileName
        var stored: [String: [UInt8]] = [:]
        if access(storePath, F_OK) == 0 {
            let contents: KeyStoreFormat.Contents
            do { contents = try PersonalKeyStore.read(path: storePath) } catch { throw PrivacyError(store: error) }
            guard contents.keyID == keyFile.id || contents.keys.isEmpty else {
                throw PrivacyError(
                    .keyMismatch,
                    "key file \(path) holds key \(keyFile.idText), but key store \(storePath) is wrapped with key \(KeyFile.hex(contents.keyID))"
                )
            }
            stored = contents.keys
        }
        return PersonalDataVault(keyFilePath: path, keyFile: keyFile, keys: .readOnly(stored))
    }

    // MARK: PersonalDataSealer

    public func seal(_ plaintext: [UInt8], caseID: String) throws(SealingError) -> [UInt8] {
        let key = try dataKey(of: caseID, creating: true)
        guard let key else { throw SealingError("no data key for case \(caseID)") }
        do {
            guard let combined = try AES.GCM.seal(plaintext, using: key, authenticating: Self.personalContext(caseID)).combined else {
                throw SealingError("AES-GCM gave no combined form")
            }
            return Array(combined)
        } catch let error as SealingError {
            throw error
        } catch {
            throw SealingError("cannot seal the personal part of case \(caseID): \(error)")
        }
    }

    public func open(_ sealed: [UInt8], caseID: String) throws(SealingError) -> [UInt8]? {
        guard let key = try dataKey(of: caseID, creating: false) else { return nil }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return Array(try AES.GCM.open(box, using: key, authenticating: Self.personalContext(caseID)))
        } catch {
            throw SealingError("the sealed personal part of case \(caseID) does not open with its key (damaged, or moved from another case)")
        }
    }

    public func destroyKeys(of caseIDs: Set<String>) throws(SealingError) {
        guard case .store(let store) = keys else { throw SealingError("this key store was opened read-only") }
        do {
            try cache.withLock { (cache: inout [String: [UInt8]]) throws(StoreError) in
                try store.remove(caseIDs)
                for id in caseIDs { cache[id] = nil }
            }
        } catch {
            throw SealingError("cannot destroy the data keys of \(caseIDs.sorted().joined(separator: ", ")): \(error)")
        }
    }

    public func hasKey(caseID: String) -> Bool {
        wrappedKey(of: caseID) != nil
    }

    // MARK: Keys

    func wrappedKey(of caseID: String) -> [UInt8]? {
        switch keys {
        case .store(let store): store.wrappedKey(of: caseID)
        case .readOnly(let stored): stored[caseID]
        }
    }

    /// The case's data key; with `creating`, a new one made durable first when it has none.
    private func dataKey(of caseID: String, creating: Bool) throws(SealingError) -> SymmetricKey? {
        let result: Result<[UInt8]?, SealingError> = cache.withLock { cache in
            if let key = cache[caseID] { return .success(key) }
            if let wrapped = wrappedKey(of: caseID) {
                do {
                    let box = try AES.GCM.SealedBox(combined: wrapped)
                    let key = Array(try AES.GCM.open(box, using: keyFile.key, authenticating: Self.wrappingContext(caseID)))
                    cache[caseID] = key
                    return .success(key)
                } catch {
                    return .failure(SealingError("the data key of case \(caseID) does not unwrap with key file \(keyFilePath): the key store is damaged"))
                }
            }
            guard creating else { return .success(nil) }
            guard case .store(let store) = keys else { return .failure(SealingError("this key store was opened read-only")) }
            let key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            do {
                let wrapped = try AES.GCM.seal(key, using: keyFile.key, authenticating: Self.wrappingContext(caseID))
                guard let combined = wrapped.combined else { return .failure(SealingError("AES-GCM gave no combined form")) }
                try store.add(caseID: caseID, wrappedKey: Array(combined))
            } catch {
                return .failure(SealingError("cannot store a data key for case \(caseID): \(error)"))
            }
            cache[caseID] = key
            return .success(key)
        }
        return try result.get().map { SymmetricKey(data: $0) }
    }

    /// Associated data: a sealed part opens only as the case it was sealed for.
    private static func personalContext(_ caseID: String) -> [UInt8] {
        Array("corridor personal v1\u{0}\(caseID)".utf8)
    }

    static func wrappingContext(_ caseID: String) -> [UInt8] {
        Array("corridor data key v1\u{0}\(caseID)".utf8)
    }
}

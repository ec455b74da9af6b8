import Glibc
import Synchronization
import SystemPackage

/// The wrapped data keys of cases' personal parts (KeyStoreFormat), in the
/// data directory beside the log. Adding a key appends it and syncs before
/// returning, so a record sealed with it is never acknowledged before the
/// key is durable; destroying keys rewrites the file without them (temporary
/// file, fsync, rename, fsync of the directory), so that after a crash the
/// file is either the old one or the new one, never half of each.
///
/// The store never sees a key in clear: what it keeps is wrapped by the key
/// file's key (CorridorPrivacy). Used from the registry's actor and from a
/// background snapshot at once, hence the lock.
public final class PersonalKeyStore: Sendable {
    public let path: String
    /// The id of the key-encryption key this store's keys are wrapped with.
    public let keyID: [UInt8]
    private let directory: String
    private let state: Mutex<State>
    /// Told of every sync and name change (StoreOptions.durabilityObserver).
    private let observer: (any DurabilityObserver)?

    private struct State {
        var keys: [String: [UInt8]]
        var descriptor: FileDescriptor
        var end: Int64
    }

    /// Opens the store in `dataDirectory`, creating it for `newKeyID` when
    /// there is none. A torn append at the tail (a key whose record was never
    /// acknowledged) is cut away; damage elsewhere is refused (corrupt).
    public init(dataDirectory: String, newKeyID: [UInt8], observer: (any DurabilityObserver)? = nil) throws(StoreError) {
        directory = dataDirectory
        path = dataDirectory + "/" + KeyStoreFormat.fileName
        self.observer = observer
        if access(path, F_OK) != 0 {
            try Self.replace(path: path, directory: dataDirectory, with: KeyStoreFormat.header(keyID: newKeyID), observer: observer)
        }
        let contents = try Self.read(path: path)
        keyID = contents.keyID
        do {
            let descriptor = try FileDescriptor.open(path, .readWrite, options: [.closeOnExec])
            var status = Glibc.stat()
            guard fstat(descriptor.rawValue, &status) == 0 else { throw Errno(rawValue: errno) }
            if Int(status.st_size) > contents.validLength {
                // A torn append: its key sealed nothing acknowledged.
                guard ftruncate(descriptor.rawValue, off_t(contents.validLength)) == 0 else { throw Errno(rawValue: errno) }
                observer?.observe(.resized(path: path, length: contents.validLength))
                try descriptor.synchronizeAll()
                observer?.observe(.synchronizedFile(path: path))
            }
            state = Mutex(State(keys: contents.keys, descriptor: descriptor, end: Int64(contents.validLength)))
        } catch {
            throw StoreError.writing(path, "open", error)
        }
    }

    deinit {
        state.withLock { try? $0.descriptor.close() }
    }

    /// Reads a key store without opening it for writing (inspect, fuzzing).
    public static func read(path: String) throws(StoreError) -> KeyStoreFormat.Contents {
        let bytes: [UInt8]
        do {
            let descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
            defer { try? descriptor.close() }
            var status = Glibc.stat()
            guard fstat(descriptor.rawValue, &status) == 0 else { throw Errno(rawValue: errno) }
            let size = Int(status.st_size)
            bytes = try [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                count = try descriptor.read(fromAbsoluteOffset: 0, into: UnsafeMutableRawBufferPointer(buffer))
            }
            guard bytes.count == size else { throw Errno.ioError }
        } catch {
            throw StoreError(.io, "cannot read key store \(path): \(error)")
        }
        return try KeyStoreFormat.parse(bytes, path: path)
    }

    public var count: Int { state.withLock { $0.keys.count } }

    public func wrappedKey(of caseID: String) -> [UInt8]? {
        state.withLock { $0.keys[caseID] }
    }

    /// Adds a case's wrapped key and returns once it is durable. Refuses an
    /// id or key longer than the format holds.
    public func add(caseID: String, wrappedKey: [UInt8]) throws(StoreError) {
        guard !caseID.isEmpty, caseID.utf8.count <= KeyStoreFormat.maximumCaseIDLength,
            !wrappedKey.isEmpty, wrappedKey.count <= KeyStoreFormat.maximumWrappedKeyLength
        else {
            throw StoreError(.tooLarge, "a key store entry holds a case id of 1 to \(KeyStoreFormat.maximumCaseIDLength) bytes and a key of 1 to \(KeyStoreFormat.maximumWrappedKeyLength)")
        }
        let entry = KeyStoreFormat.entry(caseID: caseID, wrappedKey: wrappedKey)
        let path = self.path
        let observer = self.observer
        try state.withLock { (state: inout State) throws(StoreError) in
            guard state.keys[caseID] == nil else { return }
            do {
                _ = try state.descriptor.writeAll(toAbsoluteOffset: state.end, entry)
                observer?.observe(.synchronizingFile(path: path))
                try state.descriptor.synchronizeData()
                observer?.observe(.synchronizedFile(path: path))
            } catch {
                // Whatever part of the entry reached the file is a torn tail the next open cuts away.
                throw StoreError.writing(path, "append a key to", error)
            }
            state.end += Int64(entry.count)
            state.keys[caseID] = wrappedKey
        }
    }

    /// Destroys these cases' keys: the file rewritten without them and made
    /// durable before this returns. Ids without a key are no error.
    public func remove(_ caseIDs: Set<String>) throws(StoreError) {
        let path = self.path
        let directory = self.directory
        let keyID = self.keyID
        let observer = self.observer
        try state.withLock { (state: inout State) throws(StoreError) in
            guard caseIDs.contains(where: { state.keys[$0] != nil }) else { return }
            var kept = state.keys
            for id in caseIDs { kept[id] = nil }
            var bytes = KeyStoreFormat.header(keyID: keyID)
            for (id, key) in kept.sorted(by: { $0.key < $1.key }) {
                bytes += KeyStoreFormat.entry(caseID: id, wrappedKey: key)
            }
            try Self.replace(path: path, directory: directory, with: bytes, observer: observer)
            do {
                let descriptor = try FileDescriptor.open(path, .readWrite, options: [.closeOnExec])
                try? state.descriptor.close()
                state.descriptor = descriptor
            } catch {
                throw StoreError.writing(path, "reopen", error)
            }
            state.keys = kept
            state.end = Int64(bytes.count)
        }
    }

    /// Rewrites a store that holds no key for another key file's id (a key
    /// file replaced before anything was sealed). The instance keeps the old
    /// id: open the store again.
    public func rekeyEmpty(to newKeyID: [UInt8]) throws(StoreError) {
        guard count == 0 else { throw StoreError(.corrupt, "key store \(path) holds keys; it cannot take another key's id") }
        try Self.replace(path: path, directory: directory, with: KeyStoreFormat.header(keyID: newKeyID), observer: observer)
    }

    /// Temporary file, fsync, rename over `path`, fsync of the directory.
    private static func replace(path: String, directory: String, with bytes: [UInt8], observer: (any DurabilityObserver)?) throws(StoreError) {
        let temporary = path + ".tmp"
        do {
            let existed = access(temporary, F_OK) == 0
            let descriptor = try FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .truncate, .closeOnExec], permissions: [.ownerReadWrite]
            )
            if !existed { observer?.observe(.created(path: temporary)) }
            do {
                try descriptor.writeAll(bytes)
                observer?.observe(.synchronizingFile(path: temporary))
                try descriptor.synchronizeAll()
                observer?.observe(.synchronizedFile(path: temporary))
                try descriptor.close()
            } catch {
                try? descriptor.close()
                throw error
            }
            guard rename(temporary, path) == 0 else { throw Errno(rawValue: errno) }
            observer?.observe(.renamed(from: temporary, to: path))
        } catch {
            if unlink(temporary) == 0 { observer?.observe(.removed(path: temporary)) }
            throw StoreError.writing(path, "write", error)
        }
        try Segment.syncDirectory(directory, observer: observer)
    }
}


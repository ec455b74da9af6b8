import Glibc
import SystemPackage

/// An exclusive flock on the data directory itself, held for the life of the
/// daemon. The directory cannot be unlinked from under its holder the way a
/// lock file can (delete DIR/LOCK and a second daemon would lock a new file
/// and write the same segments). DIR/LOCK only holds the holder's pid, so
/// that a refused second daemon can name it.
struct DataDirectoryLock: ~Copyable {
    static let fileName = "LOCK"
    private let descriptor: FileDescriptor

    /// The corresponding C function is `flock`.
    init(directory: String) throws(StoreError) {
        let descriptor: FileDescriptor
        do {
            descriptor = try Self.openDirectory(directory)
        } catch {
            throw StoreError(.io, "cannot open data directory \(directory): \(error)")
        }
        guard Self.lockWithinGracePeriod(descriptor) else {
            let reason = Errno(rawValue: errno)
            try? descriptor.close()
            if reason == .wouldBlock {
                let holder = Self.holder(of: directory)
                throw StoreError(.locked, "data directory \(directory) is in use by another corridord (pid \(holder.map(String.init) ?? "unknown"))")
            }
            throw StoreError(.io, "cannot lock data directory \(directory): \(reason)")
        }
        Self.recordPID(in: directory)
        self.descriptor = descriptor
    }

    deinit {
        try? descriptor.close()
    }

    /// The data directory's own descriptor, the object the lock is on.
    /// The corresponding C function is `open` with O_DIRECTORY.
    static func openDirectory(_ directory: String) throws -> FileDescriptor {
        try FileDescriptor.open(directory, .readOnly, options: [.directory, .closeOnExec])
    }

    /// flock(LOCK_EX | LOCK_NB), tried for up to two seconds before giving up.
    /// A lock can be held for a moment by a process that is not a daemon: a
    /// child forked by the holder keeps the descriptor (and so the lock) until
    /// its exec closes it, `corridorctl inspect` probes it, a daemon restarted
    /// by systemd may still be exiting. Errors other than EWOULDBLOCK fail at once.
    private static func lockWithinGracePeriod(_ descriptor: FileDescriptor) -> Bool {
        for attempt in 0..<80 {
            if flock(descriptor.rawValue, LOCK_EX | LOCK_NB) == 0 { return true }
            guard errno == EWOULDBLOCK, attempt < 79 else { return false }
            var pause = timespec(tv_sec: 0, tv_nsec: 25_000_000)
            nanosleep(&pause, nil)
        }
        return false
    }

    /// Writes our pid into DIR/LOCK for messages. Best effort: the lock is
    /// on the directory, and a LOCK that cannot be written costs only the
    /// pid in a refusal.
    private static func recordPID(in directory: String) {
        let path = directory + "/" + fileName
        guard let descriptor = try? FileDescriptor.open(
            path, .writeOnly, options: [.create, .truncate, .closeOnExec], permissions: [.ownerReadWrite]
        ) else { return }
        defer { try? descriptor.close() }
        _ = try? descriptor.writeAll(toAbsoluteOffset: 0, Array("\(getpid())\n".utf8))
    }

    /// The pid a holder wrote, for the refusal message.
    static func holder(of directory: String) -> Int32? {
        guard let descriptor = try? FileDescriptor.open(directory + "/" + fileName, .readOnly, options: [.closeOnExec]) else { return nil }
        defer { try? descriptor.close() }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = (try? buffer.withUnsafeMutableBytes { try descriptor.read(fromAbsoluteOffset: 0, into: $0) }) ?? 0
        let digits = buffer.prefix(count).prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return Int32(String(decoding: digits, as: UTF8.self))
    }
}

/// The data directory's lock as a shareable owner: created with the
/// directory if need be, released when the last reference goes.
public final class StoreDirectoryLock: @unchecked Sendable {
    private let lock: DataDirectoryLock
    public let directory: String

    public init(directory: String) throws(StoreError) {
        do {
            try EventLog.createDirectory(directory)
        } catch {
            throw StoreError(.io, "cannot create data directory \(directory): \(error)")
        }
        self.lock = try DataDirectoryLock(directory: directory)
        self.directory = directory
    }
}

import FoundationEssentials
import Glibc
import Logging
import SystemPackage

/// The on-disk layout of a snapshot file (docs/STORAGE.md): a 64-byte
/// header, then the registry state as one protobuf message.
public enum SnapshotFormat {
    public static let magic: [UInt8] = Array("CRDRSNAP".utf8)
    public static let version: UInt16 = 1
    public static let headerSize = 64

    public static func fileName(sequence: UInt64) -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".snap"
    }

    public static func sequence(fromFileName name: String) -> UInt64? {
        guard name.hasSuffix(".snap"), name.count == 25 else { return nil }
        return UInt64(name.dropLast(5))
    }
}

public struct SnapshotHeader: Sendable, Equatable {
    /// The state includes every record up to and including this sequence.
    public var sequence: UInt64
    public var createdAtNanoseconds: UInt64
    public var payloadLength: UInt64
    /// CRC32C of the payload.
    public var payloadChecksum: UInt32

    public func encoded() -> [UInt8] {
        var bytes = SnapshotFormat.magic                 // 0..<8
        bytes.appendLittleEndian(SnapshotFormat.version) // 8..<10
        bytes.appendLittleEndian(UInt16(SnapshotFormat.headerSize)) // 10..<12
        bytes.appendLittleEndian(UInt32(0))              // 12..<16 flags
        bytes.appendLittleEndian(sequence)               // 16..<24
        bytes.appendLittleEndian(createdAtNanoseconds)   // 24..<32
        bytes.appendLittleEndian(payloadLength)          // 32..<40
        bytes.appendLittleEndian(payloadChecksum)        // 40..<44
        bytes.appendLittleEndian(CRC32C.checksum(bytes)) // 44..<48: CRC32C of bytes 0..<44
        bytes += [UInt8](repeating: 0, count: SnapshotFormat.headerSize - bytes.count)
        return bytes
    }

    public init(sequence: UInt64, createdAtNanoseconds: UInt64, payloadLength: UInt64, payloadChecksum: UInt32) {
        self.sequence = sequence
        self.createdAtNanoseconds = createdAtNanoseconds
        self.payloadLength = payloadLength
        self.payloadChecksum = payloadChecksum
    }

    public init(decoding bytes: UnsafeRawBufferPointer) throws(SnapshotFault) {
        guard bytes.count >= SnapshotFormat.headerSize else { throw SnapshotFault("shorter than a snapshot header") }
        guard bytes.prefix(8).elementsEqual(SnapshotFormat.magic) else { throw SnapshotFault("not a Corridor snapshot (bad magic)") }
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<44])) == bytes.littleEndian(at: 44, as: UInt32.self) else {
            throw SnapshotFault("header checksum mismatch")
        }
        let version = bytes.littleEndian(at: 8, as: UInt16.self)
        guard version == SnapshotFormat.version else { throw SnapshotFault("format version \(version) is not supported") }
        sequence = bytes.littleEndian(at: 16)
        createdAtNanoseconds = bytes.littleEndian(at: 24)
        payloadLength = bytes.littleEndian(at: 32)
        payloadChecksum = bytes.littleEndian(at: 40)
    }
}

public struct SnapshotFault: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Snapshot files in DIR/snapshots: written whole or not at all, read newest
/// first, a damaged one skipped for the one before it and moved to
/// DIR/quarantine (never deleted: it is evidence, and the log alone still
/// holds every record it summed up).
public struct SnapshotStore: Sendable {
    public let directory: String
    /// Where damaged snapshots are moved: DIR/quarantine.
    public let quarantineDirectory: String
    /// How many snapshots to keep; older ones are removed after a new one is durable.
    public var keep = 3
    private let logger: Logger
    /// Told of every sync and name change (StoreOptions.durabilityObserver).
    private let observer: (any DurabilityObserver)?

    public init(dataDirectory: String, logger: Logger, observer: (any DurabilityObserver)? = nil) {
        self.directory = dataDirectory + "/" + DataDirectoryLayout.snapshots
        self.quarantineDirectory = dataDirectory + "/" + DataDirectoryLayout.quarantine
        self.logger = logger
        self.observer = observer
    }

    /// Writes `payload` as the state through `sequence`: temporary file,
    /// fsync, rename, fsync of the directory.
    public func write(sequence: UInt64, payload: [UInt8]) throws(StoreError) {
        do {
            try EventLog.createDirectory(directory, observer: observer)
        } catch {
            throw StoreError(.io, "cannot create \(directory): \(error)")
        }
        let header = SnapshotHeader(
            sequence: sequence, createdAtNanoseconds: Clock.unixNanoseconds(),
            payloadLength: UInt64(payload.count), payloadChecksum: CRC32C.checksum(payload)
        )
        let final = directory + "/" + SnapshotFormat.fileName(sequence: sequence)
        let temporary = final + ".tmp"
        do {
            let existed = access(temporary, F_OK) == 0
            let descriptor = try FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .truncate, .closeOnExec], permissions: [.ownerReadWrite]
            )
            if !existed { observer?.observe(.created(path: temporary)) }
            do {
                try descriptor.writeAll(header.encoded())
                try descriptor.writeAll(payload)
                observer?.observe(.synchronizingFile(path: temporary))
                try descriptor.synchronizeAll()
                observer?.observe(.synchronizedFile(path: temporary))
                try descriptor.close()
            } catch {
                try? descriptor.close()
                throw error
            }
            guard rename(temporary, final) == 0 else { throw Errno(rawValue: errno) }
            observer?.observe(.renamed(from: temporary, to: final))
        } catch let error as Errno {
            if unlink(temporary) == 0 { observer?.observe(.removed(path: temporary)) }
            if error == .noSpace || error == .diskQuotaExceeded {
                throw StoreError(.noSpace, "no space left for a snapshot in \(directory)")
            }
            throw StoreError(.io, "cannot write snapshot \(final): \(error)")
        } catch {
            if unlink(temporary) == 0 { observer?.observe(.removed(path: temporary)) }
            throw StoreError(.io, "cannot write snapshot \(final): \(error)")
        }
        try Segment.syncDirectory(directory, observer: observer)
        removeOld()
    }

    public struct Loaded: Sendable {
        public let header: SnapshotHeader
        public let payload: [UInt8]
        public let path: String
    }

    /// The newest snapshot that checks out; damaged ones are logged, skipped
    /// and set aside (`setAside`), so that they are neither tried at every
    /// start nor later removed as old without a word.
    public func newestValid() -> (snapshot: Loaded?, skipped: [(path: String, fault: SnapshotFault)]) {
        var skipped: [(String, SnapshotFault)] = []
        for path in files().reversed() {
            switch Self.load(path) {
            case .success(let loaded):
                return (loaded, skipped)
            case .failure(let fault):
                setAside(path, because: fault.description)
                skipped.append((path, fault))
            }
        }
        return (nil, skipped)
    }

    /// Moves a snapshot that cannot be used to DIR/quarantine, with a warning
    /// naming the file, why, and where it went; one that cannot be moved
    /// stays where it is, and the warning says so. Either way the state is
    /// rebuilt from an older snapshot or the log alone.
    public func setAside(_ path: String, because fault: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var destination = quarantineDirectory + "/" + name
        var attempt = 1
        while access(destination, F_OK) == 0 {
            attempt += 1
            destination = quarantineDirectory + "/" + name + "." + String(attempt)
        }
        do {
            try EventLog.createDirectory(quarantineDirectory)
            guard rename(path, destination) == 0 else { throw Errno(rawValue: errno) }
            try Segment.syncDirectory(directory)
            logger.warning("a snapshot is damaged; moved it to quarantine and rebuilding from an older snapshot or the log", metadata: [
                "file": "\(path)", "fault": "\(fault)", "movedTo": "\(destination)",
            ])
        } catch {
            logger.warning("a snapshot is damaged; rebuilding from an older snapshot or the log, and keeping the file where it is", metadata: [
                "file": "\(path)", "fault": "\(fault)", "cannotMove": "\(error)",
            ])
        }
    }

    /// Snapshot files, oldest first.
    public func files() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name in SnapshotFormat.sequence(fromFileName: name).map { ($0, name) } }
            .sorted { $0.0 < $1.0 }
            .map { directory + "/" + $0.1 }
    }

    public static func load(_ path: String) -> Result<Loaded, SnapshotFault> {
        guard let data = readWhole(path) else { return .failure(SnapshotFault("cannot be read")) }
        return data.withUnsafeBytes { raw -> Result<Loaded, SnapshotFault> in
            let header: SnapshotHeader
            do {
                header = try SnapshotHeader(decoding: raw)
            } catch let fault as SnapshotFault {
                return .failure(fault)
            } catch {
                return .failure(SnapshotFault("\(error)"))
            }
            guard UInt64(raw.count - SnapshotFormat.headerSize) == header.payloadLength else {
                return .failure(SnapshotFault("payload is \(raw.count - SnapshotFormat.headerSize) bytes, the header says \(header.payloadLength)"))
            }
            let payload = UnsafeRawBufferPointer(rebasing: raw[SnapshotFormat.headerSize...])
            guard CRC32C.checksum(payload) == header.payloadChecksum else {
                return .failure(SnapshotFault("payload checksum mismatch"))
            }
            guard SnapshotFormat.sequence(fromFileName: (path.split(separator: "/").last.map(String.init) ?? path)) == header.sequence else {
                return .failure(SnapshotFault("the header's sequence \(header.sequence) does not match the file name"))
            }
            return .success(Loaded(header: header, payload: Array(payload), path: path))
        }
    }

    /// The file's bytes, read through the descriptor rather than
    /// `FileManager.contents(atPath:)`: on Linux, Foundation reads a file
    /// whose size is 0 into a 4 KiB buffer it never frees when nothing comes
    /// back, and an empty snapshot is exactly what a crash or a full disk
    /// can leave (LeakSanitizer found it, docs/TESTING.md).
    static func readWhole(_ path: String) -> [UInt8]? {
        guard let descriptor = try? FileDescriptor.open(path, .readOnly, options: [.closeOnExec]) else { return nil }
        defer { try? descriptor.close() }
        var status = Glibc.stat()
        guard fstat(descriptor.rawValue, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = try? bytes.withUnsafeMutableBytes { buffer in
                try descriptor.read(fromAbsoluteOffset: Int64(filled), into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            }
            guard let count, count > 0 else { break }
            filled += count
        }
        // A file cut short while being read is taken as it now is: its
        // checksums say whether that is still a snapshot.
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Moves every snapshot after `sequence` to DIR/quarantine: after a repair
    /// cut the log, they describe records that are no longer in it.
    public func quarantine(after sequence: UInt64, dataDirectory: String) throws {
        let destination = dataDirectory + "/" + DataDirectoryLayout.quarantine
        try EventLog.createDirectory(destination)
        for path in files() {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let snapshotSequence = SnapshotFormat.sequence(fromFileName: name), snapshotSequence > sequence else { continue }
            guard rename(path, destination + "/" + name) == 0 else { throw StoreError(.io, "cannot move \(path) to \(destination): errno \(errno)") }
            logger.critical("repair: moved a snapshot newer than the log aside", metadata: ["file": "\(path)"])
        }
    }

    private func removeOld() {
        let all = files()
        guard all.count > keep else { return }
        for path in all.prefix(all.count - keep) where unlink(path) == 0 {
            observer?.observe(.removed(path: path))
        }
    }
}

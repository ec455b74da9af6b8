import Glibc
import Synchronization
import SystemPackage

/// One segment file, open and mapped. The active segment is mapped writable
/// and written only under the EventLog's lock; sealed ones are mapped
/// read-only. Reads of the mapping are safe below the durable end, which is
/// why the type can be shared across threads.
final class Segment: @unchecked Sendable {
    /// The suffix of a segment being created: it gets its real name only once
    /// it is reserved and its header is durable, so a file under a segment's
    /// name that is short or has no header is always damage, never a crash
    /// in the middle of creating it.
    static let temporarySuffix = ".tmp"

    let path: String
    let firstSequence: UInt64
    private let descriptor: FileDescriptor
    let region: MappedRegion
    /// The file this mapping is of, to notice when the path names another.
    private let identity: FileIdentity?
    /// The header this process last wrote: header writes are serialised
    /// (the flusher's watermark, a seal, a clean close), and a header that
    /// differs from it when the next write comes was written by someone else.
    private let lastWrittenHeader = Mutex<SegmentHeader?>(nil)
    /// Told of this segment's syncs (StoreOptions.durabilityObserver).
    let observer: (any DurabilityObserver)?

    init(path: String, firstSequence: UInt64, descriptor: FileDescriptor, region: consuming MappedRegion, observer: (any DurabilityObserver)? = nil) {
        self.path = path
        self.observer = observer
        self.firstSequence = firstSequence
        self.descriptor = descriptor
        self.region = region
        self.identity = try? descriptor.identity()
    }

    deinit {
        try? descriptor.close()
    }

    var bytes: UnsafeRawBufferPointer { region.bytes }
    var size: Int { region.length }

    /// Opens an existing segment file and maps all of it; nil when the file
    /// is too short to hold a header (damage: segments are created whole).
    static func open(path: String, firstSequence: UInt64, writable: Bool, observer: (any DurabilityObserver)? = nil) throws(StoreError) -> Segment? {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, writable ? .readWrite : .readOnly, options: [.closeOnExec])
        } catch {
            throw writable ? StoreError.writing(path, "open segment", error) : StoreError(.io, "cannot open segment \(path): \(error)")
        }
        do {
            let size = try descriptor.fileSize()
            guard size >= SegmentFormat.headerSize else {
                try? descriptor.close()
                return nil
            }
            let region = try MappedRegion(descriptor: descriptor, length: size, writable: writable)
            return Segment(path: path, firstSequence: firstSequence, descriptor: descriptor, region: region, observer: observer)
        } catch {
            try? descriptor.close()
            throw StoreError(.io, "cannot map segment \(path): \(error)")
        }
    }

    /// Creates a segment file of `size` bytes atomically: under a temporary
    /// name it is reserved on disk and its header written and made durable,
    /// then it is linked under its segment name and the directory synced. A
    /// crash leaves either no segment or a whole one (and perhaps a temporary
    /// file, which recovery removes).
    static func create(
        directory: String, firstSequence: UInt64, size: Int, createdAtNanoseconds: UInt64, observer: (any DurabilityObserver)? = nil
    ) throws(StoreError) -> Segment {
        let path = directory + "/" + SegmentFormat.fileName(firstSequence: firstSequence)
        let temporary = path + temporarySuffix
        // A leftover of an earlier attempt in this run (one that failed
        // part-way) is never a segment: start it again.
        if unlink(temporary) == 0 { observer?.observe(.removed(path: temporary)) }
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(
                temporary, .readWrite, options: [.create, .exclusiveCreate, .closeOnExec], permissions: [.ownerReadWrite]
            )
        } catch {
            throw StoreError.writing(temporary, "create segment", error)
        }
        observer?.observe(.created(path: temporary))
        func abandon(_ error: StoreError) -> StoreError {
            try? descriptor.close()
            if unlink(temporary) == 0 { observer?.observe(.removed(path: temporary)) }
            return error
        }
        do {
            try descriptor.allocate(length: size)
            observer?.observe(.resized(path: temporary, length: size))
        } catch {
            throw abandon(StoreError.writing(temporary, "reserve \(size) bytes for segment", error))
        }
        let header = SegmentHeader(state: .online, firstSequence: firstSequence, createdAtNanoseconds: createdAtNanoseconds)
        do {
            _ = try descriptor.writeAll(toAbsoluteOffset: 0, header.encoded())
            observer?.observe(.synchronizingFile(path: temporary))
            try descriptor.synchronizeData()
            observer?.observe(.synchronizedFile(path: temporary))
        } catch {
            throw abandon(StoreError.writing(temporary, "write the header of segment", error))
        }
        // link(2), unlike rename(2), never replaces a segment already there.
        guard link(temporary, path) == 0 else {
            let reason = Errno(rawValue: errno)
            if reason == .fileExists {
                // This process numbers segments; one it never made is another writer's.
                throw abandon(StoreError(.conflictingWriter, "segment \(path) already exists, and this process did not create it: another process is writing the data directory"))
            }
            throw abandon(StoreError.writing(path, "name segment", reason))
        }
        observer?.observe(.linked(from: temporary, to: path))
        if unlink(temporary) == 0 { observer?.observe(.removed(path: temporary)) }
        do {
            try syncDirectory(directory, observer: observer)
        } catch {
            try? descriptor.close()
            throw error
        }
        let region: MappedRegion
        do {
            region = try MappedRegion(descriptor: descriptor, length: size, writable: true)
        } catch {
            try? descriptor.close()
            throw StoreError(.io, "cannot map segment \(path): \(error)")
        }
        let segment = Segment(path: path, firstSequence: firstSequence, descriptor: descriptor, region: region, observer: observer)
        segment.lastWrittenHeader.withLock { $0 = header }
        return segment
    }

    func header() throws(SegmentHeader.DecodingFailure) -> SegmentHeader {
        try SegmentHeader(decoding: bytes)
    }

    /// Writes the header's 64 bytes (one sector, so never torn) and makes them durable.
    func writeHeader(_ header: SegmentHeader) throws(StoreError) {
        try lastWrittenHeader.withLock { (last: inout SegmentHeader?) throws(StoreError) in
            try store(header)
            last = header
        }
    }

    /// Takes the header as it is now as the one this process wrote (a segment
    /// recovery opened and left as it found it), so that a change by another
    /// process from here on is noticed.
    func adoptCurrentHeader() {
        lastWrittenHeader.withLock { last in
            if last == nil { last = try? header() }
        }
    }

    /// Reads the header, lets `change` edit it (returning false to leave it
    /// as it is), and writes it back durably, all under the header's own lock
    /// so the flusher and a roll or close never interleave. Throws
    /// `conflictingWriter` when the header is not the one this process last
    /// wrote: another process is writing this segment.
    func updateHeader(_ change: (inout SegmentHeader) -> Bool) throws(StoreError) {
        try lastWrittenHeader.withLock { (last: inout SegmentHeader?) throws(StoreError) in
            var header: SegmentHeader
            do {
                header = try self.header()
            } catch {
                throw StoreError(.corrupt, "\(path): \(error)")
            }
            if let last, header != last {
                throw StoreError(.conflictingWriter, "the header of \(path) was rewritten by another process (state \(header.state), watermark sequence \(header.durableLastSequence) where this process wrote \(last.state), \(last.durableLastSequence)): a second writer is using the data directory")
            }
            guard change(&header) else { return }
            try store(header)
            last = header
        }
    }

    private func store(_ header: SegmentHeader) throws(StoreError) {
        precondition(region.writable, "header write on a read-only segment")
        let encoded = header.encoded()
        encoded.withUnsafeBytes { region.base.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        try synchronize(0..<SegmentFormat.headerFieldsSize)
    }

    func synchronize(_ range: Range<Int>) throws(StoreError) {
        if !range.isEmpty { observer?.observe(.synchronizingRange(path: path, range: range)) }
        do {
            try region.synchronize(range)
        } catch {
            throw StoreError(.io, "msync of \(path) failed: \(error)")
        }
        if !range.isEmpty { observer?.observe(.synchronizedRange(path: path, range: range)) }
    }

    /// Throws `conflictingWriter` when the segment's path no longer names
    /// the file this mapping is of (removed, or replaced by another file):
    /// whatever is appended here would not be found at the next start.
    func checkStillNamed() throws(StoreError) {
        guard let identity else { return }
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = Errno(rawValue: errno)
            if reason == .noSuchFileOrDirectory {
                throw StoreError(.conflictingWriter, "segment \(path) was removed while being written: another process is changing the data directory")
            }
            // Cannot look (permission taken away): not proof of a second writer.
            return
        }
        if FileIdentity(status) != identity {
            throw StoreError(.conflictingWriter, "\(path) now names another file than the segment being written (inode \(status.st_ino), was \(identity.inode)): another process is writing the data directory")
        }
    }

    /// Makes a directory's entries (a new or renamed file) durable.
    static func syncDirectory(_ directory: String, observer: (any DurabilityObserver)? = nil) throws(StoreError) {
        do {
            let descriptor = try FileDescriptor.open(directory, .readOnly, options: [.directory, .closeOnExec])
            defer { try? descriptor.close() }
            try descriptor.synchronizeAll()
        } catch {
            throw StoreError.writing(directory, "sync directory", error)
        }
        observer?.observe(.synchronizedDirectory(path: directory))
    }
}

/// Device and inode: which file a descriptor or a path is.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}

extension FileDescriptor {
    /// The corresponding C function is `fstat`.
    func identity() throws(Errno) -> FileIdentity {
        var status = Glibc.stat()
        guard fstat(rawValue, &status) == 0 else { throw Errno(rawValue: errno) }
        return FileIdentity(status)
    }
}

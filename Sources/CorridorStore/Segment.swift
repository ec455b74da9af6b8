import Glibc
import SystemPackage

/// One segment file, open and mapped. The active segment is mapped writable
/// and written only under the EventLog's lock; sealed ones are mapped
/// read-only. Reads of the mapping are safe below the durable end, which is
/// why the type can be shared across threads.
final class Segment: @unchecked Sendable {
    let path: String
    let firstSequence: UInt64
    private let descriptor: FileDescriptor
    let region: MappedRegion

    init(path: String, firstSequence: UInt64, descriptor: FileDescriptor, region: consuming MappedRegion) {
        self.path = path
        self.firstSequence = firstSequence
        self.descriptor = descriptor
        self.region = region
    }

    deinit {
        try? descriptor.close()
    }

    var bytes: UnsafeRawBufferPointer { region.bytes }
    var size: Int { region.length }

    /// Opens an existing segment file and maps all of it; nil when the file
    /// is too short to hold a header (a crash while it was being created).
    static func open(path: String, firstSequence: UInt64, writable: Bool) throws(StoreError) -> Segment? {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, writable ? .readWrite : .readOnly, options: [.closeOnExec])
        } catch {
            throw StoreError(.io, "cannot open segment \(path): \(error)")
        }
        do {
            let size = try descriptor.fileSize()
            guard size >= SegmentFormat.headerSize else {
                try? descriptor.close()
                return nil
            }
            let region = try MappedRegion(descriptor: descriptor, length: size, writable: writable)
            return Segment(path: path, firstSequence: firstSequence, descriptor: descriptor, region: region)
        } catch {
            try? descriptor.close()
            throw StoreError(.io, "cannot map segment \(path): \(error)")
        }
    }

    /// Creates a segment file of `size` bytes, reserved on disk before it is
    /// mapped, with its header written and durable.
    static func create(directory: String, firstSequence: UInt64, size: Int, createdAtNanoseconds: UInt64) throws(StoreError) -> Segment {
        let path = directory + "/" + SegmentFormat.fileName(firstSequence: firstSequence)
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(
                path, .readWrite, options: [.create, .exclusiveCreate, .closeOnExec], permissions: [.ownerReadWrite]
            )
        } catch {
            throw StoreError(.io, "cannot create segment \(path): \(error)")
        }
        do {
            try descriptor.allocate(length: size)
        } catch {
            try? descriptor.close()
            unlink(path)
            if error == .noSpace || error == .diskQuotaExceeded {
                throw StoreError(.noSpace, "no space left to reserve a segment of \(size) bytes in \(directory); free disk space (reads keep working)")
            }
            throw StoreError(.io, "cannot reserve \(size) bytes for \(path): \(error)")
        }
        let region: MappedRegion
        do {
            region = try MappedRegion(descriptor: descriptor, length: size, writable: true)
        } catch {
            try? descriptor.close()
            unlink(path)
            throw StoreError(.io, "cannot map segment \(path): \(error)")
        }
        let segment = Segment(path: path, firstSequence: firstSequence, descriptor: descriptor, region: region)
        try segment.writeHeader(SegmentHeader(state: .online, firstSequence: firstSequence, createdAtNanoseconds: createdAtNanoseconds))
        try syncDirectory(directory)
        return segment
    }

    func header() throws(SegmentHeader.DecodingFailure) -> SegmentHeader {
        try SegmentHeader(decoding: bytes)
    }

    /// Writes the header's 64 bytes (one sector, so never torn) and makes them durable.
    func writeHeader(_ header: SegmentHeader) throws(StoreError) {
        precondition(region.writable, "header write on a read-only segment")
        let encoded = header.encoded()
        encoded.withUnsafeBytes { region.base.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        try synchronize(0..<SegmentFormat.headerFieldsSize)
    }

    func synchronize(_ range: Range<Int>) throws(StoreError) {
        do {
            try region.synchronize(range)
        } catch {
            throw StoreError(.io, "msync of \(path) failed: \(error)")
        }
    }

    /// Makes a directory's entries (a new or renamed file) durable.
    static func syncDirectory(_ directory: String) throws(StoreError) {
        do {
            let descriptor = try FileDescriptor.open(directory, .readOnly, options: [.directory, .closeOnExec])
            defer { try? descriptor.close() }
            try descriptor.synchronizeAll()
        } catch {
            throw StoreError(.io, "cannot sync directory \(directory): \(error)")
        }
    }
}

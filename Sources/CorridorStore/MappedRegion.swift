import Glibc
import SystemPackage

/// A memory mapping of a file, unmapped when its owner goes away.
struct MappedRegion: ~Copyable {
    let base: UnsafeMutableRawPointer
    let length: Int
    let writable: Bool

    /// The corresponding C function is `mmap`.
    init(descriptor: FileDescriptor, length: Int, writable: Bool) throws(Errno) {
        let protection = writable ? PROT_READ | PROT_WRITE : PROT_READ
        guard let address = mmap(nil, length, protection, MAP_SHARED, descriptor.rawValue, 0), address != MAP_FAILED else {
            throw Errno(rawValue: errno)
        }
        self.base = address
        self.length = length
        self.writable = writable
    }

    deinit {
        munmap(base, length)
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: length) }

    /// Writes the pages holding `range` to disk and waits for them.
    /// The corresponding C function is `msync`.
    func synchronize(_ range: Range<Int>) throws(Errno) {
        guard !range.isEmpty else { return }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = range.lowerBound / pageSize * pageSize
        while msync(base + start, range.upperBound - start, MS_SYNC) != 0 {
            guard errno == EINTR else { throw Errno(rawValue: errno) }
        }
    }
}

extension FileDescriptor {
    /// Reserves `length` bytes of disk for the file, extending it, so that
    /// writes through a mapping can never meet a full disk (which would be
    /// SIGBUS). glibc's posix_fallocate is fallocate(2) where the file
    /// system has it. The corresponding C function is `posix_fallocate`.
    func allocate(length: Int) throws(Errno) {
        while true {
            // posix_fallocate returns the error number instead of setting errno.
            let result = posix_fallocate(rawValue, 0, off_t(length))
            if result == 0 { return }
            guard result == EINTR else { throw Errno(rawValue: result) }
        }
    }

    /// The corresponding C function is `fdatasync`.
    func synchronizeData() throws(Errno) {
        while fdatasync(rawValue) != 0 {
            guard errno == EINTR else { throw Errno(rawValue: errno) }
        }
    }

    /// The corresponding C function is `fsync`.
    func synchronizeAll() throws(Errno) {
        while fsync(rawValue) != 0 {
            guard errno == EINTR else { throw Errno(rawValue: errno) }
        }
    }

    /// The size of the file. The corresponding C function is `fstat`.
    func fileSize() throws(Errno) -> Int {
        var status = Glibc.stat()
        guard fstat(rawValue, &status) == 0 else { throw Errno(rawValue: errno) }
        return Int(status.st_size)
    }
}

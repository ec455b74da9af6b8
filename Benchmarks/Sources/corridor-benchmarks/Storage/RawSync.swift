import Glibc

/// The floor: what the disk under the data directory gives one writer that
/// makes each 256-byte record durable on its own. pwrite(2) of the record at
/// the end of one file, then fdatasync(2); again, N times, timed one by one.
/// No store can acknowledge durable writes faster than this without putting
/// several writes behind one sync (group commit), which is what the ratio of
/// the durable-append figures to this one measures.
enum RawSync {
    enum Placement: String {
        /// Each write extends the file: fdatasync must also commit the new size.
        case append
        /// Writes into blocks reserved up front with posix_fallocate, as the
        /// log's segments are (the extents still change from unwritten to written).
        case preallocated
    }

    /// Per-write nanoseconds (pwrite + fdatasync), warm-up excluded.
    static func run(directory: String, recordBytes: Int, iterations: Int, warmup: Int, placement: Placement) throws -> [UInt64] {
        let path = "\(directory)/raw-sync-\(placement.rawValue).dat"
        let descriptor = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw BenchmarkFailure("cannot create \(path): \(errnoText())") }
        defer {
            close(descriptor)
            unlink(path)
        }
        if placement == .preallocated {
            let size = off_t((iterations + warmup + 1) * recordBytes)
            let result = posix_fallocate(descriptor, 0, size)
            guard result == 0 else { throw BenchmarkFailure("posix_fallocate(\(path)): \(String(cString: strerror(result)))") }
            guard fsync(descriptor) == 0 else { throw BenchmarkFailure("fsync(\(path)): \(errnoText())") }
        }
        let record = UnsafeMutableRawPointer.allocate(byteCount: recordBytes, alignment: 16)
        defer { record.deallocate() }
        record.initializeMemory(as: UInt8.self, repeating: 0xA5, count: recordBytes)

        var samples = [UInt64](repeating: 0, count: iterations)
        var offset: off_t = 0
        for index in 0..<(warmup + iterations) {
            let start = monotonicNanoseconds()
            guard pwrite(descriptor, record, recordBytes, offset) == recordBytes else {
                throw BenchmarkFailure("pwrite(\(path)): \(errnoText())")
            }
            guard fdatasync(descriptor) == 0 else { throw BenchmarkFailure("fdatasync(\(path)): \(errnoText())") }
            let elapsed = monotonicNanoseconds() - start
            offset += off_t(recordBytes)
            if index >= warmup { samples[index - warmup] = elapsed }
        }
        return samples
    }
}

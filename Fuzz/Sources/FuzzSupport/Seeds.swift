#if canImport(Glibc)
import Glibc
#endif

/// The committed seed corpora (Fuzz/Corpus/<target>/) are written by the
/// targets themselves, so a seed is always built by the code that knows the
/// format: run a target with CORRIDOR_FUZZ_WRITE_SEEDS=<directory> and it
/// writes its seeds there and exits instead of fuzzing
/// (Fuzz/scripts/make-seeds does that for every target).
public enum FuzzSeeds {
    public static let environmentVariable = "CORRIDOR_FUZZ_WRITE_SEEDS"

    /// Call from LLVMFuzzerInitialize: writes the seeds and exits when asked, returns otherwise.
    public static func writeIfAsked(_ seeds: () throws -> [(name: String, bytes: [UInt8])]) {
        guard let value = getenv(environmentVariable), let directory = String(validatingCString: value), !directory.isEmpty else {
            return
        }
        do {
            let all = try seeds()
            for seed in all {
                try write(seed.bytes, to: directory + "/" + seed.name)
            }
            print("wrote \(all.count) seeds to \(directory)")
            exit(0)
        } catch {
            print("writing seeds to \(directory) failed: \(error)")
            exit(1)
        }
    }

    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        guard let file = fopen(path, "wb") else {
            throw WriteError(description: "cannot create \(path): errno \(errno)")
        }
        defer { fclose(file) }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else { throw WriteError(description: "short write to \(path)") }
    }

    /// The bytes of a file, or nil when it cannot be read.
    public static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if count < buffer.count { break }
        }
        return bytes
    }
}

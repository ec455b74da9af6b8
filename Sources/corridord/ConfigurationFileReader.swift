import CorridorServer
import Glibc

/// The configuration file's bytes, or a sentence saying why they cannot be
/// had: which path, and the system's reason.
enum ConfigurationFileReader {
    /// Far more than any configuration; a bigger file is the wrong file.
    static let maxBytes = 1 << 20

    static func read(_ path: String) throws(ConfigurationError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(path, errno) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw ConfigurationError("cannot read configuration file \(path): it is not a regular file")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
            guard bytes.count <= maxBytes else {
                throw ConfigurationError("cannot read configuration file \(path): it is larger than \(maxBytes) bytes, which no configuration is")
            }
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> ConfigurationError {
        ConfigurationError("cannot read configuration file \(path): \(String(cString: strerror(code)))")
    }
}

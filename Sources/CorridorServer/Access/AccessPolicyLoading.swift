import Glibc

extension AccessPolicy {
    /// The default place of the policy: /etc/corridor/access.toml, or
    /// access.toml in $CONFIGURATION_DIRECTORY when systemd sets it.
    public static func defaultPath(environment: [String: String]) -> String {
        if let directory = environment["CONFIGURATION_DIRECTORY"]?.split(separator: ":").first {
            return "\(directory)/access.toml"
        }
        return "/etc/corridor/access.toml"
    }

    /// Reads and parses the policy file at `path`; errors name the file once.
    public static func load(path: String) throws(AccessPolicyError) -> AccessPolicy {
        let bytes = try readFile(path)
        do {
            return try parse(bytes, source: path)
        } catch {
            throw error.inFile(path)
        }
    }

    private static func readFile(_ path: String) throws(AccessPolicyError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(path, errno) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw AccessPolicyError(line: 0, "cannot read access policy \(path): it is not a regular file")
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
            // parse() refuses what is over the limit, with the size.
            if bytes.count > maxFileBytes { return bytes }
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> AccessPolicyError {
        AccessPolicyError(line: 0, "cannot read access policy \(path): \(String(cString: strerror(code)))")
    }
}

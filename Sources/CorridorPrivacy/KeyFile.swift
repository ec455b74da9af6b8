import Crypto
import Glibc
import SystemPackage

/// The key-encryption key: 32 random bytes in a file outside the log (by
/// default `personal-data.key` in the state directory, mode 0600; under
/// systemd a credential, docs/PRIVACY.md). It wraps every case's data key;
/// it never seals personal data itself.
///
///     "CRKEK001"  8 bytes
///     key        32 bytes
///     check       8 bytes: the first 8 of SHA-256(magic + key), also the key's id
///
/// 48 bytes exactly, so that a truncated, padded or mistyped file is refused
/// rather than used as a different key.
public struct KeyFile: Sendable {
    public static let defaultName = "personal-data.key"
    static let magic: [UInt8] = Array("CRKEK001".utf8)
    static let keyLength = 32
    static let checkLength = 8
    public static let length = 8 + 32 + 8

    private let keyBytes: [UInt8]
    var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    /// Identifies the key without revealing it: the key store records the id
    /// of the key its entries are wrapped with.
    public let id: [UInt8]

    init(keyBytes: [UInt8]) {
        self.keyBytes = keyBytes
        id = Self.check(keyBytes)
    }

    private static func check(_ keyBytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: magic + keyBytes).prefix(checkLength))
    }

    /// The file's bytes for `keyBytes`.
    static func encoded(_ keyBytes: [UInt8]) -> [UInt8] {
        magic + keyBytes + check(keyBytes)
    }

    /// The key in a key file's bytes; refuses anything but a whole, intact one.
    public static func parse(_ bytes: [UInt8], path: String) throws(PrivacyError) -> KeyFile {
        guard bytes.count == length else {
            throw PrivacyError(.damagedKeyFile, "key file \(path) is \(bytes.count) bytes, not \(length): damaged or not a corridord key file")
        }
        guard Array(bytes[0..<8]) == magic else {
            throw PrivacyError(.damagedKeyFile, "key file \(path) does not start with \"CRKEK001\": damaged or not a corridord key file")
        }
        let keyBytes = Array(bytes[8..<40])
        guard check(keyBytes) == Array(bytes[40..<48]) else {
            throw PrivacyError(.damagedKeyFile, "key file \(path) is damaged: its check does not match its key")
        }
        return KeyFile(keyBytes: keyBytes)
    }

    /// Reads the key file at `path`. Refuses a file group or others may
    /// read or write, and a damaged one, naming it.
    public static func load(path: String) throws(PrivacyError) -> KeyFile {
        var status = Glibc.stat()
        guard stat(path, &status) == 0 else {
            throw PrivacyError(.missingKeyFile, "cannot read key file \(path): \(Errno(rawValue: errno))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw PrivacyError(.damagedKeyFile, "key file \(path) is not a regular file")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw PrivacyError(
                .keyFileMode,
                "key file \(path) has mode \(String(mode, radix: 8)): group or others may reach it; it must be 0600 or 0400 (chmod 600 \(path))"
            )
        }
        let bytes: [UInt8]
        do {
            let descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
            defer { try? descriptor.close() }
            // One byte more than a key file holds tells a longer file apart.
            bytes = try [UInt8](unsafeUninitializedCapacity: length + 1) { buffer, count in
                count = try descriptor.read(fromAbsoluteOffset: 0, into: UnsafeMutableRawBufferPointer(buffer))
            }
        } catch {
            throw PrivacyError(.missingKeyFile, "cannot read key file \(path): \(error)")
        }
        return try parse(bytes, path: path)
    }

    /// Creates a new random key at `path` (mode 0600, never over an existing
    /// file), durable before this returns.
    public static func create(path: String) throws(PrivacyError) -> KeyFile {
        let keyBytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        do {
            let descriptor = try FileDescriptor.open(
                path, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec], permissions: [.ownerReadWrite]
            )
            do {
                try descriptor.writeAll(encoded(keyBytes))
                while fsync(descriptor.rawValue) != 0 {
                    guard errno == EINTR else { throw Errno(rawValue: errno) }
                }
                try descriptor.close()
            } catch {
                try? descriptor.close()
                unlink(path)
                throw error
            }
            let directory = FilePath(path).removingLastComponent()
            let directoryDescriptor = try FileDescriptor.open(directory.isEmpty ? "." : directory, .readOnly, options: [.directory, .closeOnExec])
            defer { try? directoryDescriptor.close() }
            while fsync(directoryDescriptor.rawValue) != 0 {
                guard errno == EINTR else { throw Errno(rawValue: errno) }
            }
        } catch {
            throw PrivacyError(.missingKeyFile, "cannot create key file \(path): \(error)")
        }
        return KeyFile(keyBytes: keyBytes)
    }

    /// The id as hex, for messages.
    public var idText: String { Self.hex(id) }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

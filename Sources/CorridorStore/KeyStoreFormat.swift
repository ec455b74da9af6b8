/// The key store's file, `personal-keys` in the data directory: the wrapped
/// data key of every case that has one (docs/STORAGE.md, "The key store").
/// Kept apart from the log because the log is append-only and backed up: a
/// key in it could never be destroyed.
///
///     header  16 bytes  "CRKEYS01", then the 8-byte id of the key file's key
///     entry   u32 LE body length, u32 LE CRC32C of the body, the body:
///             u16 LE case id length, the case id (UTF-8), the wrapped key
///
/// Keys are only appended; destroying one rewrites the file without it.
public enum KeyStoreFormat {
    public static let fileName = "personal-keys"
    public static let magic: [UInt8] = Array("CRKEYS01".utf8)
    public static let headerLength = 16
    public static let keyIDLength = 8
    static let entryHeaderLength = 8
    public static let maximumCaseIDLength = 1024
    public static let maximumWrappedKeyLength = 4096
    /// The longest an entry can be: a torn append leaves at most this much.
    static let maximumEntryLength = entryHeaderLength + 2 + maximumCaseIDLength + maximumWrappedKeyLength

    /// What a key store file holds.
    public struct Contents: Sendable, Equatable {
        public var keyID: [UInt8]
        /// Case id → wrapped data key, in file order (the first wins).
        public var keys: [String: [UInt8]]
        /// Bytes up to the end of the last whole entry; less than the file's
        /// size when an append was cut short by a crash (a key whose record
        /// was never acknowledged), which opening cuts away.
        public var validLength: Int
    }

    public static func header(keyID: [UInt8]) -> [UInt8] {
        magic + keyID
    }

    public static func entry(caseID: String, wrappedKey: [UInt8]) -> [UInt8] {
        let id = Array(caseID.utf8)
        var body: [UInt8] = []
        body.reserveCapacity(2 + id.count + wrappedKey.count)
        withUnsafeBytes(of: UInt16(truncatingIfNeeded: id.count).littleEndian) { body.append(contentsOf: $0) }
        body.append(contentsOf: id)
        body.append(contentsOf: wrappedKey)
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt32(body.count).littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: CRC32C.checksum(body).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes + body
    }

    /// Reads a whole file. A damaged entry is a torn append (cut away) only
    /// when it is the file's last and no longer than one entry can be: an
    /// entry whose own length says it ends before the file does was written
    /// whole and damaged since, and cutting it would cut the keys after it.
    /// Anything else is damage, refused naming the offset and why.
    public static func parse(_ bytes: [UInt8], path: String) throws(StoreError) -> Contents {
        guard bytes.count >= headerLength else {
            throw StoreError(.corrupt, "key store \(path) is \(bytes.count) bytes, shorter than its \(headerLength)-byte header")
        }
        guard Array(bytes[0..<magic.count]) == magic else {
            throw StoreError(.corrupt, "key store \(path) does not start with \"CRKEYS01\": not a key store, or damaged")
        }
        var contents = Contents(keyID: Array(bytes[magic.count..<headerLength]), keys: [:], validLength: headerLength)
        var offset = headerLength
        while offset < bytes.count {
            if let problem = entryProblem(bytes, at: offset) {
                guard bytes.count - offset <= maximumEntryLength, !endsBeforeTheFile(bytes, entryAt: offset) else {
                    throw StoreError(.corrupt, "key store \(path) is damaged at byte \(offset): \(problem)")
                }
                return contents  // a torn append at the tail
            }
            let length = Int(readUInt32(bytes, at: offset))
            let bodyStart = offset + entryHeaderLength
            let idLength = Int(UInt16(bytes[bodyStart]) | UInt16(bytes[bodyStart + 1]) << 8)
            let idBytes = bytes[(bodyStart + 2)..<(bodyStart + 2 + idLength)]
            let caseID = String(decoding: idBytes, as: UTF8.self)
            let wrapped = Array(bytes[(bodyStart + 2 + idLength)..<(bodyStart + length)])
            if contents.keys[caseID] == nil { contents.keys[caseID] = wrapped }
            offset = bodyStart + length
            contents.validLength = offset
        }
        return contents
    }

    /// Whether the entry at `offset` has a plausible length that ends it
    /// before the file's last byte: more was appended after it.
    private static func endsBeforeTheFile(_ bytes: [UInt8], entryAt offset: Int) -> Bool {
        guard bytes.count - offset >= entryHeaderLength else { return false }
        let length = Int(readUInt32(bytes, at: offset))
        guard length >= 3, length <= maximumEntryLength - entryHeaderLength else { return false }
        return offset + entryHeaderLength + length < bytes.count
    }

    /// Why the entry at `offset` is not whole, or nil when it is.
    private static func entryProblem(_ bytes: [UInt8], at offset: Int) -> String? {
        guard bytes.count - offset >= entryHeaderLength else { return "an entry header cut short" }
        let length = Int(readUInt32(bytes, at: offset))
        guard length >= 3, length <= maximumEntryLength - entryHeaderLength else { return "an entry of \(length) bytes" }
        let bodyStart = offset + entryHeaderLength
        guard bytes.count - bodyStart >= length else { return "an entry of \(length) bytes cut short" }
        let checksum = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[bodyStart..<(bodyStart + length)])) }
        guard checksum == readUInt32(bytes, at: offset + 4) else { return "an entry whose checksum does not match" }
        let idLength = Int(UInt16(bytes[bodyStart]) | UInt16(bytes[bodyStart + 1]) << 8)
        guard idLength > 0, idLength <= maximumCaseIDLength, 2 + idLength < length else { return "a case id of \(idLength) bytes" }
        guard String(validating: bytes[(bodyStart + 2)..<(bodyStart + 2 + idLength)], as: UTF8.self) != nil else {
            return "a case id that is not UTF-8"
        }
        return nil
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}

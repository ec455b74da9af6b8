/// The on-disk layout of segment files, byte by byte as docs/STORAGE.md
/// gives it. All integers little-endian.
public enum SegmentFormat {
    public static let magic: [UInt8] = Array("CRDRLOG\u{0}".utf8)
    public static let version: UInt16 = 1
    /// Records start one page in, so the header never shares a page with them.
    public static let headerSize = 4096
    /// The fields of the header occupy its first 64 bytes; the rest is zero.
    public static let headerFieldsSize = 64
    public static let recordHeaderSize = 32
    public static let recordAlignment = 8
    /// Flags no reader of this version understands make the segment unreadable.
    public static let knownIncompatibleFlags: UInt32 = 0
    /// Compatible flag, bit 0: the header's watermark is exact, made durable
    /// before any append it covers is answered. Segments written by builds
    /// before it lack the flag: their watermark moved about once a second, so
    /// records above it may have been acknowledged too.
    public static let exactWatermarkFlag: UInt32 = 1 << 0

    /// File name for the segment whose first record has `sequence`: sorting
    /// the names sorts the segments.
    public static func fileName(firstSequence sequence: UInt64) -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".log"
    }

    public static func firstSequence(fromFileName name: String) -> UInt64? {
        guard name.hasSuffix(".log"), name.count == 24 else { return nil }
        return UInt64(name.dropLast(4))
    }

    /// A record's length on disk, padding included.
    public static func paddedLength(payloadBytes: Int) -> Int {
        let raw = recordHeaderSize + payloadBytes
        return (raw + recordAlignment - 1) / recordAlignment * recordAlignment
    }
}

public enum SegmentState: UInt32, Sendable, CustomStringConvertible {
    /// Being written, or left behind by a crash while it was.
    case online = 1
    /// Closed cleanly; the daemon appends to it again at the next start.
    case offline = 2
    /// Full and final: mapped read-only, never written again.
    case sealed = 3

    public var description: String {
        switch self {
        case .online: "online"
        case .offline: "offline"
        case .sealed: "sealed"
        }
    }
}

/// The first 64 bytes of a segment file.
public struct SegmentHeader: Sendable, Equatable {
    public var version: UInt16 = SegmentFormat.version
    public var headerSize: UInt16 = UInt16(SegmentFormat.headerSize)
    public var compatibleFlags: UInt32 = SegmentFormat.exactWatermarkFlag
    public var incompatibleFlags: UInt32 = 0
    public var state: SegmentState
    public var firstSequence: UInt64
    public var createdAtNanoseconds: UInt64
    /// For a sealed segment: its last record's sequence. For the segment
    /// being written: the last record known durable (0 for none), moved
    /// forward by every group commit before its appends are answered, so that
    /// recovery can tell damage to acknowledged records from a torn write.
    public var durableLastSequence: UInt64 = 0
    /// Where the records covered by `durableLastSequence` end.
    public var durableEndOffset: UInt64 = 0

    /// Whether the watermark is exact (see `SegmentFormat.exactWatermarkFlag`).
    public var hasExactWatermark: Bool { compatibleFlags & SegmentFormat.exactWatermarkFlag != 0 }

    public init(state: SegmentState, firstSequence: UInt64, createdAtNanoseconds: UInt64) {
        self.state = state
        self.firstSequence = firstSequence
        self.createdAtNanoseconds = createdAtNanoseconds
    }

    /// Bytes 0-63 of the file.
    public func encoded() -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(SegmentFormat.headerFieldsSize)
        bytes += SegmentFormat.magic                  // 0..<8
        bytes.appendLittleEndian(version)              // 8..<10
        bytes.appendLittleEndian(headerSize)           // 10..<12
        bytes.appendLittleEndian(compatibleFlags)      // 12..<16
        bytes.appendLittleEndian(incompatibleFlags)    // 16..<20
        bytes.appendLittleEndian(state.rawValue)       // 20..<24
        bytes.appendLittleEndian(firstSequence)        // 24..<32
        bytes.appendLittleEndian(createdAtNanoseconds) // 32..<40
        bytes.appendLittleEndian(durableLastSequence)   // 40..<48
        bytes.appendLittleEndian(durableEndOffset)      // 48..<56
        bytes.appendLittleEndian(CRC32C.checksum(bytes)) // 56..<60: CRC32C of bytes 0..<56
        bytes.appendLittleEndian(UInt32(0))            // 60..<64: reserved
        return bytes
    }

    public enum DecodingFailure: Error, Equatable, CustomStringConvertible {
        case tooShort
        case badMagic
        case badChecksum
        case unsupportedVersion(UInt16)
        case unknownIncompatibleFlags(UInt32)
        case badState(UInt32)
        case badHeaderSize(UInt16)
        case badFirstSequence

        public var description: String {
            switch self {
            case .tooShort: "file is shorter than a segment header"
            case .badMagic: "not a Corridor segment (bad magic)"
            case .badChecksum: "header checksum mismatch"
            case .unsupportedVersion(let version): "format version \(version) is not supported (this build reads \(SegmentFormat.version))"
            case .unknownIncompatibleFlags(let flags): "unknown incompatible flags 0x\(String(flags, radix: 16))"
            case .badState(let state): "unknown segment state \(state)"
            case .badHeaderSize(let size): "header size \(size) is not \(SegmentFormat.headerSize)"
            case .badFirstSequence: "first sequence 0 (sequences start at 1)"
            }
        }
    }

    public init(decoding bytes: UnsafeRawBufferPointer) throws(DecodingFailure) {
        guard bytes.count >= SegmentFormat.headerFieldsSize else { throw .tooShort }
        guard bytes.prefix(8).elementsEqual(SegmentFormat.magic) else { throw .badMagic }
        let storedChecksum: UInt32 = bytes.littleEndian(at: 56)
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<56])) == storedChecksum else { throw .badChecksum }
        version = bytes.littleEndian(at: 8)
        guard version == SegmentFormat.version else { throw .unsupportedVersion(version) }
        headerSize = bytes.littleEndian(at: 10)
        guard Int(headerSize) == SegmentFormat.headerSize else { throw .badHeaderSize(headerSize) }
        compatibleFlags = bytes.littleEndian(at: 12)
        incompatibleFlags = bytes.littleEndian(at: 16)
        guard incompatibleFlags & ~SegmentFormat.knownIncompatibleFlags == 0 else {
            throw .unknownIncompatibleFlags(incompatibleFlags)
        }
        let rawState: UInt32 = bytes.littleEndian(at: 20)
        guard let state = SegmentState(rawValue: rawState) else { throw .badState(rawState) }
        self.state = state
        firstSequence = bytes.littleEndian(at: 24)
        createdAtNanoseconds = bytes.littleEndian(at: 32)
        durableLastSequence = bytes.littleEndian(at: 40)
        durableEndOffset = bytes.littleEndian(at: 48)
        // Sequences start at 1: a header with a valid checksum can still hold
        // a 0, which the recovery arithmetic (first - 1) must never meet.
        guard firstSequence > 0 else { throw .badFirstSequence }
    }
}

/// The 32 bytes before each record's payload.
public struct RecordHeader: Sendable, Equatable {
    /// Header plus payload, without padding.
    public var length: UInt32
    /// CRC32C of bytes 0..<4 (the length) followed by bytes 8..<length.
    public var checksum: UInt32
    public var sequence: UInt64
    public var timestampNanoseconds: UInt64
    public var type: UInt16
    public var flags: RecordFlags

    public var payloadLength: Int { Int(length) - SegmentFormat.recordHeaderSize }
}

public struct RecordFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// The last record of one command's events: records after the last
    /// commit mark were never acknowledged and are dropped by recovery.
    public static let commit = RecordFlags(rawValue: 1)
}

extension [UInt8] {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

extension UnsafeRawBufferPointer {
    func littleEndian<T: FixedWidthInteger>(at offset: Int, as type: T.Type = T.self) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

extension UnsafeMutableRawPointer {
    func storeLittleEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
    }
}

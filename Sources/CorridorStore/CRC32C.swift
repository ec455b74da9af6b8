/// CRC-32C (Castagnoli, polynomial 0x1EDC6F41 reflected as 0x82F63B78), the
/// checksum of every record and snapshot: the one iSCSI, ext4 and LevelDB use,
/// chosen for its better error detection than CRC-32 on short records.
/// Table-driven, slicing by 8.
public enum CRC32C {
    /// Eight 256-entry tables, one after another.
    private static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0x82F6_3B78 & (0 &- (crc & 1))) }
            table[byte] = crc
        }
        for byte in 0..<256 {
            var crc = table[byte]
            for slice in 1..<8 {
                crc = table[Int(crc & 0xFF)] ^ (crc >> 8)
                table[slice * 256 + byte] = crc
            }
        }
        return table
    }()

    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        var value = ~crc
        guard let base = bytes.baseAddress else { return crc }
        let count = bytes.count
        var index = 0
        // Raw pointers into the table: the checksum runs over every record at
        // start-up, and bounds checks there were most of its cost.
        table.withUnsafeBufferPointer { buffer in
            let t = buffer.baseAddress!
            while count - index >= 8 {
                let low = UInt32(littleEndian: (base + index).loadUnaligned(as: UInt32.self)) ^ value
                let high = UInt32(littleEndian: (base + index + 4).loadUnaligned(as: UInt32.self))
                value = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                index += 8
            }
            while index < count {
                value = t[Int((value ^ UInt32(base.load(fromByteOffset: index, as: UInt8.self))) & 0xFF)] ^ (value >> 8)
                index += 1
            }
        }
        return ~value
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}

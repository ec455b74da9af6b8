import CorridorStore
import Testing
import CorridorTestSupport

/// CRC-32C as every record and snapshot is checked with: known vectors,
/// incremental use, and the slicing-by-8 path against a bit-by-bit reference.
@Suite struct CRC32CTests {
    @Test func theStandardCheckStringGivesTheCatalogueValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    /// RFC 3720 (iSCSI), appendix B.4.
    @Test(arguments: [
        ([UInt8](repeating: 0x00, count: 32), UInt32(0x8A91_36AA)),
        ([UInt8](repeating: 0xFF, count: 32), UInt32(0x62A8_AB43)),
        ((0..<32).map { UInt8($0) }, UInt32(0x46DD_794E)),
        ((0..<32).reversed().map { UInt8($0) }, UInt32(0x113F_DB5C)),
    ])
    func theIscsiVectorsGiveTheirPublishedValues(bytes: [UInt8], expected: UInt32) {
        #expect(CRC32C.checksum(bytes) == expected)
    }

    @Test func noBytesGiveZero() {
        #expect(CRC32C.checksum([]) == 0)
    }

    @Test func continuingAcrossEverySplitEqualsOneShot() {
        let bytes = patternPayload(count: 100, seed: 7)
        let whole = CRC32C.checksum(bytes)
        bytes.withUnsafeBytes { raw in
            for split in 0...raw.count {
                let first = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[..<split]))
                let both = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[split...]), continuing: first)
                #expect(both == whole, "split at \(split)")
            }
        }
    }

    @Test func continuingOverManyUnevenChunksEqualsOneShot() {
        let bytes = patternPayload(count: 1000, seed: 8)
        var generator = SeededGenerator(seed: 8)
        var crc: UInt32 = 0
        var start = 0
        bytes.withUnsafeBytes { raw in
            while start < raw.count {
                let end = min(raw.count, start + Int.random(in: 0...23, using: &generator))
                crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[start..<end]), continuing: crc)
                start = end
            }
        }
        #expect(crc == CRC32C.checksum(bytes))
    }

    /// Lengths of 8 and more take the slicing-by-8 loop, and shorter tails
    /// the byte loop; feeding one byte at a time takes only the byte loop.
    /// Both must agree with a bit-at-a-time reference, at every alignment.
    @Test(arguments: 0..<8)
    func slicingByEightAgreesWithTheByteLoopAndTheReference(alignment: Int) {
        var generator = SeededGenerator(seed: UInt64(100 + alignment))
        for _ in 0..<60 {
            let length = Int.random(in: 0...100, using: &generator)
            let buffer = (0..<(length + alignment)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            buffer.withUnsafeBytes { raw in
                let bytes = UnsafeRawBufferPointer(rebasing: raw[alignment...])
                let sliced = CRC32C.checksum(bytes)
                var byteAtATime: UInt32 = 0
                for index in 0..<bytes.count {
                    byteAtATime = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + 1)]), continuing: byteAtATime)
                }
                let reference = bitwiseReference(Array(bytes))
                #expect(sliced == reference, "length \(length) at alignment \(alignment)")
                #expect(byteAtATime == reference, "length \(length) at alignment \(alignment)")
            }
        }
    }

    /// The textbook definition, one bit at a time: shares nothing with the tables.
    private func bitwiseReference(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
            }
        }
        return ~crc
    }
}

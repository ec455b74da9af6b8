import CorridorStore
import Testing

/// The snapshot header's 64 bytes are the on-disk format: pinned byte by byte.
@Suite struct SnapshotHeaderLayoutTests {
    private let knownHeader = SnapshotHeader(
        sequence: 0x0102_0304_0506_0708, createdAtNanoseconds: 0x1112_1314_1516_1718,
        payloadLength: 0x2122_2324_2526_2728, payloadChecksum: 0x3132_3334
    )

    private func decode(_ bytes: [UInt8]) throws(SnapshotFault) -> SnapshotHeader {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(SnapshotFault) in try SnapshotHeader(decoding: raw) }
        }.get()
    }

    private func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let crc = CRC32C.checksum(Array(bytes[0..<44]))
        bytes[44..<48] = [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)]
        return bytes
    }

    private func fault(_ bytes: [UInt8]) -> String? {
        do {
            _ = try decode(bytes)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aKnownHeaderEncodesToExactlyTheseSixtyFourBytes() {
        var expected: [UInt8] = Array("CRDRSNAP".utf8)                  // 0..<8 magic
        expected += [0x01, 0x00]                                         // 8: version 1
        expected += [0x40, 0x00]                                         // 10: header size 64
        expected += [0x00, 0x00, 0x00, 0x00]                             // 12: flags
        expected += [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01]     // 16: sequence
        expected += [0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11]     // 24: created at
        expected += [0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21]     // 32: payload length
        expected += [0x34, 0x33, 0x32, 0x31]                             // 40: payload CRC32C
        let crc = CRC32C.checksum(expected)                              // 44: CRC32C of 0..<44
        expected += [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)]
        expected += [UInt8](repeating: 0, count: 16)                     // 48..<64: reserved

        let encoded = knownHeader.encoded()
        #expect(encoded.count == 64)
        #expect(SnapshotFormat.headerSize == 64)
        #expect(encoded == expected)
    }

    @Test func decodingAnEncodedHeaderGivesItBack() throws {
        #expect(try decode(knownHeader.encoded()) == knownHeader)
        #expect(try decode(knownHeader.encoded() + [1, 2, 3]) == knownHeader)
    }

    @Test func fewerThanSixtyFourBytesAreRefused() {
        #expect(fault(Array(knownHeader.encoded().prefix(63)))?.contains("shorter") == true)
    }

    @Test func aWrongMagicIsRefused() {
        var bytes = knownHeader.encoded()
        bytes[0] = UInt8(ascii: "X")
        #expect(fault(resealed(bytes))?.contains("magic") == true)
    }

    @Test(arguments: [10, 16, 24, 32, 40, 44, 47])
    func aChangedByteFailsTheChecksum(offset: Int) {
        var bytes = knownHeader.encoded()
        bytes[offset] ^= 0x80
        #expect(fault(bytes)?.contains("checksum") == true)
    }

    @Test func anotherVersionIsUnsupported() {
        var bytes = knownHeader.encoded()
        bytes[8] = 9
        #expect(fault(resealed(bytes))?.contains("version 9") == true)
    }

    @Test func fileNamesAreTwentyDigits() {
        #expect(SnapshotFormat.fileName(sequence: 1) == "00000000000000000001.snap")
        #expect(SnapshotFormat.sequence(fromFileName: "00000000000000000042.snap") == 42)
        #expect(SnapshotFormat.sequence(fromFileName: "00000000000000000042.snap.tmp") == nil)
        #expect(SnapshotFormat.sequence(fromFileName: "00000000000000000042.log") == nil)
    }
}

import CorridorStore
import Testing

/// The segment header's 64 bytes are the on-disk format: pinned byte by byte,
/// so that a change to the encoder cannot silently change the format.
@Suite struct SegmentHeaderLayoutTests {
    private func knownHeader() -> SegmentHeader {
        var header = SegmentHeader(state: .sealed, firstSequence: 0x0102_0304_0506_0708, createdAtNanoseconds: 0x1112_1314_1516_1718)
        header.compatibleFlags = 0xA1A2_A3A4
        header.durableLastSequence = 0x2122_2324_2526_2728
        header.durableEndOffset = 0x3132_3334_3536_3738
        return header
    }

    private func decode(_ bytes: [UInt8]) throws(SegmentHeader.DecodingFailure) -> SegmentHeader {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(SegmentHeader.DecodingFailure) in try SegmentHeader(decoding: raw) }
        }.get()
    }

    /// Rewrites the header checksum (bytes 56..<60) after a deliberate field change.
    private func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let crc = CRC32C.checksum(Array(bytes[0..<56]))
        bytes[56..<60] = [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)]
        return bytes
    }

    @Test func aKnownHeaderEncodesToExactlyTheseSixtyFourBytes() {
        var expected: [UInt8] = Array("CRDRLOG".utf8) + [0]             // 0..<8 magic
        expected += [0x01, 0x00]                                         // 8: version 1
        expected += [0x00, 0x10]                                         // 10: header size 4096
        expected += [0xA4, 0xA3, 0xA2, 0xA1]                             // 12: compatible flags
        expected += [0x00, 0x00, 0x00, 0x00]                             // 16: incompatible flags
        expected += [0x03, 0x00, 0x00, 0x00]                             // 20: state sealed (3)
        expected += [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01]     // 24: first sequence
        expected += [0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11]     // 32: created at
        expected += [0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21]     // 40: sealed last sequence
        expected += [0x38, 0x37, 0x36, 0x35, 0x34, 0x33, 0x32, 0x31]     // 48: sealed end offset
        let crc = CRC32C.checksum(expected)                              // 56: CRC32C of 0..<56
        expected += [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)]
        expected += [0, 0, 0, 0]                                         // 60: reserved

        let encoded = knownHeader().encoded()
        #expect(encoded.count == 64)
        #expect(SegmentFormat.headerFieldsSize == 64)
        #expect(encoded == expected)
    }

    @Test func theFormatConstantsAreTheDocumentedOnes() {
        #expect(SegmentFormat.magic == Array("CRDRLOG\u{0}".utf8))
        #expect(SegmentFormat.version == 1)
        #expect(SegmentFormat.headerSize == 4096)
        #expect(SegmentFormat.recordHeaderSize == 32)
        #expect(SegmentFormat.recordAlignment == 8)
        #expect(SegmentFormat.paddedLength(payloadBytes: 0) == 32)
        #expect(SegmentFormat.paddedLength(payloadBytes: 1) == 40)
        #expect(SegmentFormat.paddedLength(payloadBytes: 8) == 40)
        #expect(SegmentFormat.paddedLength(payloadBytes: 9) == 48)
    }

    @Test(arguments: [SegmentState.online, .offline, .sealed])
    func decodingAnEncodedHeaderGivesItBack(state: SegmentState) throws {
        var header = knownHeader()
        header.state = state
        #expect(try decode(header.encoded()) == header)
        // As it lies on disk: the fields, then zeros up to the first record.
        let headerArea = header.encoded() + [UInt8](repeating: 0, count: SegmentFormat.headerSize - 64)
        #expect(try decode(headerArea) == header)
    }

    @Test func fewerThanSixtyFourBytesAreTooShort() {
        #expect(throws: SegmentHeader.DecodingFailure.tooShort) { try decode(Array(knownHeader().encoded().prefix(63))) }
    }

    @Test func aWrongMagicIsRefused() {
        var bytes = knownHeader().encoded()
        bytes[3] ^= 0x20
        #expect(throws: SegmentHeader.DecodingFailure.badMagic) { try decode(bytes) }
        #expect(throws: SegmentHeader.DecodingFailure.badMagic) { try decode(resealed(bytes)) }
    }

    @Test(arguments: [8, 12, 24, 32, 40, 48, 55, 56, 59])
    func aChangedByteFailsTheChecksum(offset: Int) {
        var bytes = knownHeader().encoded()
        bytes[offset] ^= 0x01
        #expect(throws: SegmentHeader.DecodingFailure.badChecksum) { try decode(bytes) }
    }

    @Test func anotherVersionIsUnsupported() {
        var bytes = knownHeader().encoded()
        bytes[8] = 2
        #expect(throws: SegmentHeader.DecodingFailure.unsupportedVersion(2)) { try decode(resealed(bytes)) }
    }

    @Test func unknownIncompatibleFlagsMakeTheSegmentUnreadable() {
        var header = knownHeader()
        header.incompatibleFlags = 0x0000_0004
        #expect(throws: SegmentHeader.DecodingFailure.unknownIncompatibleFlags(4)) { try decode(header.encoded()) }
    }

    @Test func unknownCompatibleFlagsAreTolerated() throws {
        var header = knownHeader()
        header.compatibleFlags = 0xFFFF_FFFF
        #expect(try decode(header.encoded()).compatibleFlags == 0xFFFF_FFFF)
    }

    @Test func anUnknownStateIsRefused() {
        var bytes = knownHeader().encoded()
        bytes[20] = 7
        #expect(throws: SegmentHeader.DecodingFailure.badState(7)) { try decode(resealed(bytes)) }
    }

    @Test func anotherHeaderSizeIsRefused() {
        var header = knownHeader()
        header.headerSize = 512
        #expect(throws: SegmentHeader.DecodingFailure.badHeaderSize(512)) { try decode(header.encoded()) }
    }

    @Test func fileNamesAreTwentyDigitsSoThatTheySortBySequence() {
        #expect(SegmentFormat.fileName(firstSequence: 1) == "00000000000000000001.log")
        #expect(SegmentFormat.fileName(firstSequence: UInt64.max) == "18446744073709551615.log")
        #expect(SegmentFormat.firstSequence(fromFileName: "00000000000000000001.log") == 1)
        #expect(SegmentFormat.firstSequence(fromFileName: "00000000000000004242.log") == 4242)
        #expect(SegmentFormat.firstSequence(fromFileName: "1.log") == nil)
        #expect(SegmentFormat.firstSequence(fromFileName: "00000000000000000001.snap") == nil)
        #expect(SegmentFormat.firstSequence(fromFileName: "0000000000000000000x.log") == nil)
        let names = [9, 10, 100, 11].map { SegmentFormat.fileName(firstSequence: UInt64($0)) }
        #expect(names.sorted().map { SegmentFormat.firstSequence(fromFileName: $0) } == [9, 10, 11, 100])
    }

    /// A header whose checksum holds can still carry a first sequence of 0,
    /// which the recovery arithmetic must never meet: it is refused.
    @Test func aFirstSequenceOfZeroIsRefused() throws {
        let zero = SegmentHeader(state: .online, firstSequence: 0, createdAtNanoseconds: 1)
        #expect(throws: SegmentHeader.DecodingFailure.badFirstSequence) { try decode(zero.encoded()) }
    }
}

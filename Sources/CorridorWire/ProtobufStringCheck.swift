internal import CCorridorProto
import CorridorModel
import NIOCore

/// Finds string fields whose encoded bytes are not text: invalid UTF-8, or
/// holding a NUL.
///
/// protoc-c unpacks a string into a NUL-terminated C string, so after
/// unpacking the Swift side can see neither: `String(cString:)` stops at the
/// first NUL ("nul1\0x" would be stored as "nul1", and then equal "nul1\0y")
/// and repairs invalid UTF-8 with U+FFFD. So the check reads the encoded
/// message itself, the way protobuf does (tag, wire type, value), and looks
/// field numbers up in the message's protoc-c descriptor to know which
/// length-delimited values are strings and which are nested messages (map
/// entries included: protoc-c describes them as messages).
///
/// Any bytes may arrive here: every read is bounds-checked, lengths are
/// compared before they are added, and nesting stops at `maximumDepth`.
enum ProtobufStringCheck {
    /// How deep nested messages are followed. Corridor's messages nest a few
    /// levels; a deeper encoding is refused rather than followed.
    static let maximumDepth = 64

    enum Outcome: Equatable {
        case valid
        /// The first string field at fault, by its path (`personal.contacts[1]`).
        case violation(FieldViolation)
        /// Not a protobuf encoding at all; `unpack` refuses these first.
        case malformed(String)
    }

    /// Checks every string field of `bytes`, an encoded `descriptor` message,
    /// including repeated ones and those of nested messages.
    static func check(_ bytes: UnsafeRawBufferPointer, _ descriptor: UnsafePointer<ProtobufCMessageDescriptor>) -> Outcome {
        walk(bytes, start: 0, end: bytes.count, descriptor, depth: 0)
    }

    /// For messages decoded by hand rather than as a ProtobufMessage: throws
    /// INVALID_ARGUMENT naming the first string field that is not text.
    static func requireText(_ buffer: ByteBuffer, _ descriptor: UnsafePointer<ProtobufCMessageDescriptor>) throws(RPCError) {
        let outcome = buffer.withUnsafeReadableBytes { check($0, descriptor) }
        switch outcome {
        case .valid: return
        case .violation(let violation): throw RPCError.invalidArgument([violation])
        case .malformed(let why): throw RPCError(.invalidArgument, "the payload is not a valid \(String(cString: descriptor.pointee.name)): \(why)")
        }
    }

    private static func walk(
        _ bytes: UnsafeRawBufferPointer, start: Int, end: Int, _ descriptor: UnsafePointer<ProtobufCMessageDescriptor>, depth: Int
    ) -> Outcome {
        guard depth <= maximumDepth else { return .malformed("messages nested more than \(maximumDepth) deep") }
        var reader = WireReader(bytes: bytes, index: start, end: end)
        while reader.index < end {
            let fieldStart = reader.index
            guard let key = reader.readVarint() else { return .malformed("a field's tag is cut off at byte \(fieldStart)") }
            let number = key >> 3
            guard number >= 1, number <= 536_870_911 else { return .malformed("field number \(number) at byte \(fieldStart)") }
            switch key & 7 {
            case 0:
                guard reader.readVarint() != nil else { return .malformed("a varint is cut off at byte \(reader.index)") }
            case 1:
                guard reader.skip(8) else { return .malformed("a 64-bit value is cut off at byte \(reader.index)") }
            case 5:
                guard reader.skip(4) else { return .malformed("a 32-bit value is cut off at byte \(reader.index)") }
            case 2:
                guard let length = reader.readVarint(), length <= UInt64(end - reader.index) else {
                    return .malformed("a length-delimited field runs past its message at byte \(fieldStart)")
                }
                let valueStart = reader.index
                let valueEnd = valueStart + Int(length)
                reader.index = valueEnd
                // Unknown fields are kept as bytes by protoc-c and never read as text.
                guard let field = protobuf_c_message_descriptor_get_field(descriptor, UInt32(number)) else { continue }
                let found: Outcome
                switch field.pointee.type {
                case PROTOBUF_C_TYPE_STRING:
                    guard let reason = textProblem(bytes, start: valueStart, end: valueEnd) else { continue }
                    found = .violation(FieldViolation(field: "", reason: reason))
                case PROTOBUF_C_TYPE_MESSAGE:
                    guard let nested = field.pointee.descriptor else { continue }
                    found = walk(bytes, start: valueStart, end: valueEnd, nested.assumingMemoryBound(to: ProtobufCMessageDescriptor.self), depth: depth + 1)
                default:
                    // Bytes, and packed repeated numbers: not text.
                    continue
                }
                guard case .violation(let inner) = found else {
                    if case .valid = found { continue }
                    return found
                }
                var name = String(cString: field.pointee.name)
                if field.pointee.label == PROTOBUF_C_LABEL_REPEATED {
                    name += "[\(occurrences(of: number, in: bytes, start: start, before: fieldStart))]"
                }
                return .violation(FieldViolation(field: inner.field.isEmpty ? name : name + "." + inner.field, reason: inner.reason))
            default:
                return .malformed("wire type \(key & 7) at byte \(fieldStart)")
            }
        }
        return .valid
    }

    /// How many times field `number` occurs in a message before `limit`: the
    /// index of a repeated element. Counted only once a fault is found, so
    /// valid messages cost no bookkeeping. The walk has read these bytes
    /// already, so they parse.
    private static func occurrences(of number: UInt64, in bytes: UnsafeRawBufferPointer, start: Int, before limit: Int) -> Int {
        var reader = WireReader(bytes: bytes, index: start, end: limit)
        var count = 0
        while reader.index < limit, let key = reader.readVarint() {
            if key >> 3 == number { count += 1 }
            switch key & 7 {
            case 0: guard reader.readVarint() != nil else { return count }
            case 1: guard reader.skip(8) else { return count }
            case 5: guard reader.skip(4) else { return count }
            case 2:
                guard let length = reader.readVarint(), length <= UInt64(limit - reader.index) else { return count }
                reader.index += Int(length)
            default: return count
            }
        }
        return count
    }

    /// Why the bytes are not acceptable text, or nil: strict UTF-8 (no
    /// overlong forms, no surrogates, nothing above U+10FFFF, no cut-off
    /// character; Unicode's table 3-7) without NUL.
    static func textProblem(_ bytes: UnsafeRawBufferPointer, start: Int, end: Int) -> String? {
        var index = start
        while index < end {
            // Eight bytes at a time while they are ASCII without NUL (most
            // text); any other word goes through the byte-wise checks below.
            while end - index >= 8 {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let nonASCII = word & 0x8080_8080_8080_8080
                let zeroByte = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                guard nonASCII | zeroByte == 0 else { break }
                index += 8
            }
            guard index < end else { break }
            let lead = bytes[index]
            if lead == 0 { return "contains a NUL byte (U+0000) at byte \(index - start)" }
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var secondLow: UInt8 = 0x80
            var secondHigh: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondLow = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondHigh = 0x9F
            case 0xF0: length = 4; secondLow = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondHigh = 0x8F
            default: return notUTF8(lead, at: index - start)
            }
            guard end - index >= length else {
                return "is not valid UTF-8: the character starting at byte \(index - start) is cut off"
            }
            guard (secondLow...secondHigh).contains(bytes[index + 1]) else { return notUTF8(lead, at: index - start) }
            for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) {
                return notUTF8(lead, at: index - start)
            }
            index += length
        }
        return nil
    }

    private static func notUTF8(_ lead: UInt8, at offset: Int) -> String {
        let hex = String(lead, radix: 16, uppercase: true)
        return "is not valid UTF-8: the bytes at byte \(offset) (0x\(hex.count == 1 ? "0" + hex : hex)…) are no character"
    }
}

/// Reads the protobuf wire format within `index..<end` of `bytes`.
private struct WireReader {
    let bytes: UnsafeRawBufferPointer
    var index: Int
    let end: Int

    /// A base-128 varint of at most 10 bytes that fits 64 bits, or nil.
    mutating func readVarint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < end {
            let byte = bytes[index]
            index += 1
            if shift == 63 && byte > 1 { return nil }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
            if shift > 63 { return nil }
        }
        return nil
    }

    mutating func skip(_ count: Int) -> Bool {
        guard end - index >= count else { return false }
        index += count
        return true
    }
}

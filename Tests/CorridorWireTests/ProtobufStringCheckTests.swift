import CorridorModel
import CorridorWire
import NIOCore
import Testing
import CorridorTestSupport

/// Hand-made protobuf encodings, so that a test can put into a string field
/// what no Swift String can hold: a NUL the C side would cut at, invalid UTF-8.
private enum Encoded {
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        return bytes + [UInt8(value)]
    }

    /// A length-delimited field: a string, bytes or a nested message.
    static func field(_ number: UInt64, _ value: [UInt8]) -> [UInt8] {
        varint(number << 3 | 2) + varint(UInt64(value.count)) + value
    }

    static func field(_ number: UInt64, _ text: String) -> [UInt8] { field(number, Array(text.utf8)) }

    static func varintField(_ number: UInt64, _ value: UInt64) -> [UInt8] { varint(number << 3) + varint(value) }
}

/// RegisterCaseRequest { case = 1 { id = 1, site_id = 2, companion_ids = 9 }, personal = 2 { name = 1, contacts = 3 } }
private func registerCase(name: [UInt8], contacts: [[UInt8]] = [], companions: [[UInt8]] = []) -> [UInt8] {
    let caseBytes = Encoded.field(2, "douma") + Encoded.varintField(3, 96) + companions.flatMap { Encoded.field(9, $0) }
    let personal = Encoded.field(1, name) + contacts.flatMap { Encoded.field(3, $0) }
    return Encoded.field(1, caseBytes) + Encoded.field(2, personal)
}

private func refusal<M: ProtoMessage>(_ type: M.Type, _ bytes: [UInt8]) -> RPCError? {
    do {
        _ = try M(serializedBytes: bytes)
        return nil
    } catch {
        return RPCError(error)
    }
}

@Suite struct ProtobufStringCheckTests {
    /// Issue 8's repro: "nul1\0x" was stored as "nul1", and then collided with "nul1\0y".
    @Test func anEmbeddedNULIsRefusedNamingTheField() throws {
        let error = try #require(refusal(Corridor_V1_RegisterCaseRequest.self, registerCase(name: Array("nul1\0x".utf8))))
        #expect(error.code == .invalidArgument)
        #expect(error.fieldViolations.map(\.field) == ["personal.name"])
        #expect(error.fieldViolations.first?.reason == "contains a NUL byte (U+0000) at byte 4")
    }

    @Test func theSameTextWithoutTheNULStillDecodes() throws {
        let request = try Corridor_V1_RegisterCaseRequest(serializedBytes: registerCase(name: Array("nul1".utf8)))
        #expect(request.personal?.name == "nul1")
    }

    /// Valid text of every UTF-8 length passes untouched: Arabic, CJK, an emoji, a combining mark.
    @Test func validTextOfEveryLengthDecodes() throws {
        let name = "Layla ليلى 李 😀 e\u{301}"
        let request = try Corridor_V1_RegisterCaseRequest(serializedBytes: registerCase(name: Array(name.utf8), contacts: [Array("+963 ١١".utf8)]))
        #expect(request.personal?.name == name)
        #expect(request.personal?.contacts == ["+963 ١١"])
    }

    /// ASCII is checked eight bytes at a time: a NUL or a bad byte at any
    /// offset of a longer string, inside a word or after the last whole one,
    /// is found at its own byte; a character across two words passes.
    @Test func aFaultAtAnyOffsetOfALongStringIsFoundAtItsByte() throws {
        for offset in 0..<27 {
            var name = Array("abcdefghijklmnopqrstuvwxyz0".utf8)
            name[offset] = 0
            let nul = try #require(refusal(Corridor_V1_RegisterCaseRequest.self, registerCase(name: name)))
            #expect(nul.fieldViolations.first?.reason == "contains a NUL byte (U+0000) at byte \(offset)")
            name[offset] = 0xFF
            let invalid = try #require(refusal(Corridor_V1_RegisterCaseRequest.self, registerCase(name: name)))
            #expect(invalid.fieldViolations.first?.reason.hasPrefix("is not valid UTF-8: the bytes at byte \(offset) ") == true, "\(invalid)")
        }
        for offset in 0..<20 {
            let name = String(repeating: "a", count: offset) + "ليلى😀" + String(repeating: "b", count: 9)
            let request = try Corridor_V1_RegisterCaseRequest(serializedBytes: registerCase(name: Array(name.utf8)))
            #expect(request.personal?.name == name)
        }
    }

    static let invalidUTF8: [(String, [UInt8])] = [
        ("a lone continuation byte", [0x41, 0x80]),
        ("overlong '/' in two bytes", [0xC0, 0xAF]),
        ("overlong NUL in two bytes", [0xC0, 0x80]),
        ("overlong in three bytes", [0xE0, 0x80, 0xAF]),
        ("overlong in four bytes", [0xF0, 0x80, 0x80, 0xAF]),
        ("a high surrogate U+D800", [0xED, 0xA0, 0x80]),
        ("a low surrogate U+DFFF", [0xED, 0xBF, 0xBF]),
        ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("0xFF", [0x41, 0xFF]),
        ("0xF5 lead", [0xF5, 0x80, 0x80, 0x80]),
        ("a two-byte character cut off", [0x41, 0xC3]),
        ("a three-byte character cut off", [0xE2, 0x82]),
        ("a four-byte character cut off", [0xF0, 0x9F, 0x98]),
        ("a lead byte followed by ASCII", [0xC3, 0x41]),
        ("Latin-1 text", Array("Caf".utf8) + [0xE9]),
    ]

    @Test(arguments: invalidUTF8)
    func invalidUTF8IsRefusedNamingTheField(_ example: (String, [UInt8])) throws {
        let error = try #require(refusal(Corridor_V1_RegisterCaseRequest.self, registerCase(name: example.1)), "\(example.0) was accepted")
        #expect(error.code == .invalidArgument)
        #expect(error.fieldViolations.map(\.field) == ["personal.name"], "\(example.0)")
        #expect(error.fieldViolations.first?.reason.hasPrefix("is not valid UTF-8") == true, "\(example.0): \(error)")
    }

    @Test func aRepeatedStringIsNamedWithItsIndex() throws {
        let contacts = registerCase(name: Array("Layla".utf8), contacts: [Array("+963 1".utf8), Array("+963 2".utf8), [0x2B, 0x00, 0x31]])
        let error = try #require(refusal(Corridor_V1_RegisterCaseRequest.self, contacts))
        #expect(error.fieldViolations.map(\.field) == ["personal.contacts[2]"])
        let companions = registerCase(name: Array("Layla".utf8), companions: [Array("C-000001".utf8), [0x43, 0xED, 0xA0, 0x80]])
        #expect(try #require(refusal(Corridor_V1_RegisterCaseRequest.self, companions)).fieldViolations.map(\.field) == ["case.companion_ids[1]"])
    }

    /// Strings inside repeated messages: ImportCasesRequest.rows[i].personal.contacts[j].
    @Test func aStringInARepeatedNestedMessageIsNamedWithItsPath() throws {
        func row(_ number: UInt64, contacts: [[UInt8]]) -> [UInt8] {
            Encoded.varintField(1, number) + Encoded.field(3, contacts.flatMap { Encoded.field(3, $0) })
        }
        let request = Encoded.field(1, row(2, contacts: [Array("ok".utf8)]))
            + Encoded.field(1, row(3, contacts: [Array("ok".utf8), Array("x\0y".utf8)]))
            + Encoded.field(3, "reason")
        let error = try #require(refusal(Corridor_V1_ImportCasesRequest.self, request))
        #expect(error.fieldViolations.map(\.field) == ["rows[1].personal.contacts[1]"])
        let reason = Encoded.field(1, row(2, contacts: [])) + Encoded.field(3, [0xFF])
        #expect(try #require(refusal(Corridor_V1_ImportCasesRequest.self, reason)).fieldViolations.map(\.field) == ["reason"])
    }

    /// A field given twice is merged by protobuf: a bad first occurrence is still refused.
    @Test func aSingularStringGivenTwiceIsCheckedBothTimes() throws {
        let party = Encoded.field(1, "gov") + Encoded.field(3, "bad\0") + Encoded.field(3, "good")
        let error = try #require(refusal(Corridor_V1_RegisterPartyRequest.self, Encoded.field(1, party)))
        #expect(error.fieldViolations.map(\.field) == ["party.full_name"])
    }

    /// Health.Check's service name is decoded by hand: checked the same way.
    @Test func aHealthCheckServiceNameWithANULIsRefused() throws {
        let error = try #require(refusal(Corridor_V1_HealthCheckRequest.self, Encoded.field(1, "corridor.v1.Registry\0x")))
        #expect(error.fieldViolations.map(\.field) == ["service"])
        #expect(try Corridor_V1_HealthCheckRequest(serializedBytes: Encoded.field(1, "corridor.v1.Registry")).service == "corridor.v1.Registry")
    }

    /// Bytes fields and unknown fields are not text: a NUL there is fine.
    @Test func bytesAndUnknownFieldsAreNotChecked() throws {
        let party = Encoded.field(1, "gov") + Encoded.field(99, [0x00, 0xFF])
        let request = try Corridor_V1_RegisterPartyRequest(serializedBytes: Encoded.field(1, party))
        #expect(request.party?.id == "gov")
    }

    /// Any bytes at all: a refusal or a value, never a trap. Seeded, so a
    /// failure reproduces.
    @Test func arbitraryBytesNeverTrap() {
        var generator = SeededGenerator(seed: 8)
        let valid = registerCase(name: Array("Layla".utf8), contacts: [Array("+963".utf8)], companions: [Array("C-1".utf8)])
        for round in 0..<3_000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0:
                bytes = (0..<generator.next(below: 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            case 1:
                // Mutations of a valid request: the walker meets lengths that lie.
                bytes = valid
                for _ in 0..<(1 + generator.next(below: 4)) {
                    bytes[generator.next(below: bytes.count)] = UInt8(truncatingIfNeeded: generator.next())
                }
            default:
                bytes = Array(valid.prefix(generator.next(below: valid.count + 1)))
            }
            _ = refusal(Corridor_V1_RegisterCaseRequest.self, bytes)
            _ = refusal(Corridor_V1_ImportCasesRequest.self, bytes)
        }
    }

    /// Ten thousand levels of length-delimited fields: Corridor's messages do
    /// not contain themselves, so the encoding stops matching the schema a
    /// level down (and the walk stops at ProtobufStringCheck.maximumDepth in
    /// any case): a refusal, never a stack overflow.
    @Test func deepNestingIsRefused() {
        var bytes = Encoded.field(3, "x")
        for _ in 0..<10_000 { bytes = Encoded.field(1, bytes) }
        let error = refusal(Corridor_V1_ImportCasesRequest.self, bytes)
        #expect(error?.code == .invalidArgument)
    }
}


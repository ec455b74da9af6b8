import CorridorModel
import CorridorProtoSamples
@testable import CorridorWire
import NIOCore
import Testing

/// The generated messages' binary coding (Sources/CorridorWire/Generated):
/// for every message type, a sample with every field set survives a round
/// trip and is encoded byte for byte as protobuf-c encodes it.
@Suite struct GeneratedCodingTests {
    @Test(arguments: ProtoSamples.all)
    func everyMessageRoundTripsAndMatchesProtobufC(set: ProtoSampleSet) throws {
        #expect(!set.samples.isEmpty)
        for sample in set.samples {
            try Self.checkBinary(sample)
        }
    }

    /// The samples cover every field: their encodings (which leave defaults
    /// out) hold every field number protoc-c's descriptor lists.
    @Test(arguments: ProtoSamples.all)
    func theSamplesSetEveryField(set: ProtoSampleSet) throws {
        let descriptor = try #require((set.type as? any ProtobufCBacked.Type)?.protobufCDescriptor)
        var found = Set<Int>()
        for sample in set.samples {
            found.formUnion(try Self.topLevelFieldNumbers(sample.serializedBytes()))
        }
        #expect(found == Set(descriptor.fieldNumbers))
    }

    /// The field numbers of an encoding's top level, by a reader of its own.
    static func topLevelFieldNumbers(_ bytes: [UInt8]) throws -> [Int] {
        var index = 0
        func varint() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte: UInt8 = try #require(index < bytes.count ? bytes[index] : nil)
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }
        var numbers: [Int] = []
        while index < bytes.count {
            let key = try varint()
            numbers.append(Int(key >> 3))
            switch key & 7 {
            case 0: _ = try varint()
            case 2: index += Int(try varint())
            default: Issue.record("wire type \(key & 7)")
            }
        }
        return numbers
    }

    static func checkBinary<Message: ProtoMessage>(_ sample: Message, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = sample.serializedBytes()
        #expect(bytes.count == sample.serializedSize, "\(Message.protoMessageName): serializedSize", sourceLocation: sourceLocation)
        let decoded = try Message(serializedBytes: bytes)
        #expect(decoded == sample, "\(Message.protoMessageName) did not survive a round trip", sourceLocation: sourceLocation)
        let repacked = (Message.self as? any ProtobufCBacked.Type).flatMap { ProtobufCRead.repack(bytes, $0.protobufCDescriptor) }
        #expect(repacked == bytes, "\(Message.protoMessageName): protobuf-c packs it as \(repacked.map(hex) ?? "nil"), Swift as \(hex(bytes))", sourceLocation: sourceLocation)
        var buffer = ByteBuffer(bytes: [0xEE])
        sample.serialize(into: &buffer)
        #expect(Array(buffer.readableBytesView) == [0xEE] + bytes, sourceLocation: sourceLocation)
        buffer.moveReaderIndex(forwardBy: 1)
        #expect(try Message(serializedBytes: buffer) == sample, sourceLocation: sourceLocation)
    }

    // MARK: Unknown enum numbers

    @Test func anUnknownEnumNumberSurvivesAsUnrecognized() throws {
        // Case.sex (field 4) = 9, Case.conditions (field 6, packed) = [1, 42].
        let bytes: [UInt8] = [0x20, 0x09, 0x32, 0x02, 0x01, 0x2A]
        let decoded = try Corridor_V1_Case(serializedBytes: bytes)
        #expect(decoded.sex == .unrecognized(9))
        #expect(decoded.sex.rawValue == 9)
        #expect(decoded.conditions == [.cancer, .unrecognized(42)])
        #expect(decoded.serializedBytes() == bytes)
        #expect(ProtobufCRead.repack(bytes, Corridor_V1_Case.protobufCDescriptor) == bytes)
    }

    @Test func aNegativeEnumNumberTakesTenBytesAsProtobufCWritesIt() throws {
        var value = Corridor_V1_Case()
        value.sex = .unrecognized(-5)
        let bytes = value.serializedBytes()
        #expect(bytes == [0x20, 0xFB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(try Corridor_V1_Case(serializedBytes: bytes).sex == .unrecognized(-5))
        #expect(ProtobufCRead.repack(bytes, Corridor_V1_Case.protobufCDescriptor) == bytes)
    }

    @Test func aKnownNumberIsNeverUnrecognized() {
        for status in Corridor_V1_Case.Status.allCases {
            #expect(Corridor_V1_Case.Status(rawValue: status.rawValue) == status)
            #expect(Corridor_V1_Case.Status(protoName: status.protoName) == status)
        }
        #expect(Corridor_V1_Case.Status(rawValue: 99) == .unrecognized(99))
        #expect(Corridor_V1_Case.Status(protoName: "NOT_A_STATUS") == nil)
        #expect(Corridor_V1_Site.CrossingStatus.open.protoName == "OPEN")
        #expect(Corridor_V1_StatusCode.invalidArgument.rawValue == 3)
    }

    // MARK: Strings

    @Test func aNulInAStringIsEncodedWhole() {
        var value = Corridor_V1_Case()
        value.siteID = "a\0b"
        #expect(value.serializedBytes() == [0x12, 0x03, 0x61, 0x00, 0x62])
    }

    @Test func decodingRefusesANulNamingTheField() {
        var request = Corridor_V1_RegisterCaseRequest()
        request.case = Corridor_V1_Case()
        request.case?.siteID = "a\0b"
        #expect(throws: ProtoDecodingError(
            messageName: "corridor.v1.RegisterCaseRequest", fieldPath: "case.site_id",
            reason: "contains a NUL byte (U+0000) at byte 1"
        )) {
            try Corridor_V1_RegisterCaseRequest(serializedBytes: request.serializedBytes())
        }
        request.case = nil
        request.personal = Corridor_V1_CasePersonal()
        request.personal?.contacts = ["+963", "x\0"]
        do {
            _ = try Corridor_V1_RegisterCaseRequest(serializedBytes: request.serializedBytes())
            Issue.record("decoded a NUL")
        } catch {
            #expect(error.fieldPath == "personal.contacts[1]")
            let rpc = RPCError(error)
            #expect(rpc.code == .invalidArgument)
            #expect(rpc.fieldViolations == [FieldViolation(field: "personal.contacts[1]", reason: "contains a NUL byte (U+0000) at byte 1")])
        }
    }

    @Test func decodingRefusesInvalidUTF8NamingTheField() {
        // GetRequest.id (field 1) = 0xC3 0x28: a lead byte without its continuation.
        do {
            _ = try Corridor_V1_GetRequest(serializedBytes: [0x0A, 0x02, 0xC3, 0x28])
            Issue.record("decoded invalid UTF-8")
        } catch {
            #expect(error.fieldPath == "id")
            #expect(error.reason.contains("not valid UTF-8"))
        }
    }

    @Test func bytesThatAreNoMessageAreRefusedNamingTheMessage() {
        for bytes: [UInt8] in [[0x0A, 0x7F, 0x61], [0xFF], [0x08], [0x0B, 0x00], [0x12, 0x02, 0x08]] {
            do {
                _ = try Corridor_V1_Party(serializedBytes: bytes)
                Issue.record("decoded \(bytes)")
            } catch {
                #expect(error.fieldPath == nil)
                #expect(error.messageName == "corridor.v1.Party")
                #expect(RPCError(error).message.hasPrefix("the payload is not a valid corridor.v1.Party"))
            }
        }
    }

    @Test func unknownFieldsAreSkipped() throws {
        // Party.id = "a", then field 15 (varint 1) that Party does not have.
        let decoded = try Corridor_V1_Party(serializedBytes: [0x0A, 0x01, 0x61, 0x78, 0x01])
        #expect(decoded.id == "a")
        #expect(decoded.serializedBytes() == [0x0A, 0x01, 0x61])
    }

    @Test func theEmptyMessageDecodesFromNoBytes() throws {
        #expect(try Corridor_V1_Event(serializedBytes: []) == Corridor_V1_Event())
        #expect(try Corridor_V1_Cancel(serializedBytes: ByteBuffer()) == Corridor_V1_Cancel())
        #expect(Corridor_V1_Event().serializedBytes().isEmpty)
    }

    // MARK: Oneofs and presence

    @Test func aOneofMemberThatIsEmptyIsStillSent() throws {
        var frame = Corridor_V1_Frame()
        frame.streamID = 3
        frame.kind = .cancel(Corridor_V1_Cancel())
        let bytes = frame.serializedBytes()
        #expect(bytes == [0x08, 0x03, 0x3A, 0x00])
        #expect(try Corridor_V1_Frame(serializedBytes: bytes).kind == .cancel(Corridor_V1_Cancel()))
        #expect(ProtobufCRead.repack(bytes, Corridor_V1_Frame.protobufCDescriptor) == bytes)
    }

    @Test func aOneofHoldsItsMemberInABoxSoTheMessageStaysSmall() {
        // With its members inline an Event was as large as its largest kind (393 bytes), and
        // every copy on the decode path (reading, mapping) moved it whole and retained each of
        // its fields; a box is one pointer to retain (docs/PERFORMANCE.md, the codec).
        let pointer = MemoryLayout<UnsafeRawPointer>.size
        #expect(MemoryLayout<Corridor_V1_Event.Kind?>.size == pointer)
        #expect(MemoryLayout<Corridor_V1_SnapshotEntry.Entry?>.size == pointer)
        #expect(MemoryLayout<Corridor_V1_Frame.Kind?>.size == pointer)
        #expect(MemoryLayout<Corridor_V1_Event>.size < 128)
        // Boxed or not, a member reads back as it was written.
        var event = Corridor_V1_Event()
        event.kind = .caseRegistered(Corridor_V1_CaseRegistered(case: Corridor_V1_Case(), personal: nil, sealedPersonal: nil))
        var copy = event
        copy.kind = .casePersonalErased(Corridor_V1_CasePersonalErased())
        #expect(event.kind == .caseRegistered(Corridor_V1_CaseRegistered(case: Corridor_V1_Case(), personal: nil, sealedPersonal: nil)))
        #expect(copy.kind != event.kind)
    }

    @Test func aSetMessageFieldThatIsEmptyIsStillSent() throws {
        var view = Corridor_V1_CaseView()
        view.personal = Corridor_V1_CasePersonal()
        #expect(view.serializedBytes() == [0x12, 0x00])
        #expect(try Corridor_V1_CaseView(serializedBytes: [0x12, 0x00]).personal == Corridor_V1_CasePersonal())
    }

    @Test func theMethodsAreThoseOfProto() {
        #expect(Corridor_V1_Registry.registerCase.path == "/corridor.v1.Registry/RegisterCase")
        #expect(Corridor_V1_Registry.watch.kind == .serverStreaming)
        #expect(Corridor_V1_Health.watch.kind == .serverStreaming)
        #expect(Corridor_V1_System.ping.kind == .unary)
        #expect(Corridor_V1_System.all.map(\.path) == ["/corridor.v1.System/Status", "/corridor.v1.System/Ping", "/corridor.v1.System/Promote"])
        #expect(Corridor_V1_Health.all.map(\.path) == ["/corridor.v1.Health/Check", "/corridor.v1.Health/Watch"])
        let registry = Corridor_V1_Registry.all
        #expect(Set(registry.map(\.path)).count == registry.count)
        #expect(registry.first { $0.path == "/corridor.v1.Registry/ImportCases" }?.requestType == Corridor_V1_ImportCasesRequest.self)
    }
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let text = String(byte, radix: 16)
        return text.count == 1 ? "0" + text : text
    }.joined(separator: " ")
}

import CorridorProtoSamples
import CorridorWire
import Testing

/// proto3's canonical JSON mapping of the generated messages, and ProtoJSON's
/// parser and writer. (Tests/Interop/json_check.py holds the same samples
/// against Google's json_format.)
@Suite struct GeneratedJSONTests {
    @Test(arguments: ProtoSamples.all)
    func everyMessageRoundTripsThroughJSON(set: ProtoSampleSet) throws {
        for sample in set.samples {
            try Self.checkJSON(sample)
        }
    }

    static func checkJSON<Message: ProtoMessage>(_ sample: Message, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let value = sample.jsonValue()
        #expect(try Message(json: value) == sample, sourceLocation: sourceLocation)
        for pretty in [false, true] {
            let text = sample.jsonText(pretty: pretty)
            #expect(try ProtoJSON(parsing: text) == value, sourceLocation: sourceLocation)
            #expect(try Message(jsonText: text) == sample, sourceLocation: sourceLocation)
        }
        // The field names as written in proto/ are accepted too.
        #expect(try Message(json: protoNames(value)) == sample, "\(Message.protoMessageName) with proto field names", sourceLocation: sourceLocation)
    }

    /// The same JSON with every key spelled as in proto/ (`siteId` → `site_id`).
    static func protoNames(_ value: ProtoJSON) -> ProtoJSON {
        switch value {
        case .object(let members):
            return .object(members.map { member in
                var snake = ""
                for character in member.key {
                    if character.isUppercase { snake += "_" + character.lowercased() } else { snake.append(character) }
                }
                return ProtoJSON.Member(snake, protoNames(member.value))
            })
        case .array(let elements):
            return .array(elements.map(protoNames))
        default:
            return value
        }
    }

    // MARK: The dialect

    @Test func aCaseInJSON() throws {
        var value = Corridor_V1_Case()
        value.id = "C-1"
        value.siteID = "ghouta"
        value.ageMonths = 6
        value.conditions = [.heartDisease, .unrecognized(42)]
        value.consentGiven = true
        value.registeredAtMs = 18_446_744_073_709_551_615
        #expect(value.jsonText() == #"{"id":"C-1","siteId":"ghouta","ageMonths":6,"conditions":["HEART_DISEASE",42],"consentGiven":true,"registeredAtMs":"18446744073709551615"}"#)
        #expect(value.jsonText(pretty: true) == """
            {
              "id": "C-1",
              "siteId": "ghouta",
              "ageMonths": 6,
              "conditions": [
                "HEART_DISEASE",
                42
              ],
              "consentGiven": true,
              "registeredAtMs": "18446744073709551615"
            }
            """)
        #expect(Corridor_V1_Case().jsonText() == "{}")
    }

    @Test func bytesAreBase64AndOneofsAndEmptyMessagesAreWritten() throws {
        var frame = Corridor_V1_Frame()
        frame.kind = .cancel(Corridor_V1_Cancel())
        #expect(frame.jsonText() == #"{"cancel":{}}"#)
        frame.kind = .call(Corridor_V1_CallStart(method: "/corridor.v1.System/Ping", timeoutMs: 0, payload: [0xFB, 0xFF, 0x00, 0x61], requestID: ""))
        #expect(frame.jsonText() == #"{"call":{"method":"/corridor.v1.System/Ping","payload":"+/8AYQ=="}}"#)
        // URL-safe and unpadded base64 are read too.
        let decoded = try Corridor_V1_Frame(jsonText: #"{"call":{"payload":"-_8AYQ"}}"#)
        guard case .call(let call)? = decoded.kind else {
            Issue.record("no call")
            return
        }
        #expect(call.payload == [0xFB, 0xFF, 0x00, 0x61])
    }

    @Test func sixtyFourBitIntegersAreStringsAndReadFromBoth() throws {
        var value = Corridor_V1_Ping()
        value.opaque = 9_007_199_254_740_993
        #expect(value.jsonValue()["opaque"] == .string("9007199254740993"))
        #expect(try Corridor_V1_Ping(jsonText: #"{"opaque":"9007199254740993"}"#).opaque == 9_007_199_254_740_993)
        #expect(try Corridor_V1_Ping(jsonText: #"{"opaque":9007199254740993}"#).opaque == 9_007_199_254_740_993)
        #expect(try Corridor_V1_Ping(jsonText: #"{"opaque":1e3}"#).opaque == 1000)
        #expect(try Corridor_V1_Limits(jsonText: #"{"maxFrameBytes":"65536"}"#).maxFrameBytes == 65536)
    }

    @Test func enumsAreReadByNameOrNumber() throws {
        #expect(try Corridor_V1_Case(jsonText: #"{"sex":"FEMALE"}"#).sex == .female)
        #expect(try Corridor_V1_Case(jsonText: #"{"sex":2}"#).sex == .male)
        #expect(try Corridor_V1_Case(jsonText: #"{"sex":9}"#).sex == .unrecognized(9))
        #expect(throws: ProtoJSONError(path: "sex", reason: #""female" is not a value of corridor.v1.Case.Sex (SEX_UNSPECIFIED, FEMALE, MALE)"#)) {
            try Corridor_V1_Case(jsonText: #"{"sex":"female"}"#)
        }
    }

    @Test func nullIsTheDefault() throws {
        let value = try Corridor_V1_RegisterCaseRequest(jsonText: #"{"case":null,"personal":{"name":null,"contacts":null}}"#)
        #expect(value.case == nil)
        #expect(value.personal == Corridor_V1_CasePersonal())
    }

    @Test func refusalsNameThePath() {
        let cases: [(String, ProtoJSONError)] = [
            (#"{"case":{"siteId":"x","bogus":1}}"#, ProtoJSONError(path: "case.bogus", reason: #"corridor.v1.Case has no field "bogus""#)),
            (#"{"case":{"ageMonths":4294967296}}"#, ProtoJSONError(path: "case.ageMonths", reason: "4294967296 is not a uint32 (an integer from 0 to 4294967295)")),
            (#"{"case":{"ageMonths":-1}}"#, ProtoJSONError(path: "case.ageMonths", reason: "-1 is not a uint32 (an integer from 0 to 4294967295)")),
            (#"{"case":{"ageMonths":1.5}}"#, ProtoJSONError(path: "case.ageMonths", reason: "1.5 is not a uint32 (an integer from 0 to 4294967295)")),
            (#"{"case":{"registeredAtMs":"18446744073709551616"}}"#, ProtoJSONError(path: "case.registeredAtMs", reason: #""18446744073709551616" is not a uint64 (an integer from 0 to 18446744073709551615)"#)),
            (#"{"case":{"registeredAtMs":"1e3"}}"#, ProtoJSONError(path: "case.registeredAtMs", reason: #""1e3" is not a uint64 (an integer from 0 to 18446744073709551615)"#)),
            (#"{"case":{"siteId":7}}"#, ProtoJSONError(path: "case.siteId", reason: "expected a string, found a number")),
            (#"{"case":{"consentGiven":"true"}}"#, ProtoJSONError(path: "case.consentGiven", reason: "expected true or false, found a string")),
            (#"{"case":{"companionIds":["a",null]}}"#, ProtoJSONError(path: "case.companionIds[1]", reason: "null is not a value of a repeated field")),
            (#"{"case":{"companionIds":"a"}}"#, ProtoJSONError(path: "case.companionIds", reason: "expected an array, found a string")),
            (#"{"case":{"siteId":"a","site_id":"b"}}"#, ProtoJSONError(path: "case.site_id", reason: "the field is given twice")),
            (#"{"case":[]}"#, ProtoJSONError(path: "case", reason: "expected an object (corridor.v1.Case), found an array")),
            (#"[]"#, ProtoJSONError(path: "", reason: "expected an object (corridor.v1.RegisterCaseRequest), found an array")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text)") { try Corridor_V1_RegisterCaseRequest(jsonText: text) }
        }
        #expect(throws: ProtoJSONError(path: "movement.cargo[2].quantity", reason: "expected a number, found a boolean")) {
            try Corridor_V1_PlanMovementRequest(jsonText: #"{"movement":{"cargo":[{},{"id":"2"},{"quantity":true}]}}"#)
        }
        // A oneof's name is no field.
        #expect(throws: ProtoJSONError(path: "kind", reason: #"corridor.v1.Frame has no field "kind""#)) {
            try Corridor_V1_Frame(jsonText: #"{"kind":{"bogus":1}}"#)
        }
        #expect(throws: ProtoJSONError(path: "ping", reason: #""pong" is set already: only one field of the oneof kind may be"#)) {
            try Corridor_V1_Frame(jsonText: #"{"pong":{},"ping":{}}"#)
        }
        #expect(throws: ProtoJSONError(path: "bogus", reason: #"corridor.v1.Cancel has no field "bogus""#)) {
            try Corridor_V1_Cancel(jsonText: #"{"bogus":1}"#)
        }
    }

    // MARK: ProtoJSON, the text

    @Test func theParserReadsJSON() throws {
        let value = try ProtoJSON(parsing: " {\"a\" : [1, -0.5e+2, true, false, null, \"x\\u00e9\\ud83d\\ude00\\n\\\"\\/\"], \"b\":{}} ")
        #expect(value == .object([
            ProtoJSON.Member("a", .array([
                .number(ProtoJSON.Number(1)), .number(try #require(ProtoJSON.Number(text: "-0.5e+2"))), .bool(true), .bool(false), .null,
                .string("xé😀\n\"/"),
            ])),
            ProtoJSON.Member("b", .object([])),
        ]))
        #expect(try ProtoJSON(parsing: "\"é✓\"") == .string("é✓"))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", ".5", "+1", "1e", "tru", "nul", "\"a", "\"\\x\"", "\"\\ud800\"",
        "\"\\udc00\"", "\"a\tb\"", "{a:1}", "[1] 2", "\"\\u12\"", "NaN", "Infinity",
    ])
    func theParserRefusesWhatIsNotJSON(text: String) {
        #expect(throws: ProtoJSONError.self) { try ProtoJSON(parsing: text) }
    }

    @Test func theParserRefusesInvalidUTF8AndDeepNesting() {
        #expect(throws: ProtoJSONError.self) { try ProtoJSON(parsing: [0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: ProtoJSONError.self) { try ProtoJSON(parsing: [0x22, 0xED, 0xA0, 0x80, 0x22]) }
        #expect(throws: ProtoJSONError.self) { try ProtoJSON(parsing: [0x22, 0xF0, 0x9F, 0x98, 0x22]) }
        let deep = String(repeating: "[", count: ProtoJSON.maximumDepth + 1) + String(repeating: "]", count: ProtoJSON.maximumDepth + 1)
        #expect(throws: ProtoJSONError.self) { try ProtoJSON(parsing: deep) }
        let allowed = String(repeating: "[", count: ProtoJSON.maximumDepth) + String(repeating: "]", count: ProtoJSON.maximumDepth)
        #expect(throws: Never.self) { try ProtoJSON(parsing: allowed) }
    }

    @Test func theWriterEscapesWhatJSONRequires() throws {
        let value = ProtoJSON.string("a\"b\\c\n\t\u{01}\u{1F}é/")
        #expect(value.text() == #""a\"b\\c\n\t\u0001\u001fé/""#)
        #expect(try ProtoJSON(parsing: value.text()) == value)
        #expect(ProtoJSON.array([]).text(pretty: true) == "[]")
        #expect(ProtoJSON.Number(1.5)?.text == "1.5")
        #expect(ProtoJSON.Number(3.0)?.text == "3")
        #expect(ProtoJSON.Number(Double.nan) == nil)
        #expect(ProtoJSON.Number(text: "1.0e5") != nil)
        #expect(ProtoJSON.Number(text: "1.") == nil)
    }
}

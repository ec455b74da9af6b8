import CorridorClient
import CorridorModel
import CorridorRegistry
@testable import CorridorServer
import CorridorWire
import Foundation
import NIOCore
import Testing
import CorridorTestSupport

/// No request takes the server down. Every method the server routes (its
/// own method table, so a new method is covered without touching this
/// file) gets requests generated from its message in proto/: empty, huge,
/// negative, malformed dates and zones, unknown enum numbers, random bytes
/// in strings, random and real ids, deep messages and long repeated fields,
/// and bytes that are no valid encoding at all. Every call must end with a
/// status (OK, or an error code with a message), and the connection must
/// still answer afterwards.
///
/// A crash of the server is a crash of this test process: the last request
/// sent is printed first when CORRIDOR_PROPERTY_TRACE=1.
@Suite struct RequestPropertyTests {
    static let requestsPerMethod = 12

    @Test(arguments: [UInt64(0x5EED_0001), 0x5EED_0002])
    func everyMethodAnswersEveryGeneratedRequestWithAStatus(seed: UInt64) async throws {
        let schema = try ProtoSchema.load()
        let fixture = try await Fixture.start()
        do {
            try await Self.driveEveryMethod(fixture, schema: schema, seed: seed)
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    static func driveEveryMethod(_ fixture: Fixture, schema: ProtoSchema, seed: UInt64) async throws {
        let client = fixture.client
        let trace = ProcessInfo.processInfo.environment["CORRIDOR_PROPERTY_TRACE"] == "1"

        #expect(fixture.methods.count > 60, "the method table looks incomplete: \(fixture.methods)")
        for routed in fixture.rpcMethods {
            let method = routed.path
            let rpc = try #require(schema.rpcs[method], "\(method) is routed but no service in proto/ declares it")
            // The handler's generated request type is the message the generator draws from.
            #expect(routed.requestType.protoMessageName == "corridor.v1.\(rpc.requestType)", "\(method): routed with \(routed.requestType)")
            #expect((routed.kind == .serverStreaming) == rpc.serverStreaming, "\(method): routed as \(routed.kind)")
            var generator = RequestGenerator(schema: schema, random: SeededGenerator(seed: seed ^ Self.stableHash(method)))
            for iteration in 0..<Self.requestsPerMethod {
                let bytes = generator.request(rpc.requestType, iteration: iteration)
                if trace { print("request \(method) #\(iteration) seed \(seed): \(bytes.count) bytes \(bytes.prefix(256).map { String(format: "%02x", $0) }.joined())") }
                let outcome = await Self.call(client, method, bytes, streaming: rpc.serverStreaming)
                if trace { print("answer \(method) #\(iteration): \(outcome.summary)") }
                switch outcome {
                case .ok:
                    break
                case .status(let error):
                    let code = error.rpcStatus.code
                    #expect(code != .ok && code != .unknown, "\(method) #\(iteration): \(code) is no answer a handler gives on purpose: \(error)")
                    #expect(!error.rpcStatus.message.isEmpty, "\(method) #\(iteration): \(code) without a message")
                    #expect(code != .internal, "\(method) #\(iteration): INTERNAL for a request's content: \(error.rpcStatus.message)")
                    #expect(code != .unavailable, "\(method) #\(iteration): the server went away: \(error.rpcStatus.message)")
                    // A unary call has a minute: not a measure of speed, a sign the handler never answered.
                    #expect(rpc.serverStreaming || code != .deadlineExceeded, "\(method) #\(iteration): no answer within a minute")
                }
            }
            // The connection still works after whatever the method was sent.
            let answer = try await client.unary(Corridor_V1_System.ping, Corridor_V1_PingRequest(payload: [1, 2, 3]), timeout: .seconds(60))
            #expect(answer.payload == [1, 2, 3], "the connection no longer answers after \(method)")
        }

        // A new connection is served too, and the registry still answers.
        let second = try await CorridorClient.connect(to: fixture.server.socketPath, configuration: .forTests)
        let status = try await second.unary(Corridor_V1_System.status, Corridor_V1_StatusRequest(), timeout: .seconds(60))
        #expect(status.serverName.isEmpty == false)
        let site = try await second.unary(Corridor_V1_Registry.getSite, Corridor_V1_GetRequest(id: "ghouta"), timeout: .seconds(60))
        #expect(site.id == "ghouta")
        await second.close()
    }

    @Test func theGeneratorCoversEveryFieldTypeOfEveryRequest() throws {
        let schema = try ProtoSchema.load()
        var generator = RequestGenerator(schema: schema, random: SeededGenerator(seed: 1))
        for (method, rpc) in schema.rpcs {
            let message = try #require(schema.messages[rpc.requestType], "\(method): no message \(rpc.requestType)")
            for field in message.fields {
                #expect(schema.kind(of: field.type, in: message.name) != nil, "\(rpc.requestType).\(field.name): unknown type \(field.type)")
            }
            // Every request is generated, and the first one is the empty message.
            #expect(generator.request(rpc.requestType, iteration: 0).isEmpty)
        }
    }

    // MARK: Calls

    enum Outcome {
        case ok
        case status(RPCError)

        var summary: String {
            switch self {
            case .ok: "OK"
            case .status(let error): "\(error.rpcStatus.code) \(error.rpcStatus.message.prefix(160))"
            }
        }
    }

    /// One call with raw request bytes; the answer's bytes are not decoded,
    /// only whether it came with a status. A stream is read to its first
    /// message: a watch with nothing to send ends at its deadline.
    static func call(_ client: CorridorClient, _ path: String, _ bytes: [UInt8], streaming: Bool) async -> Outcome {
        guard let method = generatedMethods[path] else {
            return .status(RPCError(.unimplemented, "\(path) has no generated RPCMethod"))
        }
        if streaming {
            do {
                for try await _ in client.serverStreaming(method, payload: bytes, timeout: .milliseconds(300)) { break }
                return .ok
            } catch let error as RPCError {
                if error.rpcStatus.code == .deadlineExceeded { return .ok }
                return .status(error)
            } catch {
                return .status(RPCError(.unknown, "not a status: \(error)"))
            }
        }
        do {
            _ = try await client.unary(method, payload: bytes, timeout: .seconds(60))
            return .ok
        } catch {
            return .status(error)
        }
    }

    /// Every generated method by path: the client sends raw bytes through them.
    static let generatedMethods: [String: AnyRPCMethod] = Dictionary(
        uniqueKeysWithValues: (Corridor_V1_Registry.all + Corridor_V1_System.all + Corridor_V1_Health.all + Corridor_V1_Audit.all).map { ($0.path, $0) }
    )

    /// FNV-1a: a method's own stream of requests, the same on every run and
    /// unchanged when other methods are added.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
        return hash
    }

    // MARK: The server

    struct Fixture {
        let server: InProcessServer
        let registry: Registry
        let client: CorridorClient
        /// Every method the server routes, with its generated types, by path.
        let rpcMethods: [AnyRPCMethod]
        var methods: [String] { rpcMethods.map(\.path) }

        static func start() async throws -> Fixture {
            var options = RegistryOptions()
            options.store.segmentBytes = 256 * 1024
            let server = try await InProcessServer.startWithRegistry(options: options)
            let registry = try #require(server.registry)
            try await seed(registry)
            // The method table of the running server: its own System and
            // Health methods and the registry's, as corridord merges them.
            let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
            return Fixture(server: server, registry: registry, client: client, rpcMethods: server.server.routedMethods)
        }

        func stop() async {
            await client.close()
            await server.stop()
        }

        /// Real records for the generated ids to hit: parties, a site tree
        /// with a crossing, cases.
        static func seed(_ registry: Registry) async throws {
            let actor = Actor(uid: 1000, userName: "test", pid: 1, role: "registrar", requestID: "seed")
            for party in [
                Party(id: "gov", shortName: "Government", kind: .government),
                Party(id: "jaish", shortName: "Jaish", kind: .armedGroup),
                Party(id: "sarc", shortName: "SARC", kind: .redCrossRedCrescent),
            ] {
                _ = try await registry.registerParty(party, actor: actor)
            }
            for site in [
                Site(id: "ghouta", name: "Eastern Ghouta", kind: .enclave, controlledBy: "jaish", besiegedBy: ["gov"], besiegedSince: "2013-04-01"),
                Site(id: "douma", name: "Douma", kind: .city, parentID: "ghouta"),
                Site(id: "douma-hospital", name: "Douma Hospital", kind: .hospital, parentID: "douma"),
                Site(id: "wafideen", name: "Al-Wafideen", kind: .crossing, controlledBy: "gov"),
                Site(id: "damascus", name: "Damascus", kind: .city),
            ] {
                _ = try await registry.registerSite(site, actor: actor)
            }
            for index in 0..<6 {
                _ = try await registry.registerCase(
                    Case(siteID: "douma-hospital", ageMonths: UInt32(6 + 40 * index), sex: index.isMultiple(of: 2) ? .female : .male,
                         precedence: .urgent, conditions: [.kidneyFailure], needs: [.dialysis], consentGiven: true),
                    // No date of birth: the registry holds one to the age it is given, and
                    // ages here vary; the personal part needs only a name.
                    personal: CasePersonal(name: "Person \(index)"), actor: actor
                )
            }
        }
    }
}

// MARK: Generated requests

/// Protobuf bytes for a message of proto/, field by field from its schema,
/// with the values that break servers.
struct RequestGenerator {
    let schema: ProtoSchema
    var random: SeededGenerator

    /// Real ids of the fixture's records, so that some requests reach past "not found".
    static let knownIDs = ["ghouta", "douma", "douma-hospital", "wafideen", "damascus", "gov", "jaish", "sarc", "C-000001", "C-000003", "site:ghouta", "case:C-000002"]
    static let dates = ["2018-02-20", "+201-02-20", "-0001-01-01", "2018-13-45", "2018-02-30", "0000-00-00", "9999-12-31", "10000-01-01", "2018-2-3", "20180220", "2018-02-20T10:00:00Z", "yesterday"]
    static let zones = ["UTC", "Asia/Damascus", "Nowhere/City", "../../etc/passwd", "/etc/localtime", "Asia/Damascus\u{0}", String(repeating: "A/", count: 300), "posix/Europe/Berlin", "EST5EDT"]
    static let times = ["00:00", "23:59", "24:00", "25:61", "-1:00", "7", "07:00:00", "T10:00"]

    init(schema: ProtoSchema, random: SeededGenerator) {
        self.schema = schema
        self.random = random
    }

    /// Whether the values being generated are hostile. Half the requests
    /// are plausible (real ids, valid dates and enums, small numbers) with
    /// one value in ten hostile, so that they get past the first check
    /// and reach the handlers' deeper paths; the other half are hostile
    /// throughout.
    private var hostileShare: UInt64 = 1

    /// Iteration 0 is the empty message (every field at its default);
    /// the others fill fields at random, and some end in bytes that are no
    /// valid encoding.
    mutating func request(_ type: String, iteration: Int) -> [UInt8] {
        guard iteration > 0 else { return [] }
        hostileShare = iteration.isMultiple(of: 2) ? 10 : 1
        var bytes = message(type, depth: 0)
        switch random.next() % 8 {
        case 0: bytes += randomBytes(count: Int(random.next() % 24))  // trailing garbage
        case 1: bytes = randomBytes(count: Int(random.next() % 64))  // no message at all
        default: break
        }
        return bytes
    }

    mutating func message(_ type: String, depth: Int) -> [UInt8] {
        guard let message = schema.messages[type] else { return [] }
        var bytes: [UInt8] = []
        for field in message.fields where random.next() % 4 != 0 {
            guard let kind = schema.kind(of: field.type, in: message.name) else { continue }
            let count: Int
            if field.repeated {
                switch random.next() % 6 {
                case 0: count = 0
                case 1: count = depth == 0 && hostileShare == 1 ? 2_000 : 8  // long
                default: count = 1 + Int(random.next() % 4)
                }
            } else {
                count = 1
            }
            for _ in 0..<count {
                bytes += encode(field, kind, depth: depth, long: count > 100)
            }
        }
        return bytes
    }

    private mutating func hostile() -> Bool { random.next() % hostileShare == 0 }

    private mutating func encode(_ field: ProtoSchema.Field, _ kind: ProtoSchema.Kind, depth: Int, long: Bool) -> [UInt8] {
        if !hostile() { return plausible(field, kind, depth: depth, long: long) }
        switch kind {
        case .message(let name):
            // Deep: messages inside messages as far as the schema nests them, four levels at most.
            let body = depth < 4 && !long ? message(name, depth: depth + 1) : []
            return Self.tag(field.number, 2) + Self.varint(UInt64(body.count)) + body
        case .enumeration(let values):
            let number: Int64 = random.next() % 3 == 0 ? [99, -1, Int64(Int32.max), 1_000][Int(random.next() % 4)] : Int64(values[Int(random.next() % UInt64(values.count))])
            return Self.tag(field.number, 0) + Self.varint(UInt64(bitPattern: number))
        case .scalar(let scalar):
            switch scalar {
            case "string":
                let text = long ? Array(pick(Self.knownIDs + ["", "x"]).utf8) : string(for: field.name)
                return Self.tag(field.number, 2) + Self.varint(UInt64(text.count)) + text
            case "bytes":
                let body = randomBytes(count: long ? 4 : Int(random.next() % 300))
                return Self.tag(field.number, 2) + Self.varint(UInt64(body.count)) + body
            case "bool":
                return Self.tag(field.number, 0) + Self.varint(random.next() % 3)
            case "double", "fixed64", "sfixed64":
                let value = pick([UInt64(0), Double.nan.bitPattern, Double.infinity.bitPattern, (-1.0).bitPattern, UInt64.max, random.next()])
                return Self.tag(field.number, 1) + (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
            case "float", "fixed32", "sfixed32":
                let value = pick([UInt32(0), Float.nan.bitPattern, Float.infinity.bitPattern, UInt32.max, UInt32(truncatingIfNeeded: random.next())])
                return Self.tag(field.number, 5) + (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
            case "sint32", "sint64":
                let value = integer()
                return Self.tag(field.number, 0) + Self.varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
            default:  // int32, int64, uint32, uint64: negative numbers are ten-byte varints
                return Self.tag(field.number, 0) + Self.varint(UInt64(bitPattern: integer()))
            }
        }
    }

    /// A value a careful client might send.
    private mutating func plausible(_ field: ProtoSchema.Field, _ kind: ProtoSchema.Kind, depth: Int, long: Bool) -> [UInt8] {
        switch kind {
        case .message(let name):
            let body = depth < 4 && !long ? message(name, depth: depth + 1) : []
            return Self.tag(field.number, 2) + Self.varint(UInt64(body.count)) + body
        case .enumeration(let values):
            let valid = values.filter { $0 != 0 }
            return Self.tag(field.number, 0) + Self.varint(UInt64(bitPattern: Int64(valid.isEmpty ? 0 : pick(valid))))
        case .scalar("string"):
            let name = field.name
            let text: String
            if name.contains("date") || name.hasSuffix("_since") || name.hasSuffix("_on") {
                text = pick(["2018-02-20", "2026-11-21", "2013-04-01"])
            } else if name.contains("zone") {
                text = pick(["Asia/Damascus", "UTC"])
            } else if name.contains("time") || name.contains("hour") || name.hasSuffix("_at") {
                text = pick(["07:00", "18:30", "2026-11-21T10:15"])
            } else if name == "id" || name.hasSuffix("_id") || name.hasSuffix("_ids") {
                text = pick(Self.knownIDs)
            } else {
                text = pick(["Douma", "reason given", "x"])
            }
            return Self.tag(field.number, 2) + Self.varint(UInt64(text.utf8.count)) + Array(text.utf8)
        case .scalar("bytes"):
            return Self.tag(field.number, 2) + [3, 1, 2, 3]
        case .scalar("bool"):
            return Self.tag(field.number, 0) + [UInt8(random.next() % 2)]
        case .scalar("double"), .scalar("fixed64"), .scalar("sfixed64"):
            return Self.tag(field.number, 1) + (0..<8).map { UInt8(truncatingIfNeeded: (12.5).bitPattern >> (8 * $0)) }
        case .scalar("float"), .scalar("fixed32"), .scalar("sfixed32"):
            return Self.tag(field.number, 5) + [3, 0, 0, 0]
        case .scalar:
            return Self.tag(field.number, 0) + Self.varint(pick([1, 5, 29, 100]))
        }
    }

    private mutating func integer() -> Int64 {
        pick([0, 1, -1, Int64(Int32.max), Int64(Int32.min), Int64(UInt32.max), Int64.max, Int64.min, 1_000_000, Int64(bitPattern: random.next())])
    }

    /// A string chosen by what the field holds: dates, zones and times get
    /// malformed ones, ids real and random ones; any field gets empty, huge,
    /// NUL and bytes that are not UTF-8.
    private mutating func string(for name: String) -> [UInt8] {
        switch random.next() % 8 {
        case 0: return []
        case 1: return Array(repeating: UInt8(ascii: "a"), count: 70_000)  // beyond every length limit
        case 2: return randomBytes(count: 1 + Int(random.next() % 40))  // NUL, invalid UTF-8
        case 3: return Array("a\u{0}b".utf8)
        default: break
        }
        if name.contains("date") || name.hasSuffix("_since") || name.hasSuffix("_on") { return Array(pick(Self.dates).utf8) }
        if name.contains("zone") { return Array(pick(Self.zones).utf8) }
        if name.contains("time") || name.contains("hour") || name.hasSuffix("_at") { return Array(pick(Self.times + Self.dates).utf8) }
        if name == "id" || name.hasSuffix("_id") || name.hasSuffix("_ids") || name.hasSuffix("token") {
            return Array((random.next() % 3 == 0 ? "id-\(random.next() % 1000)" : pick(Self.knownIDs)).utf8)
        }
        return Array(pick(["", "x", "Douma", "ʿAyn Tarma — عين ترما", "kinds", "case", "site", "-1", "name.with.dots", String(repeating: "é", count: 600)]).utf8)
    }

    private mutating func pick<Value>(_ values: [Value]) -> Value {
        values[Int(random.next() % UInt64(values.count))]
    }

    private mutating func randomBytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    static func tag(_ number: Int, _ wireType: UInt64) -> [UInt8] { varint(UInt64(number) << 3 | wireType) }

    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
        return bytes
    }
}

// MARK: The schema

/// The messages, enums and methods of proto/corridor/v1/*.proto, read with a
/// small parser: enough of the language for what proto/ uses (messages and
/// enums, nested, oneof, repeated and optional fields, services).
struct ProtoSchema {
    struct Field {
        var name: String
        var type: String
        var number: Int
        var repeated: Bool
    }

    struct Message {
        /// Dotted, without the package: "Case", "Agreement.Term".
        var name: String
        var fields: [Field] = []
    }

    struct RPC {
        var requestType: String
        var serverStreaming: Bool
    }

    enum Kind {
        case scalar(String)
        case enumeration([Int32])
        case message(String)
    }

    var messages: [String: Message] = [:]
    var enums: [String: [Int32]] = [:]
    /// By full method name, `/corridor.v1.Registry/GetSite`.
    var rpcs: [String: RPC] = [:]
    private var package = ""

    static let scalars: Set<String> = [
        "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64",
        "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes",
    ]

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    static func load() throws -> ProtoSchema {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("proto/corridor/v1")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".proto") }.sorted()
        guard !files.isEmpty else { throw ParseError(description: "no .proto files in \(directory.path)") }
        var schema = ProtoSchema()
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            var tokens = Tokens(text)
            try schema.parseFile(&tokens, file: file)
        }
        return schema
    }

    /// What a field's type names, resolved from the message it is in outwards.
    func kind(of type: String, in scope: String) -> Kind? {
        if Self.scalars.contains(type) { return .scalar(type) }
        var name = type
        if !package.isEmpty, name.hasPrefix(package + ".") { name.removeFirst(package.count + 1) }
        var parts = scope.split(separator: ".").map(String.init)
        while true {
            let candidate = (parts + [name]).joined(separator: ".")
            if messages[candidate] != nil { return .message(candidate) }
            if let values = enums[candidate] { return .enumeration(values) }
            if parts.isEmpty { return nil }
            parts.removeLast()
        }
    }

    private mutating func parseFile(_ tokens: inout Tokens, file: String) throws {
        while let token = tokens.next() {
            switch token {
            case "syntax", "import", "option": tokens.skip(past: ";")
            case "package":
                package = tokens.next() ?? ""
                tokens.skip(past: ";")
            case "message": try parseMessage(&tokens, scope: [])
            case "enum": try parseEnum(&tokens, scope: [])
            case "service": try parseService(&tokens)
            case ";": break
            default: throw ParseError(description: "\(file): unexpected \(token)")
            }
        }
    }

    private mutating func parseMessage(_ tokens: inout Tokens, scope: [String]) throws {
        guard let name = tokens.next(), tokens.next() == "{" else { throw ParseError(description: "a message without a body") }
        let path = scope + [name]
        var message = Message(name: path.joined(separator: "."))
        try parseFields(&tokens, into: &message, scope: path)
        messages[message.name] = message
    }

    /// Fields up to the closing brace; oneof members are fields of the message.
    private mutating func parseFields(_ tokens: inout Tokens, into message: inout Message, scope: [String]) throws {
        while let token = tokens.next() {
            switch token {
            case "}": return
            case "message": try parseMessage(&tokens, scope: scope)
            case "enum": try parseEnum(&tokens, scope: scope)
            case "oneof":
                _ = tokens.next()
                guard tokens.next() == "{" else { throw ParseError(description: "a oneof without a body") }
                try parseFields(&tokens, into: &message, scope: scope)
            case "option", "reserved", "extensions": tokens.skip(past: ";")
            case ";": break
            default:
                var type = token
                var repeated = false
                if token == "repeated" || token == "optional" {
                    repeated = token == "repeated"
                    type = tokens.next() ?? ""
                }
                guard let name = tokens.next(), tokens.next() == "=", let number = tokens.next().flatMap({ Int($0) }) else {
                    throw ParseError(description: "\(message.name): a field after \(token) does not parse")
                }
                tokens.skip(past: ";")
                message.fields.append(Field(name: name, type: type, number: number, repeated: repeated))
            }
        }
    }

    private mutating func parseEnum(_ tokens: inout Tokens, scope: [String]) throws {
        guard let name = tokens.next(), tokens.next() == "{" else { throw ParseError(description: "an enum without a body") }
        var values: [Int32] = []
        while let token = tokens.next(), token != "}" {
            if token == "option" || token == "reserved" { tokens.skip(past: ";"); continue }
            guard tokens.next() == "=", let number = tokens.next().flatMap({ Int32($0) }) else {
                throw ParseError(description: "enum \(name): \(token) does not parse")
            }
            values.append(number)
            tokens.skip(past: ";")
        }
        enums[(scope + [name]).joined(separator: ".")] = values
    }

    private mutating func parseService(_ tokens: inout Tokens) throws {
        guard let service = tokens.next(), tokens.next() == "{" else { throw ParseError(description: "a service without a body") }
        while let token = tokens.next(), token != "}" {
            guard token == "rpc" else {
                tokens.skip(past: ";")
                continue
            }
            guard let method = tokens.next(), tokens.next() == "(" else { throw ParseError(description: "\(service): an rpc does not parse") }
            var request = tokens.next() ?? ""
            if request == "stream" { request = tokens.next() ?? "" }
            guard tokens.next() == ")", tokens.next() == "returns", tokens.next() == "(" else {
                throw ParseError(description: "\(service).\(method) does not parse")
            }
            var response = tokens.next() ?? ""
            let streaming = response == "stream"
            if streaming { response = tokens.next() ?? "" }
            _ = tokens.next()  // ")"
            if tokens.peek() == "{" { tokens.skip(past: "}") } else { tokens.skip(past: ";") }
            if !package.isEmpty, request.hasPrefix(package + ".") { request.removeFirst(package.count + 1) }
            rpcs["/\(package).\(service)/\(method)"] = RPC(requestType: request, serverStreaming: streaming)
        }
    }

    /// Identifiers (dotted), numbers and single punctuation, comments dropped.
    struct Tokens {
        private var tokens: [String] = []
        private var index = 0

        init(_ text: String) {
            let characters = Array(text)
            var position = 0
            while position < characters.count {
                let character = characters[position]
                if character == "/", position + 1 < characters.count, characters[position + 1] == "/" {
                    while position < characters.count, characters[position] != "\n" { position += 1 }
                } else if character == "/", position + 1 < characters.count, characters[position + 1] == "*" {
                    position += 2
                    while position + 1 < characters.count, !(characters[position] == "*" && characters[position + 1] == "/") { position += 1 }
                    position += 2
                } else if character == "\"" {
                    var end = position + 1
                    while end < characters.count, characters[end] != "\"" { end += 1 }
                    tokens.append(String(characters[position...min(end, characters.count - 1)]))
                    position = end + 1
                } else if character.isLetter || character.isNumber || character == "_" || character == "." || character == "-" {
                    var end = position
                    while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" || characters[end] == "." || characters[end] == "-" { end += 1 }
                    tokens.append(String(characters[position..<end]))
                    position = end
                } else {
                    if !character.isWhitespace { tokens.append(String(character)) }
                    position += 1
                }
            }
        }

        mutating func next() -> String? {
            guard index < tokens.count else { return nil }
            defer { index += 1 }
            return tokens[index]
        }

        func peek() -> String? { index < tokens.count ? tokens[index] : nil }

        mutating func skip(past terminator: String) {
            while let token = next(), token != terminator {}
        }
    }
}

@testable import CorridorRegistry
@testable import CorridorWire
import FuzzSupport

// The generated decoders (Sources/CorridorWire/Generated) over arbitrary
// bytes: Event (the log's payloads), Frame and CallStart (what a client
// sends first), SnapshotEntry. Input: one byte choosing the message, then
// its bytes. Decoding may refuse; it must never crash. A message that decodes
// must also:
// - encode to exactly serializedSize bytes, which decode to the same value;
// - encode as protobuf-c encodes the same message (unpack + pack);
// - survive its proto3 JSON (compact and pretty) unchanged.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeneratedDecoding(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var reader = ByteReader(UnsafeRawBufferPointer(start: start, count: count))
    let mode = reader.readByte() % 4
    let bytes = reader.readRest()
    switch mode {
    case 0: check(Corridor_V1_Event.self, bytes)
    case 1: check(Corridor_V1_Frame.self, bytes)
    case 2: check(Corridor_V1_CallStart.self, bytes)
    default: check(Corridor_V1_SnapshotEntry.self, bytes)
    }
    return 0
}

private func check<Message: ProtobufCBacked>(_ type: Message.Type, _ bytes: [UInt8]) {
    guard let message = try? Message(serializedBytes: bytes) else { return }
    let encoded = message.serializedBytes()
    guard encoded.count == message.serializedSize else {
        fatalError("\(Message.protoMessageName): serializedSize \(message.serializedSize), encoded \(encoded.count) bytes")
    }
    guard let again = try? Message(serializedBytes: encoded), again == message else {
        fatalError("\(Message.protoMessageName): its own encoding does not decode to it: \(message)")
    }
    guard ProtobufCRead.repack(encoded, Message.protobufCDescriptor) == encoded else {
        fatalError("\(Message.protoMessageName): protobuf-c packs it differently: \(message)")
    }
    for pretty in [false, true] {
        guard let fromJSON = try? Message(jsonText: message.jsonText(pretty: pretty)), fromJSON == message else {
            fatalError("\(Message.protoMessageName): its JSON does not read back: \(message.jsonText())")
        }
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzSeeds.writeIfAsked {
        var seeds: [(name: String, bytes: [UInt8])] = []
        // Events and snapshot entries of a real registry (the sample world).
        let directory = SampleWorld.makeTemporaryDirectory("corridor-fuzz-generated")
        let sample: Result<([[UInt8]], [UInt8]), FuzzSeeds.WriteError> = runBlocking {
            do {
                let coding = ProtobufRecordCoding()
                let (registry, _) = try Registry.open(dataDirectory: directory, recordCoding: coding, logger: SampleWorld.quietLogger)
                try await SampleWorld.seed(registry, cases: 4)
                var events: [[UInt8]] = []
                registry.eventLog.read(from: 1) { record in
                    events.append(Array(record.payload))
                    return true
                }
                let state = await registry.currentState
                let snapshot = try state.snapshotPayload(coding: coding)
                await registry.close()
                return .success((events, snapshot))
            } catch {
                return .failure(FuzzSeeds.WriteError(description: "building the sample registry in \(directory) failed: \(error)"))
            }
        }
        let (events, snapshot) = try sample.get()
        for (index, event) in events.enumerated() where [0, 3, 8, 9, events.count - 1].contains(index) {
            seeds.append(("event-\(index)", [0] + event))
        }
        var offset = 0
        var entry = 0
        while offset + 4 <= snapshot.count, entry < 3 {
            let length = Int(snapshot[offset]) | Int(snapshot[offset + 1]) << 8 | Int(snapshot[offset + 2]) << 16 | Int(snapshot[offset + 3]) << 24
            guard offset + 4 + length <= snapshot.count else { break }
            seeds.append(("snapshot-entry-\(entry)", [3] + snapshot[(offset + 4)..<(offset + 4 + length)]))
            offset += 4 + length
            entry += 1
        }
        // Frames as a client and the server send them, built with the generated types.
        var call = Corridor_V1_CallStart()
        call.method = Corridor_V1_Registry.getSite.path
        call.timeoutMs = 500
        call.payload = Corridor_V1_GetRequest(id: "ghouta").serializedBytes()
        call.requestID = "r-1"
        var hello = Corridor_V1_Frame()
        hello.kind = .hello(Corridor_V1_Hello(version: Corridor_V1_ProtocolVersion(major: 1, minor: 0), clientName: "fuzz", clientVersion: "1"))
        var status = Corridor_V1_Frame()
        status.streamID = 7
        status.kind = .status(Corridor_V1_Status(
            code: .invalidArgument, message: "invalid case.site_id",
            fieldViolations: [Corridor_V1_FieldViolation(field: "case.site_id", description: "is empty")]
        ))
        var callFrame = Corridor_V1_Frame()
        callFrame.streamID = 1
        callFrame.kind = .call(call)
        seeds.append(("frame-hello", [1] + hello.serializedBytes()))
        seeds.append(("frame-call", [1] + callFrame.serializedBytes()))
        seeds.append(("frame-status", [1] + status.serializedBytes()))
        seeds.append(("call-start", [2] + call.serializedBytes()))
        return seeds
    }
    return 0
}

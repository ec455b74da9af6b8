@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import FuzzSupport

// What replay and snapshot loading do with bytes that passed a checksum:
// decode an Event and apply it to a registry's state, decode one
// SnapshotEntry, or load a whole snapshot payload into a state. Input: one
// byte choosing which, then the bytes.

/// What replay and snapshot loading decode with: the daemon's record coding.
private let coding = ProtobufRecordCoding()

/// The sample world's state and records, made once per process.
private let sample: (state: RegistryState, events: [[UInt8]], snapshot: [UInt8]) = {
    let directory = SampleWorld.makeTemporaryDirectory("corridor-fuzz-events")
    return runBlocking {
        do {
            let (registry, _) = try Registry.open(dataDirectory: directory, recordCoding: coding, logger: SampleWorld.quietLogger)
            try await SampleWorld.seed(registry, cases: 6)
            let state = await registry.currentState
            var events: [[UInt8]] = []
            registry.eventLog.read(from: 1) { record in
                events.append(Array(record.payload))
                return true
            }
            let snapshot = try state.snapshotPayload(coding: coding)
            await registry.close()
            return (state, events, snapshot)
        } catch {
            fatalError("building the sample registry in \(directory) failed: \(error)")
        }
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventDecoding(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var reader = ByteReader(UnsafeRawBufferPointer(start: start, count: count))
    let mode = reader.readByte() % 3
    let bytes = reader.readRest()
    switch mode {
    case 0:
        guard let event = try? coding.decodeEvent(bytes) else { return 0 }
        var state = sample.state
        state.apply(event, sequence: state.lastSequence + 1)
        _ = try? coding.encode(event)
    case 1:
        guard let entry = try? coding.decodeSnapshotEntry(bytes) else { return 0 }
        _ = try? coding.encode(entry)
    default:
        guard let state = try? RegistryState(snapshotPayload: bytes, sequence: 1, coding: coding) else { return 0 }
        _ = try? state.snapshotPayload(coding: coding)
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzSeeds.writeIfAsked {
        var seeds: [(name: String, bytes: [UInt8])] = []
        // A handful of the log's events: the first of each record kind's commands.
        for (index, event) in sample.events.enumerated() where [0, 3, 8, 9, sample.events.count - 3, sample.events.count - 1].contains(index) {
            seeds.append(("event-\(index)", [0] + event))
        }
        // The snapshot's first entries, one by one, and the whole payload.
        var offset = 0
        var entry = 0
        while offset + 4 <= sample.snapshot.count, entry < 4 {
            let length = Int(sample.snapshot[offset]) | Int(sample.snapshot[offset + 1]) << 8
                | Int(sample.snapshot[offset + 2]) << 16 | Int(sample.snapshot[offset + 3]) << 24
            seeds.append(("snapshot-entry-\(entry)", [1] + sample.snapshot[(offset + 4)..<(offset + 4 + length)]))
            offset += 4 + length
            entry += 1
        }
        seeds.append(("snapshot-payload", [2] + sample.snapshot))
        return seeds
    }
    return 0
}

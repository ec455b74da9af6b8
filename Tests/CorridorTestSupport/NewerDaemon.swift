import CorridorServer
import CorridorWire
import NIOCore

/// A server answering History and Watch as a newer daemon would: among its
/// events one of a kind this build does not know (a oneof member with a field
/// number proto/ does not have). Clients must show it as an unknown kind with
/// its sequence and time, and go on with the rest of the answer.
public enum NewerDaemon {
    /// The sequence of the event of the unknown kind; the next one is a party registration.
    public static let unknownSequence: UInt64 = 7
    public static let knownSequence: UInt64 = 8
    public static let recordedAtNs: UInt64 = 1_700_000_000_123_000_000
    public static let partyID = "newer"

    /// An Event whose kind is field 999: reason and time as any event has, then
    /// `{ 999: { 1: 1 } }`, which this build's Event does not have.
    public static func unknownKindEvent() -> [UInt8] {
        var event = Corridor_V1_Event()
        event.reason = "from a newer daemon"
        event.atMs = 1_700_000_000_123
        return event.serializedBytes() + [0xBA, 0x3E, 0x02, 0x08, 0x01]
    }

    public static func knownEvent() -> [UInt8] {
        var event = Corridor_V1_Event()
        event.atMs = 1_700_000_000_124
        var party = Corridor_V1_Party()
        party.id = partyID
        party.shortName = "Newer"
        party.kind = .ngo
        var registered = Corridor_V1_PartyRegistered()
        registered.party = party
        event.kind = .partyRegistered(registered)
        return event.serializedBytes()
    }

    /// WatchedEvent (and HistoryEntry, the same fields): sequence, recorded_at_ns, event.
    public static func watchedEvent(sequence: UInt64, event: [UInt8]) -> [UInt8] {
        var head = Corridor_V1_WatchedEvent()
        head.sequence = sequence
        head.recordedAtNs = recordedAtNs
        return head.serializedBytes() + lengthDelimited(field: 3, event)
    }

    /// HistoryResponse { entries: [unknown kind, party registered] }.
    public static func historyResponse() -> [UInt8] {
        lengthDelimited(field: 1, watchedEvent(sequence: unknownSequence, event: unknownKindEvent()))
            + lengthDelimited(field: 1, watchedEvent(sequence: knownSequence, event: knownEvent()))
    }

    /// Registry.History answers `historyResponse()`; Registry.Watch sends the same two events and ends.
    public static func start() async throws -> InProcessServer {
        var methods = MethodRouter()
        // Raw routes: re-encoding a generated message would drop the unknown kind.
        methods.register(raw: AnyRPCMethod(Corridor_V1_Registry.history), .unary { _, _ in
            ByteBuffer(bytes: historyResponse())
        })
        methods.register(raw: AnyRPCMethod(Corridor_V1_Registry.watch), .serverStreaming { _, _, writer in
            try await writer.send(ByteBuffer(bytes: watchedEvent(sequence: unknownSequence, event: unknownKindEvent())))
            try await writer.send(ByteBuffer(bytes: watchedEvent(sequence: knownSequence, event: knownEvent())))
        })
        return try await InProcessServer.start(methods: methods)
    }

    private static func lengthDelimited(field: UInt8, _ bytes: [UInt8]) -> [UInt8] {
        var length = [UInt8]()
        var value = UInt64(bytes.count)
        while value >= 0x80 {
            length.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        length.append(UInt8(value))
        return [field << 3 | 2] + length + bytes
    }
}

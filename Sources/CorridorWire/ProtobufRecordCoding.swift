import CorridorModel

/// Events and snapshot entries as proto/corridor/v1/events.proto and
/// snapshot.proto encode them: the generated messages (Generated/, protobuf-c
/// underneath for decoding) and the mapping to the model (Mapping/). What
/// corridord, the server and the tests give the registry.
///
/// The bytes are those the run-time coder wrote before (EventCodingTests and
/// RecordFixtureTests hold its output as literals): a log or a snapshot
/// written by an older build opens, and a record written now reads the same
/// in one.
public struct ProtobufRecordCoding: RecordCoding {
    public init() {}

    public func encode(_ event: Event) throws(RecordCodingError) -> [UInt8] {
        Corridor_V1_Event(event).serializedBytes()
    }

    public func decodeEvent(_ bytes: UnsafeRawBufferPointer) throws(RecordCodingError) -> Event {
        let message: Corridor_V1_Event
        do {
            message = try Corridor_V1_Event(serializedBytes: bytes)
        } catch {
            throw RecordCodingError(error.description)
        }
        do {
            return try Event(proto: message)
        } catch {
            throw RecordCodingError(error.description)
        }
    }

    public func encode(_ entry: SnapshotEntry) throws(RecordCodingError) -> [UInt8] {
        Corridor_V1_SnapshotEntry(entry).serializedBytes()
    }

    public func decodeSnapshotEntry(_ bytes: UnsafeRawBufferPointer) throws(RecordCodingError) -> SnapshotEntry {
        let message: Corridor_V1_SnapshotEntry
        do {
            message = try Corridor_V1_SnapshotEntry(serializedBytes: bytes)
        } catch {
            throw RecordCodingError(error.description)
        }
        do {
            return try SnapshotEntry(proto: message)
        } catch {
            throw RecordCodingError(error.description)
        }
    }
}

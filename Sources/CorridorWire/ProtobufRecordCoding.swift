import CorridorModel

/// Events and snapshot entries as proto/corridor/v1/events.proto and
/// snapshot.proto encode them, through the run-time coder (ProtobufMessage).
/// What corridord, the server and the tests give the registry; the
/// generated messages will take its place without the registry noticing.
public struct ProtobufRecordCoding: RecordCoding {
    public init() {}

    public func encode(_ event: Event) throws(RecordCodingError) -> [UInt8] {
        do {
            return try event.protobufBytes()
        } catch {
            throw RecordCodingError(error.message)
        }
    }

    public func decodeEvent(_ bytes: UnsafeRawBufferPointer) throws(RecordCodingError) -> Event {
        do {
            return try Event(protobufBytes: bytes)
        } catch {
            throw RecordCodingError(error.message)
        }
    }

    public func encode(_ entry: SnapshotEntry) throws(RecordCodingError) -> [UInt8] {
        do {
            return try entry.protobufBytes()
        } catch {
            throw RecordCodingError(error.message)
        }
    }

    public func decodeSnapshotEntry(_ bytes: UnsafeRawBufferPointer) throws(RecordCodingError) -> SnapshotEntry {
        do {
            return try SnapshotEntry(protobufBytes: bytes)
        } catch {
            throw RecordCodingError(error.message)
        }
    }
}

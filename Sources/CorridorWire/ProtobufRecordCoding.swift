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
///
/// Given a `sealer`, a case's personal part is written only sealed
/// (`sealed_personal`, PersonalSealing.swift) and opened on reading; a part
/// whose key is gone reads as erased. Without one, personal parts are
/// written in clear (the tests' and benchmarks' baseline) and a sealed one
/// is refused on reading: ciphertext is never served as data.
public struct ProtobufRecordCoding: RecordCoding {
    public let sealer: (any PersonalDataSealer)?

    public init(sealer: (any PersonalDataSealer)? = nil) {
        self.sealer = sealer
    }

    public var personalDataSealer: (any PersonalDataSealer)? { sealer }

    public func encode(_ event: Event) throws(RecordCodingError) -> [UInt8] {
        var message = Corridor_V1_Event(event)
        if let sealer { try PersonalSealing.seal(&message, with: sealer) }
        return message.serializedBytes()
    }

    public func decodeEvent(_ bytes: UnsafeRawBufferPointer) throws(RecordCodingError) -> Event {
        var message: Corridor_V1_Event
        do {
            message = try Corridor_V1_Event(serializedBytes: bytes)
        } catch {
            throw RecordCodingError(error.description)
        }
        try PersonalSealing.open(&message, with: sealer)
        do {
            return try Event(proto: message)
        } catch {
            throw RecordCodingError(error.description)
        }
    }

    public func encode(_ entry: SnapshotEntry) throws(RecordCodingError) -> [UInt8] {
        var message = Corridor_V1_SnapshotEntry(entry)
        if let sealer { try PersonalSealing.seal(&message, with: sealer) }
        return message.serializedBytes()
    }

    public func decodeSnapshotEntry(_ bytes: UnsafeRawBufferPointer) throws(RecordCodingError) -> SnapshotEntry {
        var message: Corridor_V1_SnapshotEntry
        do {
            message = try Corridor_V1_SnapshotEntry(serializedBytes: bytes)
        } catch {
            throw RecordCodingError(error.description)
        }
        try PersonalSealing.open(&message, with: sealer)
        do {
            return try SnapshotEntry(proto: message)
        } catch {
            throw RecordCodingError(error.description)
        }
    }
}

/// How events and snapshot entries become the bytes the store keeps, and
/// back. The registry is given one when it opens and never encodes anything
/// itself: it deals in Event and SnapshotEntry values, the coding decides the
/// bytes (today CorridorWire's ProtobufRecordCoding, the proto/ messages).
/// An implementation must give back equal values for the bytes it wrote and
/// must refuse, not guess, bytes that are not one of its messages.
public protocol RecordCoding: Sendable {
    /// The bytes of one event record's payload.
    func encode(_ event: Event) throws(RecordCodingError) -> [UInt8]
    /// The event a record's payload holds; refuses an event of a kind this
    /// build does not know, saying so.
    func decodeEvent(_ bytes: UnsafeRawBufferPointer) throws(RecordCodingError) -> Event
    /// The bytes of one snapshot entry.
    func encode(_ entry: SnapshotEntry) throws(RecordCodingError) -> [UInt8]
    func decodeSnapshotEntry(_ bytes: UnsafeRawBufferPointer) throws(RecordCodingError) -> SnapshotEntry
    /// What seals personal parts in these records, if anything does: the
    /// registry destroys a case's data key through it on erasure.
    var personalDataSealer: (any PersonalDataSealer)? { get }
}

/// Why a record could not be encoded or decoded, for people: the registry
/// wraps it in its own refusal (data loss, naming the record).
public struct RecordCodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

extension RecordCoding {
    public var personalDataSealer: (any PersonalDataSealer)? { nil }

    public func decodeEvent(_ bytes: [UInt8]) throws(RecordCodingError) -> Event {
        let decoded: Result<Event, RecordCodingError> = bytes.withUnsafeBytes { raw in
            Result { () throws(RecordCodingError) in try decodeEvent(raw) }
        }
        return try decoded.get()
    }

    public func decodeSnapshotEntry(_ bytes: [UInt8]) throws(RecordCodingError) -> SnapshotEntry {
        let decoded: Result<SnapshotEntry, RecordCodingError> = bytes.withUnsafeBytes { raw in
            Result { () throws(RecordCodingError) in try decodeSnapshotEntry(raw) }
        }
        return try decoded.get()
    }
}

import CorridorModel
import CorridorWire

/// The record coding a test gives a registry it opens: the one corridord
/// gives it, so the bytes the tests write are the daemon's.
public let testRecordCoding: any RecordCoding = ProtobufRecordCoding()

// AuditRecord ⇄ Corridor_V1_AuditRecord, field by field, and the bytes of
// one audit log record. The generated memberwise init takes every field, so a
// field added to proto/corridor/v1/audit.proto is a compile error here.

import CorridorModel
import CorridorWire

extension Corridor_V1_AuditRecord {
    public init(_ model: AuditRecord) {
        self.init(
            kind: Corridor_V1_AuditRecord.Kind(model.kind),
            sequence: model.sequence,
            recordedAtNs: model.recordedAtNs,
            actor: Corridor_V1_Actor(model.actor),
            method: model.method,
            caseID: model.caseID,
            detail: model.detail
        )
    }
}

extension Corridor_V1_AuditRecord.Kind {
    public init(_ model: AuditRecord.Kind) {
        switch model {
        case .personalRead: self = .personalRead
        case .adminAction: self = .adminAction
        case .denied: self = .denied
        case .breakGlass: self = .breakGlass
        case .disclosure: self = .disclosure
        }
    }
}

extension AuditRecord.Kind {
    /// nil for UNSPECIFIED and for a number this build does not know.
    public init?(proto: Corridor_V1_AuditRecord.Kind) {
        switch proto {
        case .personalRead: self = .personalRead
        case .adminAction: self = .adminAction
        case .denied: self = .denied
        case .breakGlass: self = .breakGlass
        case .disclosure: self = .disclosure
        case .unspecified, .unrecognized: return nil
        }
    }
}

extension AuditRecord {
    /// The record's payload in the audit log: one `corridor.v1.AuditRecord`
    /// without its sequence and time, which the record header holds.
    public func payload() -> [UInt8] {
        var stored = self
        stored.sequence = 0
        stored.recordedAtNs = 0
        return Corridor_V1_AuditRecord(stored).serializedBytes()
    }

    /// One audit log record back: its header's type, sequence and time, its
    /// payload. Anything a damaged or newer file can hold is an
    /// `AuditDecodingError` naming the sequence, never a trap.
    public init(type: UInt16, sequence: UInt64, timestampNs: UInt64, payload: UnsafeRawBufferPointer) throws(AuditDecodingError) {
        guard let kind = Kind(rawValue: type) else {
            throw AuditDecodingError(sequence: sequence, reason: "record type \(type) is no audit record kind this build knows (\(Kind.allCases.map { "\($0.rawValue) \($0.name)" }.joined(separator: ", ")))")
        }
        let message: Corridor_V1_AuditRecord
        do {
            message = try Corridor_V1_AuditRecord(serializedBytes: payload)
        } catch {
            throw AuditDecodingError(sequence: sequence, reason: "not a valid corridor.v1.AuditRecord (\(error))")
        }
        guard message.kind == Corridor_V1_AuditRecord.Kind(kind) else {
            throw AuditDecodingError(sequence: sequence, reason: "record type \(type) (\(kind.name)) but the payload says kind \(message.kind.protoName)")
        }
        self.init(
            kind: kind, sequence: sequence, recordedAtNs: timestampNs,
            actor: message.actor.map { Actor(proto: $0) } ?? Actor(uid: UInt32.max, userName: "unknown", pid: 0),
            method: message.method, caseID: message.caseID, detail: message.detail
        )
    }
}

/// An audit log record that passed its checksum but does not decode: a
/// newer build's kind, or bytes that are not an AuditRecord.
public struct AuditDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let sequence: UInt64
    public let reason: String

    public init(sequence: UInt64, reason: String) {
        self.sequence = sequence
        self.reason = reason
    }

    public var description: String { "audit record \(sequence): \(reason)" }
}

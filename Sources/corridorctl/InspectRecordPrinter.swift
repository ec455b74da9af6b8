import CorridorModel
import CorridorStore
import CorridorWire
import Foundation

/// Prints records for `inspect dump` and `inspect tail`: one line each,
/// readable or one JSON object (like `journalctl -o json`).
struct InspectRecordPrinter {
    let json: Bool
    private let encoder: JSONEncoder

    init(json: Bool) {
        self.json = json
        encoder = JSONEncoder()
        // One object per line, so no pretty-printing; sorted keys keep lines diffable.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// One record as a JSON line. `event` is the Codable encoding of
    /// CorridorModel.Event; a payload that does not decode has `undecodable`
    /// (why) and its bytes instead.
    struct Line: Encodable {
        let sequence: UInt64
        let recordedAt: String
        let type: String
        let typeNumber: UInt16
        let commit: Bool
        let event: Event?
        let undecodable: String?
        let payloadBytes: Int?
        let payloadBase64: String?

        enum CodingKeys: String, CodingKey {
            case sequence, type, commit, event, undecodable
            case recordedAt = "recorded_at"
            case typeNumber = "type_number"
            case payloadBytes = "payload_bytes"
            case payloadBase64 = "payload_base64"
        }
    }

    func print(_ record: InspectedRecord) throws {
        Swift.print(try line(for: record))
    }

    func line(for record: InspectedRecord) throws -> String {
        let time = InspectFormat.timestamp(nanoseconds: record.timestampNanoseconds)
        let decoded = Result { () throws(RPCError) in try Event(protobufBytes: record.payload) }
        if json {
            let failure: String? = if case .failure(let error) = decoded { error.message } else { nil }
            let line = Line(
                sequence: record.sequence, recordedAt: time,
                type: InspectFormat.typeName(record.type) ?? "unknown", typeNumber: record.type,
                commit: record.flags.contains(.commit), event: try? decoded.get(), undecodable: failure,
                payloadBytes: failure == nil ? nil : record.payload.count,
                payloadBase64: failure == nil ? nil : Data(record.payload).base64EncodedString()
            )
            return String(decoding: try encoder.encode(line), as: UTF8.self)
        }
        let head = "\(record.sequence)  \(time)  \(InspectFormat.typeName(record.type) ?? "type \(record.type)")  "
        let event: Event
        switch decoded {
        case .success(let value): event = value
        case .failure(let error): return head + "undecodable (\(record.payload.count) bytes): \(error.message)"
        }
        // An event of a kind this corridorctl does not know does not decode:
        // it is shown above as undecodable, naming the reason.
        let subject = event.kind.subject
        var text = head + "\(subject.kind.rawValue) \(subject.id)"
        if let actor = event.actor {
            text += " by \(actor.userName) (uid \(actor.uid), pid \(actor.pid))"
        }
        return text
    }
}

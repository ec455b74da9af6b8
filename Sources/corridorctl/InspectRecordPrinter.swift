import CorridorModel
import CorridorPrivacy
import CorridorStore
import CorridorWire
import Foundation

/// Prints records for `inspect dump` and `inspect tail`: one line each,
/// readable or one JSON object (like `journalctl -o json`). A case's
/// personal part is ciphertext (`sealedPersonal` in JSON, "personal: sealed"
/// in text) unless the key file was given (`vault`): then it is opened, or
/// shown erased when its key is gone.
struct InspectRecordPrinter {
    let json: Bool
    let vault: PersonalDataVault?

    init(json: Bool, vault: PersonalDataVault? = nil) {
        self.json = json
        self.vault = vault
    }

    func print(_ record: InspectedRecord) throws {
        Swift.print(try line(for: record))
    }

    func line(for record: InspectedRecord) throws -> String {
        let time = InspectFormat.timestamp(nanoseconds: record.timestampNanoseconds)
        // The generated decoder, then the model: a payload that is no Event fails the first,
        // an event of a kind this corridorctl does not know the second.
        let undecoded = record.payload.withUnsafeBytes { raw in
            Result { () throws(ProtoDecodingError) in try Corridor_V1_Event(serializedBytes: raw) }
        }
        let sealed = (try? undecoded.get()).map(PersonalSealing.isSealed) ?? false
        var personalNote = sealed ? "personal: sealed" : ""
        let message: Result<Corridor_V1_Event, ProtoDecodingError> = undecoded.map { event in
            guard sealed, let vault else { return event }
            var opened = event
            do {
                try PersonalSealing.open(&opened, with: vault)
                personalNote = Self.isErased(opened) ? "personal: erased (its data key is destroyed)" : "personal: opened with the key file"
                return opened
            } catch {
                personalNote = "personal: does not open (\(error))"
                return event
            }
        }
        // The model needs no personal part for a line: a sealed one is left out.
        let decoded: Result<Event, any Error> = message.mapError { $0 as any Error }.flatMap { message in
            var plain = message
            if PersonalSealing.isSealed(plain) { PersonalSealing.dropSealed(&plain) }
            return Result { () throws(MappingError) in try Event(proto: plain) }.mapError { $0 as any Error }
        }
        if json {
            // One line of cli.proto's InspectedRecord; the event as far as it decodes.
            let failure: String? = if case .failure(let error) = message { "\(error)" } else { nil }
            return Corridor_V1_InspectedRecord(
                sequence: record.sequence, recordedAt: time, type: InspectFormat.typeName(record.type) ?? "unknown",
                typeNumber: UInt32(record.type), commit: record.flags.contains(.commit), event: try? message.get(),
                undecodable: failure ?? "", payload: failure == nil ? [] : Array(record.payload)
            ).jsonText()
        }
        let head = "\(record.sequence)  \(time)  \(InspectFormat.typeName(record.type) ?? "type \(record.type)")  "
        let event: Event
        switch decoded {
        case .success(let value): event = value
        case .failure(let error): return head + "undecodable (\(record.payload.count) bytes): \(error)"
        }
        // An event of a kind this corridorctl does not know does not decode:
        // it is shown above as undecodable, naming the reason.
        let subject = event.kind.subject
        var text = head + "\(subject.kind.rawValue) \(subject.id)"
        if let actor = event.actor {
            text += " by \(actor.userName) (uid \(actor.uid), pid \(actor.pid))"
        }
        if !personalNote.isEmpty { text += "  " + personalNote }
        return text
    }

    private static func isErased(_ message: Corridor_V1_Event) -> Bool {
        switch message.kind {
        case .caseRegistered(let registered): registered.personal?.erasure != nil
        case .casePersonalUpdated(let updated): updated.personal?.erasure != nil
        default: false
        }
    }
}

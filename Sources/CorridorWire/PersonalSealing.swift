import CorridorModel

/// Where a case's personal part sits in the log's and the snapshots'
/// messages, sealed: `sealed_personal` instead of `personal`, holding the
/// CasePersonal message's bytes sealed with the case's data key and bound to
/// its id. ProtobufRecordCoding seals and opens through here, and so does
/// `corridorctl inspect --key-file`, so that both read the same fields.
public enum PersonalSealing {
    // MARK: Sealing

    /// Replaces a clear personal part by its sealed bytes. An empty part has
    /// nothing to seal, and an erased one holds only when and why.
    public static func seal(_ message: inout Corridor_V1_Event, with sealer: any PersonalDataSealer) throws(RecordCodingError) {
        switch message.kind {
        case .caseRegistered(var registered):
            guard let sealed = try seal(registered.personal, caseID: registered.`case`?.id ?? "", with: sealer) else { return }
            registered.personal = nil
            registered.sealedPersonal = sealed
            message.kind = .caseRegistered(registered)
        case .casePersonalUpdated(var updated):
            guard let sealed = try seal(updated.personal, caseID: updated.caseID, with: sealer) else { return }
            updated.personal = nil
            updated.sealedPersonal = sealed
            message.kind = .casePersonalUpdated(updated)
        default:
            return
        }
    }

    public static func seal(_ message: inout Corridor_V1_SnapshotEntry, with sealer: any PersonalDataSealer) throws(RecordCodingError) {
        guard case .caseEntry(var entry) = message.entry,
            let sealed = try seal(entry.personal, caseID: entry.`case`?.id ?? "", with: sealer)
        else { return }
        entry.personal = nil
        entry.sealedPersonal = sealed
        message.entry = .caseEntry(entry)
    }

    private static func seal(
        _ personal: Corridor_V1_CasePersonal?, caseID: String, with sealer: any PersonalDataSealer
    ) throws(RecordCodingError) -> Corridor_V1_SealedPersonal? {
        guard let personal, personal.erasure == nil, personal != Corridor_V1_CasePersonal() else { return nil }
        do {
            return Corridor_V1_SealedPersonal(sealed: try sealer.seal(personal.serializedBytes(), caseID: caseID))
        } catch {
            throw RecordCodingError("cannot seal the personal part of case \(caseID): \(error)")
        }
    }

    // MARK: Opening

    /// Replaces a sealed personal part by the clear one, or by an erasure
    /// marker when the case's key is gone. Refuses a sealed part without a
    /// sealer (no key file): ciphertext is never passed on as data.
    public static func open(_ message: inout Corridor_V1_Event, with sealer: (any PersonalDataSealer)?) throws(RecordCodingError) {
        switch message.kind {
        case .caseRegistered(var registered):
            guard let sealed = registered.sealedPersonal else { return }
            registered.personal = try open(sealed, caseID: registered.`case`?.id ?? "", with: sealer)
            registered.sealedPersonal = nil
            message.kind = .caseRegistered(registered)
        case .casePersonalUpdated(var updated):
            guard let sealed = updated.sealedPersonal else { return }
            updated.personal = try open(sealed, caseID: updated.caseID, with: sealer)
            updated.sealedPersonal = nil
            message.kind = .casePersonalUpdated(updated)
        default:
            return
        }
    }

    public static func open(_ message: inout Corridor_V1_SnapshotEntry, with sealer: (any PersonalDataSealer)?) throws(RecordCodingError) {
        guard case .caseEntry(var entry) = message.entry, let sealed = entry.sealedPersonal else { return }
        entry.personal = try open(sealed, caseID: entry.`case`?.id ?? "", with: sealer)
        entry.sealedPersonal = nil
        message.entry = .caseEntry(entry)
    }

    private static func open(
        _ sealed: Corridor_V1_SealedPersonal, caseID: String, with sealer: (any PersonalDataSealer)?
    ) throws(RecordCodingError) -> Corridor_V1_CasePersonal {
        guard let sealer else {
            throw RecordCodingError("the personal part of case \(caseID) is sealed, and no key file was given to open it")
        }
        let clear: [UInt8]?
        do {
            clear = try sealer.open(sealed.sealed, caseID: caseID)
        } catch {
            throw RecordCodingError("the personal part of case \(caseID) does not open: \(error)")
        }
        guard let clear else {
            // The key is gone: erased. When and why is the erasure event's.
            return Corridor_V1_CasePersonal(CasePersonal.erased(PersonalErasure(atMs: 0, reason: "")))
        }
        do {
            return try Corridor_V1_CasePersonal(serializedBytes: clear)
        } catch {
            throw RecordCodingError("the personal part of case \(caseID) opens to bytes that are no CasePersonal: \(error)")
        }
    }

    /// Leaves a sealed personal part out (for a reader that needs no personal data).
    public static func dropSealed(_ message: inout Corridor_V1_Event) {
        switch message.kind {
        case .caseRegistered(var registered):
            registered.sealedPersonal = nil
            message.kind = .caseRegistered(registered)
        case .casePersonalUpdated(var updated):
            updated.sealedPersonal = nil
            message.kind = .casePersonalUpdated(updated)
        default:
            return
        }
    }

    /// Whether an event holds a sealed personal part (for inspect's markers).
    public static func isSealed(_ message: Corridor_V1_Event) -> Bool {
        switch message.kind {
        case .caseRegistered(let registered): registered.sealedPersonal != nil
        case .casePersonalUpdated(let updated): updated.sealedPersonal != nil
        default: false
        }
    }
}

import CorridorPrivacy
import CorridorStore
import CorridorWire

/// `inspect verify --key-file`: opens every sealed personal part in the log
/// with the key file and the key store, as corridord would at its next
/// start. A part that does not open, or whose data key is gone without an
/// erasure recorded for its case, is an error naming the case and the
/// sequence: corridord would refuse to start, or the person's data would be
/// lost.
struct SealedPartCheck {
    private(set) var checked = 0
    private(set) var findings: [InspectionFinding] = []

    init(inspector: DataDirectoryInspector, vault: PersonalDataVault) {
        let cursor = inspector.records()
        var erased = Set<String>()
        // A case's sealed parts whose key is gone, until an erasure of the case turns up.
        var keyless: [String: [InspectedRecord]] = [:]
        for record in cursor {
            let decoded = record.payload.withUnsafeBytes { raw in
                Result { () throws(ProtoDecodingError) in try Corridor_V1_Event(serializedBytes: raw) }
            }
            // A payload that is no Event is verify's own finding (or none: an unknown kind).
            guard case .success(let event) = decoded else { continue }
            if case .casePersonalErased(let erasure)? = event.kind {
                erased.insert(erasure.caseID)
                keyless[erasure.caseID] = nil
                continue
            }
            guard PersonalSealing.isSealed(event), let caseID = Self.caseID(of: event) else { continue }
            checked += 1
            guard vault.hasKey(caseID: caseID) else {
                if !erased.contains(caseID) { keyless[caseID, default: []].append(record) }
                continue
            }
            var opened = event
            do {
                try PersonalSealing.open(&opened, with: vault)
            } catch {
                findings.append(InspectionFinding(
                    severity: .error, file: record.file, offset: record.offset,
                    fault: "sequence \(record.sequence): the sealed personal part of case \(caseID) does not open with key file \(vault.keyFilePath): \(error)"
                ))
            }
        }
        for (caseID, records) in keyless {
            for record in records {
                findings.append(InspectionFinding(
                    severity: .error, file: record.file, offset: record.offset,
                    fault: "sequence \(record.sequence): the key store holds no data key for case \(caseID), and no erasure of it is recorded: its sealed personal part cannot be opened (key store damaged or an older copy)"
                ))
            }
        }
        findings.sort { ($0.file, $0.offset ?? 0) < ($1.file, $1.offset ?? 0) }
    }

    private static func caseID(of event: Corridor_V1_Event) -> String? {
        switch event.kind {
        case .caseRegistered(let registered)?: registered.`case`?.id
        case .casePersonalUpdated(let updated)?: updated.caseID
        default: nil
        }
    }
}

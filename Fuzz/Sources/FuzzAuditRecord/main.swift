import CorridorAudit
import CorridorModel
import CorridorWire
import FuzzSupport

// What reading the audit trail (the ListAuditRecords rpc, `corridorctl
// inspect audit`) does with a record that passed its checksum: decode it from
// its header's type and its payload, then encode it again. Input: two bytes
// of record type (little-endian), then the payload. A refusal is an
// AuditDecodingError; anything else (a trap, an overflow) is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuditRecord(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var reader = ByteReader(UnsafeRawBufferPointer(start: start, count: count))
    let type = UInt16(reader.readByte()) | UInt16(reader.readByte()) << 8
    let bytes = reader.readRest()
    let decoded = bytes.withUnsafeBytes { payload in try? AuditRecord(type: type, sequence: 1, timestampNs: 1, payload: payload) }
    guard let record = decoded else { return 0 }
    _ = record.payload()
    _ = Corridor_V1_AuditRecord(record).jsonText()
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzSeeds.writeIfAsked {
        let actor = Actor(uid: 1000, userName: "amal", pid: 4242, role: "coordinator", requestID: "r-1")
        let samples = [
            AuditRecord(kind: .personalRead, actor: actor, method: "/corridor.v1.Registry/GetCase", caseID: "C-000001"),
            AuditRecord(kind: .adminAction, actor: actor, method: "reload", detail: "configuration reloaded"),
            AuditRecord(kind: .denied, actor: actor, method: "/corridor.v1.Audit/ListAuditRecords", detail: "role coordinator may not read the audit trail"),
        ]
        return samples.map { record in
            (name: record.kind.name, bytes: [UInt8(record.kind.rawValue), 0] + record.payload())
        }
    }
    return 0
}

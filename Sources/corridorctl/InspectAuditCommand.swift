import ArgumentParser
import CorridorAudit
import CorridorStore
import CorridorWire
import Foundation

struct InspectAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print a data directory's audit trail (DIR/audit), oldest first, without the daemon.",
        discussion: """
            Takes the filters of `corridorctl audit`. Reads DIR/audit read-only, like the other inspect \
            subcommands; the trail holds who read whose personal data, so run it as the directory's owner or root. \
            A record that does not decode, or damage met on the way, is reported on stderr and makes the exit status 15 (DATA_LOSS).
            """
    )

    @OptionGroup var location: DataDirectoryArgument
    @OptionGroup var filters: AuditFilterOptions
    @Flag(help: "Print JSON (corridor.v1.ListAuditRecordsResponse) instead of text.") var json = false

    func run() throws {
        let query = try filters.query()
        let inspector: DataDirectoryInspector
        do {
            // corridord locks the data directory, not DIR/audit: probing the
            // audit directory would always find it free, and count the tail
            // a running daemon is still writing as damage.
            inspector = try DataDirectoryInspector(
                directory: location.directory + "/" + AuditTrail.directoryName, lockDirectory: location.directory
            )
        } catch {
            throw InspectFailure("\(location.directory) has no audit trail to read: \(error.description)")
        }
        let lock = inspector.lockState()
        if lock != .free {
            // On stderr: stdout holds only records. A running daemon appends
            // while this reads, so the newest records may not be listed yet.
            let note = "\(inspector.lockDirectory): \(lock); the trail is read as it stands, records appended meanwhile are not listed"
            FileHandle.standardError.write(Data(((json ? lockMessage(lock).jsonText() : "note: " + note) + "\n").utf8))
        }
        let cursor = inspector.records()
        var records: [Corridor_V1_AuditRecord] = []
        var undecodable: [AuditDecodingError] = []
        for stored in cursor {
            let decoded = stored.payload.withUnsafeBytes { bytes in
                Result { () throws(AuditDecodingError) in
                    try AuditRecord(type: stored.type, sequence: stored.sequence, timestampNs: stored.timestampNanoseconds, payload: bytes)
                }
            }
            let record: AuditRecord
            switch decoded {
            case .success(let value): record = value
            case .failure(let error):
                undecodable.append(error)
                continue
            }
            if query.matches(record) { records.append(Corridor_V1_AuditRecord(record)) }
        }
        if json {
            printJSON(Corridor_V1_ListAuditRecordsResponse(records: records, nextPageToken: ""))
        } else {
            printAuditTable(records)
        }
        reportFindings(cursor.findings, json: json)
        reportFindings(undecodable.map { InspectionFinding(severity: .error, file: inspector.directory, offset: nil, fault: $0.description) }, json: json)
        if let damage = cursor.findings.first(where: { $0.severity == .error }) {
            throw InspectFailure("audit records were skipped at the damage listed above, first in \(damage.file); run `corridorctl inspect verify \(inspector.directory)` for a full check", code: .dataLoss)
        }
        if let first = undecodable.first {
            throw InspectFailure("\(undecodable.count) audit record\(undecodable.count == 1 ? "" : "s") did not decode, first \(first)", code: .dataLoss)
        }
    }
}

import CorridorAudit
import CorridorModel
import CorridorStore
import CorridorTestSupport
import CorridorWire
import Foundation
import Logging
import Testing

/// `corridorctl inspect audit DIR`: the audit trail read from the files, no
/// daemon, with the filters of `corridorctl audit`; a record this build
/// cannot read is reported and the exit status is 15 (DATA_LOSS).
@Suite struct InspectAuditCommandTests {
    static let logger = Logger(label: "corridor.ctl.tests") { _ in SwiftLogNoOpLogHandler() }
    static let amal = Actor(uid: 1000, userName: "amal", pid: 41, role: "coordinator")
    static let omar = Actor(uid: 1001, userName: "omar", pid: 42)

    /// A trail with two reads by amal, one refusal of omar and a reload.
    static func trail(_ data: String) async throws {
        let (audit, _) = try AuditTrail.open(dataDirectory: data, logger: logger)
        try await audit.recordPersonalReads(actor: amal, method: "/corridor.v1.Registry/GetCase", caseIDs: ["C-000001", "C-000002"])
        try await audit.recordDenied(actor: omar, method: "/corridor.v1.Audit/ListAuditRecords", reason: "admin only")
        try await audit.record(adminAction: "reload", actor: .daemon, detail: "configuration reloaded")
        try audit.close()
    }

    static func records(_ outcome: ProcessOutcome) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        return object?["records"] as? [[String: Any]] ?? []
    }

    @Test func filtersTheTrailWithoutTheDaemon() async throws {
        try await withTemporaryDirectory { data in
            try await Self.trail(data)
            let all = try await Corridorctl.run(["inspect", "audit", data, "--json"])
            #expect(all.status == 0, "\(all.stderr)")
            #expect(try Self.records(all).map { $0["kind"] as? String } == ["PERSONAL_READ", "PERSONAL_READ", "DENIED", "ADMIN_ACTION"])

            let amal = try await Corridorctl.run(["inspect", "audit", data, "--user", "amal", "--case", "C-000002", "--json"])
            #expect(try Self.records(amal).map { $0["caseId"] as? String } == ["C-000002"])
            let denied = try await Corridorctl.run(["inspect", "audit", data, "--kind", "denied", "--user", "1001", "--json"])
            #expect(try Self.records(denied).map { $0["detail"] as? String } == ["admin only"])
            let later = try await Corridorctl.run(["inspect", "audit", data, "--since", "2099-01-01", "--json"])
            #expect(try Self.records(later).isEmpty)

            let text = try await Corridorctl.run(["inspect", "audit", data, "--kind", "admin-action"])
            #expect(text.status == 0)
            #expect(text.stdout.contains("admin-action") && text.stdout.contains("reload") && !text.stdout.contains("personal-read"), "\(text.stdout)")
        }
    }

    @Test func aBadFilterIsACommandLineError() async throws {
        try await withTemporaryDirectory { data in
            try await Self.trail(data)
            let kind = try await Corridorctl.run(["inspect", "audit", data, "--kind", "everything"])
            #expect(kind.status == 64, "\(kind.stderr)")
            #expect(kind.stderr.contains("personal-read"), "\(kind.stderr)")
            let since = try await Corridorctl.run(["inspect", "audit", data, "--since", "yesterday-ish"])
            #expect(since.status == 64, "\(since.stderr)")
            let order = try await Corridorctl.run(["inspect", "audit", data, "--since", "2026-11-02", "--until", "2026-11-01"])
            #expect(order.status == 64, "\(order.stderr)")
        }
    }

    @Test func aRecordThisBuildCannotReadIsDataLoss() async throws {
        try await withTemporaryDirectory { data in
            try await Self.trail(data)
            // A newer build's kind: a whole, checksummed record of type 77.
            let (log, _) = try EventLog.open(directory: data + "/" + AuditTrail.directoryName, logger: Self.logger)
            _ = try await log.appendDurably([PendingRecord(type: 77, payload: [0x08, 0x4D], timestampNanoseconds: 1)])
            try log.close()
            let outcome = try await Corridorctl.run(["inspect", "audit", data, "--json"])
            #expect(outcome.status == 15, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("audit record 5") && outcome.stderr.contains("record type 77"), "\(outcome.stderr)")
            #expect(try Self.records(outcome).count == 4)
        }
    }

    @Test func aDirectoryWithoutATrailSaysSo() async throws {
        try await withTemporaryDirectory { data in
            let outcome = try await Corridorctl.run(["inspect", "audit", data])
            #expect(outcome.status != 0)
            #expect(outcome.stderr.contains("no audit trail"), "\(outcome.stderr)")
        }
    }
}

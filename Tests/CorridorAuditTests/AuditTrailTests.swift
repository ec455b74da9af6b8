import CorridorAudit
import CorridorModel
import CorridorStore
import CorridorTestSupport
import CorridorWire
import Foundation
import Logging
import Testing

let quietLogger = Logger(label: "corridor.audit.tests") { _ in SwiftLogNoOpLogHandler() }

func smallSegments(_ bytes: Int = 64 * 1024) -> StoreOptions {
    var options = StoreOptions()
    options.segmentBytes = bytes
    return options
}

let amal = Actor(uid: 1000, userName: "amal", pid: 4242, role: "coordinator", requestID: "r-1")
let omar = Actor(uid: 1001, userName: "omar", pid: 4343, role: "", requestID: "")

@Suite("The audit trail's log: records, durability, reopening, filters")
struct AuditTrailTests {
    @Test("Each kind is recorded with who, when, which case and through which method, and reads back in order")
    func recordsEachKind() async throws {
        try await withTemporaryDirectory { data in
            let (audit, _) = try AuditTrail.open(dataDirectory: data, options: smallSegments(), logger: quietLogger)
            defer { try? audit.close() }
            let before = UInt64(Date().timeIntervalSince1970 * 1_000_000_000)
            try await audit.recordPersonalReads(actor: amal, method: "/corridor.v1.Registry/GetCase", caseIDs: ["C-000001", "C-000002"])
            try await audit.record(adminAction: "reload", actor: omar, detail: "configuration reloaded")
            try await audit.recordDenied(actor: omar, method: "/corridor.v1.Audit/ListAuditRecords", reason: "admin only")
            let page = try audit.records(AuditQuery())
            #expect(page.records.map(\.kind) == [.personalRead, .personalRead, .adminAction, .denied])
            #expect(page.records.map(\.sequence) == [1, 2, 3, 4])
            #expect(page.records[0].actor == amal)
            #expect(page.records[1].caseID == "C-000002")
            #expect(page.records[1].method == "/corridor.v1.Registry/GetCase")
            #expect(page.records[2].method == "reload" && page.records[2].detail == "configuration reloaded")
            #expect(page.records[3].detail == "admin only")
            #expect(page.records.allSatisfy { $0.recordedAtNs >= before })
            #expect(page.nextSequence == nil)
        }
    }

    @Test("A disclosure (kind 5) is recorded and read back, filtered by its kind and its case, and named `disclosure`")
    func recordsADisclosure() async throws {
        try await withTemporaryDirectory { data in
            let (audit, _) = try AuditTrail.open(dataDirectory: data, options: smallSegments(), logger: quietLogger)
            defer { try? audit.close() }
            let detail = "list l1 version 2 to party gov, profile vetting (fields: name, sex)"
            try await audit.record([
                AuditRecord(kind: .disclosure, actor: amal, method: "/corridor.v1.Registry/DiscloseList", caseID: "C-000001", detail: detail),
                AuditRecord(kind: .disclosure, actor: amal, method: "/corridor.v1.Registry/DiscloseList", caseID: "C-000002", detail: detail),
            ])
            try await audit.recordPersonalReads(actor: amal, method: "/corridor.v1.Registry/GetCase", caseIDs: ["C-000001"])
            var query = AuditQuery()
            query.kinds = [.disclosure]
            let page = try audit.records(query)
            #expect(page.records.map(\.caseID) == ["C-000001", "C-000002"])
            #expect(page.records.allSatisfy { $0.kind == .disclosure && $0.detail == detail && $0.actor == amal })
            query.caseID = "C-000002"
            #expect(try audit.records(query).records.map(\.sequence) == [2])
            #expect(AuditRecord.Kind.disclosure.rawValue == 5 && AuditRecord.Kind.disclosure.name == "disclosure")
            #expect(Corridor_V1_AuditRecord.Kind(.disclosure) == .disclosure)
            #expect(AuditRecord.Kind(proto: .disclosure) == .disclosure)
        }
    }

    @Test("Records survive closing and reopening the trail, and numbering goes on")
    func surviveReopening() async throws {
        try await withTemporaryDirectory { data in
            do {
                let (audit, _) = try AuditTrail.open(dataDirectory: data, options: smallSegments(), logger: quietLogger)
                try await audit.recordPersonalReads(actor: amal, method: "/corridor.v1.Registry/History", caseIDs: ["C-000007"])
                try audit.close()
            }
            let (audit, _) = try AuditTrail.open(dataDirectory: data, options: smallSegments(), logger: quietLogger)
            defer { try? audit.close() }
            try await audit.recordDenied(actor: omar, method: "/corridor.v1.Registry/GetCase", reason: "no role")
            let records = try audit.records(AuditQuery()).records
            #expect(records.map(\.sequence) == [1, 2])
            #expect(records[0].caseID == "C-000007" && records[0].actor == amal)
            #expect(FileManager.default.fileExists(atPath: data + "/audit/segments"))
        }
    }

    @Test("Filters by user name or uid, case, kind and time, and pages by sequence")
    func filtersAndPages() async throws {
        try await withTemporaryDirectory { data in
            let (audit, _) = try AuditTrail.open(dataDirectory: data, options: smallSegments(), logger: quietLogger)
            defer { try? audit.close() }
            try await audit.recordPersonalReads(actor: amal, method: "/corridor.v1.Registry/GetCase", caseIDs: ["C-1", "C-2", "C-3"])
            try await audit.recordPersonalReads(actor: omar, method: "/corridor.v1.Registry/GetCase", caseIDs: ["C-2"])
            try await audit.recordDenied(actor: omar, method: "/corridor.v1.Registry/GetCase", reason: "no role", caseID: "C-2")

            var byName = AuditQuery()
            byName.user = "omar"
            #expect(try audit.records(byName).records.map(\.sequence) == [4, 5])
            var byUID = AuditQuery()
            byUID.user = "1000"
            #expect(try audit.records(byUID).records.map(\.sequence) == [1, 2, 3])
            var byCase = AuditQuery()
            byCase.caseID = "C-2"
            byCase.kinds = [.personalRead]
            #expect(try audit.records(byCase).records.map(\.sequence) == [2, 4])
            var future = AuditQuery()
            future.sinceMs = UInt64(Date().timeIntervalSince1970 * 1000) + 3_600_000
            #expect(try audit.records(future).records.isEmpty)
            var past = AuditQuery()
            past.untilMs = 1
            #expect(try audit.records(past).records.isEmpty)

            var paged = AuditQuery()
            paged.limit = 2
            let first = try audit.records(paged)
            #expect(first.records.map(\.sequence) == [1, 2])
            #expect(first.nextSequence == 3)
            paged.fromSequence = try #require(first.nextSequence)
            let second = try audit.records(paged)
            #expect(second.records.map(\.sequence) == [3, 4])
            paged.fromSequence = try #require(second.nextSequence)
            let last = try audit.records(paged)
            #expect(last.records.map(\.sequence) == [5])
            #expect(last.nextSequence == nil)
        }
    }

    @Test("A batch larger than a segment holds (a page of ListCases) is recorded whole, across segments")
    func batchesLargerThanASegment() async throws {
        try await withTemporaryDirectory { data in
            let (audit, _) = try AuditTrail.open(dataDirectory: data, options: smallSegments(64 * 1024), logger: quietLogger)
            defer { try? audit.close() }
            let ids = (1...3_000).map { "C-\($0)" }
            try await audit.recordPersonalReads(actor: amal, method: "/corridor.v1.Registry/ListCases", caseIDs: ids)
            var query = AuditQuery()
            query.limit = AuditQuery.maximumPageSize
            #expect(try audit.records(query).records.map(\.caseID) == ids)
            let segments = try FileManager.default.contentsOfDirectory(atPath: data + "/audit/segments").filter { $0.hasSuffix(".log") }
            #expect(segments.count > 1)
        }
    }

    @Test("A record of a kind this build does not know, or bytes that are no AuditRecord, is a decoding error naming the record")
    func undecodableRecords() throws {
        let good = AuditRecord(kind: .denied, actor: amal, method: "m", detail: "d")
        let payload = good.payload()
        let decoded = try payload.withUnsafeBytes { try AuditRecord(type: 3, sequence: 9, timestampNs: 5, payload: $0) }
        #expect(decoded.kind == .denied && decoded.sequence == 9 && decoded.recordedAtNs == 5 && decoded.actor == amal)
        #expect(throws: AuditDecodingError.self) {
            _ = try payload.withUnsafeBytes { try AuditRecord(type: 99, sequence: 9, timestampNs: 5, payload: $0) }
        }
        // The header's type and the payload's kind disagree.
        #expect(throws: AuditDecodingError.self) {
            _ = try payload.withUnsafeBytes { try AuditRecord(type: 1, sequence: 9, timestampNs: 5, payload: $0) }
        }
        #expect(throws: AuditDecodingError.self) {
            _ = try [0xFF, 0xFF, 0xFF].withUnsafeBytes { try AuditRecord(type: 3, sequence: 9, timestampNs: 5, payload: $0) }
        }
    }
}

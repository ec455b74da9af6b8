import CorridorAudit
import CorridorClient
import CorridorModel
import CorridorRegistry
import CorridorServer
import CorridorTestSupport
import CorridorWire
import Foundation
import Glibc
import Logging
import Testing

/// Responses that carry a case's personal part leave a record on the audit
/// trail, durable before the answer; the trail is listed by
/// corridor.v1.Audit/ListAuditRecords with its filters; it survives a restart.
private let quietLogger = Logger(label: "corridor.audit.server-tests") { _ in SwiftLogNoOpLogHandler() }

@Suite struct AuditServiceTests {
    struct Fixture {
        let server: InProcessServer
        let audit: AuditTrail
        let client: CorridorClient

        static func start() async throws -> Fixture {
            var options = RegistryOptions()
            options.store.segmentBytes = 64 * 1024
            let server = try await InProcessServer.startWithRegistry(options: options)
            let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
            return Fixture(server: server, audit: try #require(server.audit), client: client)
        }

        func stop() async {
            await client.close()
            await server.stop()
        }

        /// A site, a case with a personal part (C-000001) and one without (C-000002).
        func seed() async throws {
            _ = try await client.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave))
            _ = try await client.registerCase(
                Case(siteID: "enclave", ageMonths: 6, sex: .female, precedence: .urgent, consentGiven: true), personal: CasePersonal(name: "Infant")
            )
            _ = try await client.registerCase(Case(siteID: "enclave", ageMonths: 400, sex: .male, precedence: .routine, consentGiven: true))
        }

        func reads() throws -> [AuditRecord] {
            var query = AuditQuery()
            query.kinds = [.personalRead]
            query.limit = AuditQuery.maximumPageSize
            return try audit.records(query).records
        }
    }

    static let registry = "/corridor.v1.Registry/"

    @Test func everyResponseCarryingAPersonalPartIsRecordedWithWhoAndHow() async throws {
        let fixture = try await Fixture.start()
        let client = fixture.client
        try await fixture.seed()
        // The registration's answer carried the personal part it was given; the second case has none.
        #expect(try fixture.reads().map { [$0.method, $0.caseID] } == [[Self.registry + "RegisterCase", "C-000001"]])

        _ = try await client.caseView("C-000001")
        _ = try await client.caseView("C-000002")
        _ = try await client.cases(siteID: "enclave")
        _ = try await client.history(of: "C-000001")
        _ = try await client.history(of: "C-000002")
        _ = try await client.setCaseStatus("C-000001", to: .deceased, date: "2017-12-26", reason: "died waiting")
        let reads = try fixture.reads()
        #expect(reads.map { [$0.method, $0.caseID] } == [
            [Self.registry + "RegisterCase", "C-000001"],
            [Self.registry + "GetCase", "C-000001"],
            [Self.registry + "ListCases", "C-000001"],
            [Self.registry + "History", "C-000001"],
            [Self.registry + "SetCaseStatus", "C-000001"],
        ])
        // Who: the kernel's uid and pid of this process, its user name.
        let actor = try #require(reads.last?.actor)
        #expect(actor.uid == getuid())
        #expect(actor.pid == getpid())
        #expect(!actor.userName.isEmpty)
        #expect(reads.allSatisfy { $0.recordedAtNs > 0 })
        await fixture.stop()
    }

    @Test func aWatchDeliveryCarryingAPersonalPartIsRecordedBeforeItIsSent() async throws {
        let fixture = try await Fixture.start()
        try await fixture.seed()
        var watch = fixture.client.watch(from: 1).makeAsyncIterator()
        var delivered: [String] = []
        while delivered.count < 3, let event = try await watch.next() {
            delivered.append(event.event?.kind.name ?? "")
        }
        #expect(delivered == ["site_registered", "case_registered", "case_registered"])
        // Each was recorded before it was sent, so it is on the trail now.
        let watched = try fixture.reads().filter { $0.method == Self.registry + "Watch" }
        #expect(watched.map(\.caseID) == ["C-000001"])
        await fixture.stop()
    }

    @Test func listAuditRecordsFiltersByUserCaseKindAndTimeAndPages() async throws {
        let fixture = try await Fixture.start()
        let client = fixture.client
        try await fixture.seed()
        for _ in 0..<3 { _ = try await client.caseView("C-000001") }
        try await fixture.audit.recordDenied(actor: Actor(uid: 4321, userName: "stranger", pid: 9), method: Self.registry + "GetCase", reason: "no role")

        let all = try await client.allAuditRecords(Corridor_V1_ListAuditRecordsRequest())
        #expect(all.count == 5)
        #expect(all.map(\.sequence) == [1, 2, 3, 4, 5])

        var byUser = Corridor_V1_ListAuditRecordsRequest()
        byUser.user = "stranger"
        let denied = try await client.listAuditRecords(byUser).records
        #expect(denied.map(\.kind) == [.denied])
        #expect(denied.first?.detail == "no role")
        byUser.user = "4321"
        #expect(try await client.listAuditRecords(byUser).records.count == 1)

        var byKind = Corridor_V1_ListAuditRecordsRequest()
        byKind.kinds = [.personalRead]
        byKind.caseID = "C-000001"
        byKind.limit = 2
        let first = try await client.listAuditRecords(byKind)
        #expect(first.records.map(\.sequence) == [1, 2])
        #expect(!first.nextPageToken.isEmpty)
        byKind.pageToken = first.nextPageToken
        let second = try await client.listAuditRecords(byKind)
        #expect(second.records.map(\.sequence) == [3, 4])
        #expect(second.nextPageToken.isEmpty)

        var later = Corridor_V1_ListAuditRecordsRequest()
        later.sinceMs = UInt64(Date().timeIntervalSince1970 * 1000) + 3_600_000
        #expect(try await client.listAuditRecords(later).records.isEmpty)
        await fixture.stop()
    }

    @Test func badFiltersAreRefusedNamingTheField() async throws {
        let fixture = try await Fixture.start()
        var request = Corridor_V1_ListAuditRecordsRequest()
        request.sinceMs = 2000
        request.untilMs = 1000
        request.kinds = [.unspecified]
        request.limit = 10_001
        request.pageToken = "next"
        let error = try await #require(throws: RPCError.self) { try await fixture.client.listAuditRecords(request) }
        #expect(error.code == .invalidArgument)
        #expect(Set(error.fieldViolations.map(\.field)) == ["until_ms", "kinds[0]", "limit", "page_token"])
        await fixture.stop()
    }

    @Test func theTrailSurvivesARestartAndIsNotReplayedIntoTheRegistry() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let data = directory.file("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        do {
            let (audit, _) = try AuditTrail.open(dataDirectory: data, logger: quietLogger)
            try await audit.recordPersonalReads(actor: Actor(uid: 1, userName: "amal", pid: 2), method: Self.registry + "GetCase", caseIDs: ["C-000009"])
            try audit.close()
        }
        let (registry, _) = try Registry.open(dataDirectory: data, recordCoding: testRecordCoding, logger: quietLogger)
        let (audit, _) = try AuditTrail.open(dataDirectory: data, logger: quietLogger)
        #expect(await registry.storeStatus.lastSequence == 0)
        #expect(try audit.records(AuditQuery()).records.map(\.caseID) == ["C-000009"])
        try audit.close()
        await registry.close()
    }
}

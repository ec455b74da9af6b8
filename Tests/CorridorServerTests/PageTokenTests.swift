import CorridorClient
import CorridorModel
import CorridorRegistry
@testable import CorridorServer
import CorridorTestSupport
import CorridorWire
import Foundation
import Testing

/// Page tokens are opaque and checked: a token continues only the listing
/// that gave it; anything else is INVALID_ARGUMENT on `page_token` with a
/// reason, never read as a position.
@Suite struct PageTokenTests {
    static let enclave = PageTokens.Query(method: "/corridor.v1.Registry/ListCases", ["site_id": "enclave", "status": "unspecified", "order": "id"])
    static let shelter = PageTokens.Query(method: "/corridor.v1.Registry/ListCases", ["site_id": "shelter", "status": "unspecified", "order": "id"])

    static func refusal(_ body: () throws(RPCError) -> Void) -> FieldViolation? {
        do {
            try body()
            return nil
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.fieldViolations.count == 1)
            return error.fieldViolations.first
        }
    }

    @Test func aTokenGivesBackItsPositionForItsOwnQuery() throws {
        let tokens = PageTokens()
        let token = tokens.token(position: Array("C-000100".utf8), for: Self.enclave)
        #expect(try tokens.position(of: token, for: Self.enclave) == Array("C-000100".utf8))
        #expect(!token.contains("C-000100"))
    }

    @Test func anEmptyTokenIsTheFirstPage() throws {
        #expect(try PageTokens().position(of: "", for: Self.enclave) == nil)
    }

    @Test func aTokenForAnotherQueryIsRefused() throws {
        let tokens = PageTokens()
        let token = tokens.token(position: Array("C-000100".utf8), for: Self.enclave)
        let violation = Self.refusal { () throws(RPCError) in _ = try tokens.position(of: token, for: Self.shelter) }
        #expect(violation?.field == "page_token")
        #expect(violation?.reason.contains("another query") == true)
    }

    /// Filters that run into each other (a value holding what would be the
    /// next field) still describe different queries.
    @Test func queriesWhoseFieldsRunTogetherDiffer() throws {
        let tokens = PageTokens()
        let one = PageTokens.Query(method: "m", ["a": "x\u{0}b\u{0}1\u{0}y", "b": ""])
        let other = PageTokens.Query(method: "m", ["a": "x", "b": "y"])
        let token = tokens.token(position: [1], for: one)
        #expect(Self.refusal { () throws(RPCError) in _ = try tokens.position(of: token, for: other) } != nil)
    }

    @Test(arguments: [0, 1, 9, 20])
    func everyAlteredByteIsRefused(byte: Int) throws {
        let tokens = PageTokens()
        var bytes = try #require(PageTokens.bytes(hex: tokens.token(position: Array("C-000100".utf8), for: Self.enclave)))
        #expect(byte < bytes.count)
        bytes[byte] ^= 0x01
        let violation = Self.refusal { () throws(RPCError) in _ = try tokens.position(of: PageTokens.hex(bytes), for: Self.enclave) }
        #expect(violation?.field == "page_token")
    }

    @Test func aPositionMovedByHandIsRefused() throws {
        let tokens = PageTokens()
        let token = tokens.token(position: Array("C-000100".utf8), for: Self.enclave)
        // The position's bytes, changed from "C-000100" to "C-000000" without the key.
        let forged = token.replacingFirst(PageTokens.hex(Array("C-000100".utf8)), with: PageTokens.hex(Array("C-000000".utf8)))
        #expect(forged != token)
        let violation = Self.refusal { () throws(RPCError) in _ = try tokens.position(of: forged, for: Self.enclave) }
        #expect(violation?.reason.contains("not given by this corridord") == true)
    }

    /// Another run of corridord draws another key.
    @Test func aTokenFromAnotherRunIsRefused() throws {
        let token = PageTokens().token(position: Array("C-000100".utf8), for: Self.enclave)
        let violation = Self.refusal { () throws(RPCError) in _ = try PageTokens().position(of: token, for: Self.enclave) }
        #expect(violation?.reason.contains("before it restarted") == true)
    }

    @Test(arguments: ["C-000100", "next", "zz", "0", "01", String(repeating: "ab", count: 10_000)])
    func whatCorridordNeverGivesIsRefused(token: String) throws {
        let violation = Self.refusal { () throws(RPCError) in _ = try PageTokens().position(of: token, for: Self.enclave) }
        #expect(violation?.field == "page_token")
        #expect(violation?.reason.contains("is not a page token") == true)
    }

    // MARK: Through the server

    struct Fixture {
        let server: InProcessServer
        let client: CorridorClient

        /// Two sites, 5 cases at the enclave and 3 at the shelter.
        static func start() async throws -> Fixture {
            let server = try await InProcessServer.startWithRegistry()
            let client = try await CorridorClient.connect(to: server.socketPath)
            _ = try await client.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave))
            _ = try await client.registerSite(Site(id: "shelter", name: "The shelter", kind: .enclave))
            for index in 0..<8 {
                _ = try await client.registerCase(Case(siteID: index < 5 ? "enclave" : "shelter", ageMonths: 100, sex: .female, precedence: .routine, consentGiven: true))
            }
            return Fixture(server: server, client: client)
        }

        func stop() async {
            await client.close()
            await server.stop()
        }
    }

    static func serverRefusal(_ call: () async throws -> Void) async -> FieldViolation? {
        do {
            try await call()
            return nil
        } catch let error as RPCError {
            #expect(error.code == .invalidArgument)
            return error.fieldViolations.first
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func listCasesPagesThroughWithItsTokens() async throws {
        let fixture = try await Fixture.start()
        var ids: [String] = []
        var token = ""
        repeat {
            let page = try await fixture.client.cases(siteID: "enclave", limit: 2, pageToken: token)
            ids += page.cases.compactMap { $0.case?.id }
            token = page.nextPageToken
        } while !token.isEmpty
        #expect(ids == ["C-000001", "C-000002", "C-000003", "C-000004", "C-000005"])
        await fixture.stop()
    }

    /// Before tokens were checked, a case id was taken as the position: the
    /// listing started wherever the client said.
    @Test func listCasesRefusesAnIdPassedAsAToken() async throws {
        let fixture = try await Fixture.start()
        let violation = await Self.serverRefusal { _ = try await fixture.client.cases(siteID: "enclave", limit: 2, pageToken: "C-000003") }
        #expect(violation?.field == "page_token")
        #expect(violation?.reason.contains("is not a page token") == true)
        await fixture.stop()
    }

    @Test func listCasesRefusesATamperedToken() async throws {
        let fixture = try await Fixture.start()
        let first = try await fixture.client.cases(siteID: "enclave", limit: 2)
        var bytes = try #require(PageTokens.bytes(hex: first.nextPageToken))
        bytes[bytes.count / 2] ^= 0x20
        let violation = await Self.serverRefusal { _ = try await fixture.client.cases(siteID: "enclave", limit: 2, pageToken: PageTokens.hex(bytes)) }
        #expect(violation?.field == "page_token")
        await fixture.stop()
    }

    @Test func listCasesRefusesATokenOfAnotherSiteOrStatus() async throws {
        let fixture = try await Fixture.start()
        let first = try await fixture.client.cases(siteID: "enclave", limit: 2)
        let otherSite = await Self.serverRefusal { _ = try await fixture.client.cases(siteID: "shelter", limit: 2, pageToken: first.nextPageToken) }
        #expect(otherSite?.field == "page_token")
        #expect(otherSite?.reason.contains("another query") == true)
        let otherStatus = await Self.serverRefusal { _ = try await fixture.client.cases(siteID: "enclave", status: .waiting, limit: 2, pageToken: first.nextPageToken) }
        #expect(otherStatus?.reason.contains("another query") == true)
        // Another page size is the same listing.
        #expect(try await fixture.client.cases(siteID: "enclave", limit: 3, pageToken: first.nextPageToken).cases.compactMap { $0.case?.id } == ["C-000003", "C-000004", "C-000005"])
        await fixture.stop()
    }

    /// The audit trail's listing used a decimal sequence number as its token.
    @Test func listAuditRecordsRefusesASequenceNumberAndAnotherQuerysToken() async throws {
        let fixture = try await Fixture.start()
        var request = Corridor_V1_ListAuditRecordsRequest()
        request.pageToken = "3"
        let number = await Self.serverRefusal { _ = try await fixture.client.listAuditRecords(request) }
        #expect(number?.field == "page_token")

        let cases = try await fixture.client.cases(siteID: "enclave", limit: 2)
        request.pageToken = cases.nextPageToken
        let casesToken = await Self.serverRefusal { _ = try await fixture.client.listAuditRecords(request) }
        #expect(casesToken?.reason.contains("another query") == true)
        await fixture.stop()
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

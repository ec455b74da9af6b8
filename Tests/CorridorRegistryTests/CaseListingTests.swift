@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

/// Listing cases: by site and status, a page at a time, every case exactly once.
@Suite struct CaseListingTests {
    /// 23 cases: 15 at the hospital, 8 at the shelter; every third at the hospital withdrawn.
    private func registerCases(_ registry: Registry) async throws -> (hospital: [String], shelter: [String], withdrawn: [String]) {
        try await World.seed(registry)
        var hospital: [String] = [], shelter: [String] = [], withdrawn: [String] = []
        for index in 0..<23 {
            let site = index % 5 < 3 ? "douma-hospital" : "douma-shelter"
            let id = try #require(try await registry.registerCase(World.patient(site: site, ageMonths: UInt32(index)), personal: nil, actor: registrar).case?.id)
            if site == "douma-hospital" {
                hospital.append(id)
                if hospital.count % 3 == 0 {
                    _ = try await registry.setCaseStatus(caseID: id, status: .withdrawn, date: "", reason: "recovered", actor: registrar)
                    withdrawn.append(id)
                }
            } else {
                shelter.append(id)
            }
        }
        return (hospital, shelter, withdrawn)
    }

    private func allPages(_ registry: Registry, siteID: String = "", status: Case.Status = .unspecified, limit: UInt32) async throws -> (ids: [String], pages: Int, totals: Set<UInt32>) {
        var ids: [String] = []
        var token = ""
        var pages = 0
        var totals: Set<UInt32> = []
        repeat {
            let page = try await registry.cases(siteID: siteID, status: status, limit: limit, after: token)
            #expect(page.cases.count <= Int(limit))
            ids += page.cases.compactMap { $0.case?.id }
            totals.insert(page.total)
            token = page.nextPageToken
            pages += 1
        } while !token.isEmpty && pages < 100
        return (ids, pages, totals)
    }

    @Test(arguments: [1, 4, 7, 23, 24, 10_000] as [UInt32])
    func pagesCoverEveryCaseExactlyOnceInIDOrder(limit: UInt32) async throws {
        try await withRegistry { registry in
            let registered = try await registerCases(registry)
            let all = (registered.hospital + registered.shelter).sorted()
            let (ids, pages, totals) = try await allPages(registry, limit: limit)
            #expect(ids == all)
            #expect(pages == max(1, (all.count + Int(limit) - 1) / Int(limit)))
            #expect(totals == [23])
        }
    }

    @Test func bySite() async throws {
        try await withRegistry { registry in
            let registered = try await registerCases(registry)
            let (ids, _, totals) = try await allPages(registry, siteID: "douma-shelter", limit: 4)
            #expect(registered.shelter.count == 8)
            #expect(ids == registered.shelter.sorted())
            #expect(totals == [8])
        }
    }

    @Test func bySiteAndStatus() async throws {
        try await withRegistry { registry in
            let registered = try await registerCases(registry)
            let withdrawn = try await allPages(registry, siteID: "douma-hospital", status: .withdrawn, limit: 2)
            #expect(withdrawn.ids == registered.withdrawn.sorted())
            #expect(withdrawn.totals == [UInt32(registered.withdrawn.count)])
            let waiting = try await allPages(registry, siteID: "douma-hospital", status: .waiting, limit: 5)
            #expect(waiting.ids == registered.hospital.filter { !registered.withdrawn.contains($0) }.sorted())
            let none = try await registry.cases(siteID: "douma-shelter", status: .withdrawn, limit: 0, after: "")
            #expect(none.cases.isEmpty && none.total == 0 && none.nextPageToken.isEmpty)
        }
    }

    @Test func byStatusAcrossSites() async throws {
        try await withRegistry { registry in
            let registered = try await registerCases(registry)
            let waiting = try await allPages(registry, status: .waiting, limit: 6)
            #expect(waiting.ids == (registered.hospital + registered.shelter).filter { !registered.withdrawn.contains($0) }.sorted())
        }
    }

    @Test func aZeroLimitIsTheDefaultPageSize() async throws {
        try await withRegistry { registry in
            _ = try await registerCases(registry)
            let page = try await registry.cases(siteID: "", status: .unspecified, limit: 0, after: "")
            #expect(page.cases.count == 23)
            #expect(page.nextPageToken.isEmpty)
        }
    }

    @Test func aLimitAboveTenThousandIsRefusedNamingLimit() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.cases(siteID: "", status: .unspecified, limit: 10_001, after: "")
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["limit"])
        }
    }

    @Test func anUnknownSiteIsNotFound() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.cases(siteID: "atlantis", status: .unspecified, limit: 0, after: "")
            }
            #expect(error.code == .notFound)
            #expect(error.message.contains("atlantis"))
        }
    }
}

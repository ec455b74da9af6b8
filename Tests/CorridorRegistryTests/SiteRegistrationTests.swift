@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

/// Registering a site: references must name known records, siege dates
/// must be real dates with a besieger, crossings start OPEN.
@Suite struct SiteRegistrationTests {
    @Test func aSiteIsRecordedAsGivenAndCanBeRead() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            #expect(try await registry.site("ghouta") == World.enclave)
            #expect(try await registry.site("douma-hospital") == World.hospital)
        }
    }

    @Test func referencesToUnknownRecordsAreRefusedNamingEachField() async throws {
        try await withRegistry { registry in
            _ = try await registry.registerParty(World.government, actor: registrar)
            let site = Site(
                id: "orphan", name: "Orphan", kind: .district, parentID: "atlantis", controlledBy: "nobody",
                besiegedBy: ["gov", "ghosts", "phantoms"], besiegedSince: "2014-01-01"
            )
            let error = try await #require(throws: RegistryError.self) { try await registry.registerSite(site, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(Set(error.fields) == ["site.parent_id", "site.controlled_by", "site.besieged_by[1]", "site.besieged_by[2]"], "\(error)")
            #expect(error.fieldViolations.first { $0.field == "site.parent_id" }?.reason.contains("atlantis") == true)
            #expect(error.fieldViolations.first { $0.field == "site.controlled_by" }?.reason.contains("nobody") == true)
            #expect(await registry.currentState.sites.isEmpty)
        }
    }

    @Test func aSiteCannotBeItsOwnParent() async throws {
        try await withRegistry { registry in
            let error = try await #require(throws: RegistryError.self) {
                try await registry.registerSite(Site(id: "loop", name: "Loop", kind: .city, parentID: "loop"), actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields.contains("site.parent_id"))
            #expect(Set(error.fields) == ["site.parent_id"])
        }
    }

    @Test func besiegedSinceWithoutABesiegerIsRefused() async throws {
        try await withRegistry { registry in
            let site = Site(id: "quiet", name: "Quiet Town", kind: .city, besiegedSince: "2015-06-01")
            let error = try await #require(throws: RegistryError.self) { try await registry.registerSite(site, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["site.besieged_since"], "\(error)")
        }
    }

    @Test(arguments: ["2013-02-30", "2013-13-01", "2013-00-10", "2013-2-3", "13-02-03", "2013/02/03", "yesterday", "2100-02-29"])
    func aBesiegedSinceThatIsNotADateIsRefused(date: String) async throws {
        try await withRegistry { registry in
            _ = try await registry.registerParty(World.government, actor: registrar)
            let site = Site(id: "town", name: "Town", kind: .city, besiegedBy: ["gov"], besiegedSince: date)
            let error = try await #require(throws: RegistryError.self) { try await registry.registerSite(site, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["site.besieged_since"], "\(error)")
            #expect(await registry.currentState.sites.isEmpty)
        }
    }

    @Test(arguments: ["2012-02-29", "2000-02-29", "2013-12-31"])
    func aRealDateIsAccepted(date: String) async throws {
        try await withRegistry { registry in
            _ = try await registry.registerParty(World.government, actor: registrar)
            let site = Site(id: "town", name: "Town", kind: .city, besiegedBy: ["gov"], besiegedSince: date)
            #expect(try await registry.registerSite(site, actor: registrar).besiegedSince == date)
        }
    }

    @Test func missingNameAndKindAreRefusedTogether() async throws {
        try await withRegistry { registry in
            let site = Site(id: "Bad Id!", name: " ", kind: .unspecified, designations: [""])
            let error = try await #require(throws: RegistryError.self) { try await registry.registerSite(site, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(Set(error.fields) == ["site.id", "site.name", "site.kind", "site.designations[0]"], "\(error)")
        }
    }

    @Test func aDuplicateSiteIsAlreadyExists() async throws {
        try await withRegistry { registry in
            _ = try await registry.registerSite(World.capital, actor: registrar)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.registerSite(Site(id: "damascus", name: "Other", kind: .camp), actor: registrar)
            }
            #expect(error.code == .alreadyExists)
            #expect(try await registry.site("damascus") == World.capital)
        }
    }

    @Test func aCrossingStartsOpen() async throws {
        try await withRegistry { registry in
            let registered = try await registry.registerSite(Site(id: "gate", name: "Gate", kind: .crossing), actor: registrar)
            #expect(registered.crossingStatus == .open)
            #expect(try await registry.site("gate").crossingStatus == .open)
        }
    }

    @Test func aCrossingRegisteredClosedStaysClosed() async throws {
        try await withRegistry { registry in
            let gate = Site(id: "gate", name: "Gate", kind: .crossing, crossingStatus: .closed)
            let registered = try await registry.registerSite(gate, actor: registrar)
            #expect(registered.crossingStatus == .closed)
        }
    }

    @Test func onlyACrossingHasACrossingStatus() async throws {
        try await withRegistry { registry in
            let city = Site(id: "city", name: "City", kind: .city, crossingStatus: .open)
            let error = try await #require(throws: RegistryError.self) { try await registry.registerSite(city, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["site.crossing_status"])
        }
    }

    @Test func anUnknownSiteIsNotFound() async throws {
        try await withRegistry { registry in
            let error = try await #require(throws: RegistryError.self) { try await registry.site("atlantis") }
            #expect(error.code == .notFound)
        }
    }
}

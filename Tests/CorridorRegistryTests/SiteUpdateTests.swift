@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Updating a site: named fields only, parents never form a loop, and a
/// site that stops being a crossing loses its crossing status.
@Suite struct SiteUpdateTests {
    @Test func onlyTheNamedFieldsChange() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let changes = Site(id: "douma", name: "Douma City", kind: .camp, parentID: "", controlledBy: "gov")
            let updated = try await registry.updateSite(changes, fields: ["name", "controlled_by"], reason: "retaken", actor: registrar)
            var expected = World.town
            expected.name = "Douma City"
            expected.controlledBy = "gov"
            #expect(updated == expected)
            #expect(try await registry.site("douma") == expected)
            let event = try #require(try await registry.history(of: "site:douma").last?.event?.siteUpdated)
            #expect(event.changedFields == ["name", "controlled_by"])
        }
    }

    @Test func aParentLoopIsRefused() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            // ghouta ⊃ douma ⊃ douma-hospital; making ghouta lie within the hospital closes a loop.
            let changes = Site(id: "ghouta", name: "Eastern Ghouta", kind: .enclave, parentID: "douma-hospital")
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateSite(changes, fields: ["parent_id"], reason: "", actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["site.parent_id"], "\(error)")
            #expect(error.fieldViolations.first?.reason.contains("loop") == true)
            #expect(await registry.currentState == before)
        }
    }

    @Test func aSiteCannotBeMadeItsOwnParent() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let changes = Site(id: "douma", name: "Douma", kind: .city, parentID: "douma")
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateSite(changes, fields: ["parent_id"], reason: "", actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(Set(error.fields) == ["site.parent_id"], "\(error)")
        }
    }

    @Test func aSiteThatStopsBeingACrossingLosesItsCrossingStatus() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let changes = Site(id: "wafideen", name: "Al-Wafideen", kind: .camp)
            let updated = try await registry.updateSite(changes, fields: ["kind"], reason: "", actor: registrar)
            #expect(updated.kind == .camp)
            #expect(updated.crossingStatus == .unspecified)
            #expect(try await registry.site("wafideen").crossingStatus == .unspecified)
        }
    }

    @Test func aSiteThatBecomesACrossingStartsOpen() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let updated = try await registry.updateSite(Site(id: "damascus", name: "Damascus", kind: .crossing), fields: ["kind"], reason: "", actor: registrar)
            #expect(updated.crossingStatus == .open)
        }
    }

    @Test func anUpdateOfAnUnknownSiteIsNotFound() async throws {
        try await withRegistry { registry in
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateSite(Site(id: "atlantis", name: "A", kind: .city), fields: ["name"], reason: "", actor: registrar)
            }
            #expect(error.code == .notFound)
        }
    }

    @Test(arguments: [[], ["id"], ["crossing_status"]] as [[String]])
    func anEmptyOrUnchangeableFieldListIsRefusedNamingFields(fields: [String]) async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateSite(Site(id: "wafideen", name: "W", kind: .crossing, crossingStatus: .closed), fields: fields, reason: "", actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(!error.fields.isEmpty && error.fields.allSatisfy { $0 == "fields" }, "\(error)")
        }
    }

    @Test func anUpdateThatChangesNothingRecordsNoEvent() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let before = await registry.currentState
            _ = try await registry.updateSite(World.enclave, fields: ["name", "besieged_by", "besieged_since"], reason: "", actor: registrar)
            #expect(await registry.currentState == before)
        }
    }

    @Test func liftingASiegeNeedsItsDateClearedToo() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let lifted = Site(id: "ghouta", name: "Eastern Ghouta", kind: .enclave)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateSite(lifted, fields: ["besieged_by"], reason: "", actor: registrar)
            }
            #expect(error.fields == ["site.besieged_since"], "\(error)")
            let updated = try await registry.updateSite(lifted, fields: ["besieged_by", "besieged_since"], reason: "siege lifted", actor: registrar)
            #expect(updated.besiegedBy.isEmpty && updated.besiegedSince.isEmpty)
        }
    }
}

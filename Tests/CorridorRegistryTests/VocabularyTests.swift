@testable import CorridorRegistry
import CorridorModel
import Testing

/// The parties and places the reports name: media, local councils and civil
/// society; governorates, towns and checkpoints. A checkpoint is on a route,
/// not a crossing: no movement crosses at one and it has no crossing status.
@Suite struct VocabularyTests {
    @Test(arguments: [Party.Kind.media, .localCouncil, .civilSociety])
    func theNewPartyKindsAreRegistered(kind: Party.Kind) async throws {
        try await withRegistry { registry in
            let party = try await registry.registerParty(Party(id: "p-1", shortName: "P", kind: kind), actor: registrar)
            #expect(party.kind == kind)
            #expect(try await registry.party("p-1").kind == kind)
        }
    }

    @Test(arguments: [Site.Kind.governorate, .town, .checkpoint])
    func theNewSiteKindsAreRegisteredWithoutACrossingStatus(kind: Site.Kind) async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let site = try await registry.registerSite(Site(id: "s-1", name: "S", kind: kind), actor: registrar)
            #expect(site.kind == kind)
            #expect(site.crossingStatus == .unspecified)
            #expect(try await registry.sites(kind: kind, parentID: "").map(\.id) == ["s-1"])
        }
    }

    @Test func aCheckpointHasNoCrossingStatus() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.registerSite(Site(id: "cp-1", name: "Checkpoint", kind: .checkpoint, crossingStatus: .open), actor: registrar)
            }
            #expect(error.fields == ["site.crossing_status"], "\(error)")
        }
    }

    @Test func aMovementDoesNotCrossAtACheckpoint() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            _ = try await registry.registerSite(Site(id: "cp-1", name: "Checkpoint on the Damascus road", kind: .checkpoint), actor: registrar)
            var convoy = Corridor.convoy()
            convoy.crossingSiteID = "cp-1"
            let error = try await #require(throws: RegistryError.self) { try await registry.planMovement(convoy, actor: registrar) }
            #expect(error.fields == ["movement.crossing_site_id"], "\(error)")
            #expect(error.fieldViolations.first?.reason.contains("of kind CHECKPOINT, not CROSSING") == true, "\(error)")
        }
    }
}

@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

/// Listing sites by kind and by parent, sorted by id.
@Suite struct SiteListingTests {
    @Test func everySiteWithoutAFilter() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let all = try await registry.sites(kind: .unspecified, parentID: "")
            #expect(all.map(\.id) == World.sites.map(\.id).sorted())
        }
    }

    @Test func byKind() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            #expect(try await registry.sites(kind: .city, parentID: "").map(\.id) == ["damascus", "douma"])
            #expect(try await registry.sites(kind: .crossing, parentID: "").map(\.id) == ["wafideen"])
            #expect(try await registry.sites(kind: .prison, parentID: "").isEmpty)
        }
    }

    @Test func byParentListsDirectChildrenOnly() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            #expect(try await registry.sites(kind: .unspecified, parentID: "douma").map(\.id) == ["douma-hospital", "douma-shelter"])
            #expect(try await registry.sites(kind: .unspecified, parentID: "ghouta").map(\.id) == ["douma"])
            #expect(try await registry.sites(kind: .hospital, parentID: "douma").map(\.id) == ["douma-hospital"])
            #expect(try await registry.sites(kind: .unspecified, parentID: "damascus").isEmpty)
        }
    }

    @Test func anUnknownParentIsNotFound() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) { try await registry.sites(kind: .unspecified, parentID: "atlantis") }
            #expect(error.code == .notFound)
        }
    }
}

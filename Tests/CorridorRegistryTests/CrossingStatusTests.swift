@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// A crossing's status: only crossings have one, it must change, and the
/// site must exist.
@Suite struct CrossingStatusTests {
    @Test func aCrossingCanBeClosedAndReopened() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let closed = try await registry.setCrossingStatus(siteID: "wafideen", status: .closed, reason: "shelling", actor: registrar)
            #expect(closed.crossingStatus == .closed)
            #expect(try await registry.site("wafideen").crossingStatus == .closed)
            _ = try await registry.setCrossingStatus(siteID: "wafideen", status: .restricted, reason: "", actor: registrar)
            let event = try #require(try await registry.history(of: "wafideen").last?.event)
            #expect(event.crossingStatusChanged == CrossingStatusChanged(siteID: "wafideen", from: .closed, to: .restricted))
        }
    }

    @Test func anEnclaveHasNoCrossingStatus() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setCrossingStatus(siteID: "ghouta", status: .closed, reason: "", actor: registrar)
            }
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("ENCLAVE") && error.message.contains("CROSSING"), "\(error)")
            #expect(await registry.currentState == before)
        }
    }

    @Test func theSameStatusAgainIsFailedPrecondition() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setCrossingStatus(siteID: "wafideen", status: .open, reason: "", actor: registrar)
            }
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("OPEN"))
            #expect(await registry.currentState == before)
        }
    }

    @Test func anUnknownSiteIsNotFound() async throws {
        try await withRegistry { registry in
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setCrossingStatus(siteID: "nowhere", status: .closed, reason: "", actor: registrar)
            }
            #expect(error.code == .notFound)
            #expect(error.message.contains("nowhere"))
        }
    }

    @Test func anUnspecifiedStatusIsInvalid() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setCrossingStatus(siteID: "wafideen", status: .unspecified, reason: "", actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["status"])
        }
    }
}

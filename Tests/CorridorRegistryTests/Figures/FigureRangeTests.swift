@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import Testing

/// A range sent the wrong way round ("1000-940") is refused saying that low
/// must not exceed high, naming the field, and nothing is recorded.
@Suite struct FigureRangeTests {
    @Test func aRangeWhoseLowExceedsItsHighIsRefusedSayingSo() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await registry.reportFigure(FigureTests.claim(low: 1000, high: 940), actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["figure.high"])
            #expect(error.fieldViolations.first?.reason == "940 is less than low 1000: low must not exceed high (a single value has high = low, or high left out)")
            #expect(await registry.currentState == before)
        }
    }
}

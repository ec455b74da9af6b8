@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

/// Reading back a log longer than one watch batch (256 events) that spans
/// several segments: watch and history find every event where it lies.
@Suite struct LongLogTests {
    private static let caseCount = 300

    /// Registers `caseCount` cases with bulky personal parts, then updates
    /// every tenth one, so that a case's events lie in different segments.
    private func fillLog(_ registry: Registry) async throws {
        try await World.seed(registry)
        let notes = String(repeating: "clinical note ", count: 40)
        for index in 0..<Self.caseCount {
            _ = try await registry.registerCase(
                World.patient(ageMonths: UInt32(index)), personal: CasePersonal(name: "P\(index)", clinicalNotes: notes), actor: registrar
            )
        }
        for index in stride(from: 0, to: Self.caseCount, by: 10) {
            var changes = World.patient(ageMonths: UInt32(index) + 1)
            changes.id = RegistryState.registryCaseID(UInt64(index + 1))
            _ = try await registry.updateCase(changes, personal: nil, fields: ["age_months"], reason: "", actor: registrar)
        }
    }

    @Test func aWatchDeliversALongMultiSegmentLogExactlyOnceInOrder() async throws {
        try await withRegistry { registry in
            try await fillLog(registry)
            #expect(await registry.figures.log.segments >= 3)
            let last = await registry.currentState.lastSequence
            #expect(last > 300)
            let (recorder, _) = startWatch(registry, from: 1, stopAfter: Int(last))
            #expect(await recorder.expectEnd("the watch over the whole log") == .stoppedByCaller)
            #expect(await recorder.sequences == Array(1...last))
        }
    }

    @Test func aWatchFromTheMiddleOfALaterSegmentStartsExactlyThere() async throws {
        try await withRegistry { registry in
            try await fillLog(registry)
            let last = await registry.currentState.lastSequence
            for start in [UInt64(64), 127, 128, 129, 200, last] {
                let (recorder, _) = startWatch(registry, from: start, stopAfter: Int(last - start + 1))
                #expect(await recorder.expectEnd("the watch from \(start)") == .stoppedByCaller)
                #expect(await recorder.sequences == Array(start...last), "from \(start)")
            }
        }
    }

    @Test func historyFindsEveryEventOfEveryCaseAcrossSegments() async throws {
        try await withRegistry { registry in
            try await fillLog(registry)
            let state = await registry.currentState
            for (key, sequences) in state.history where key.kind == .case {
                let history = try await registry.history(of: "case:\(key.id)")
                #expect(history.map(\.sequence) == sequences, "\(key)")
                #expect(history.allSatisfy { $0.event?.kind.subject.id == key.id }, "\(key)")
            }
        }
    }
}

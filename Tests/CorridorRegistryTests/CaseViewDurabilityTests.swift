@testable import CorridorRegistry
import CorridorModel
import CorridorStore
import CorridorTestSupport
import Dispatch
import Synchronization
import Testing

/// GetCase answers once what it shows is durable, and waits for nothing
/// else: a write in flight to another case does not hold it up, and a write
/// to the case itself that is not durable yet is never shown.
@Suite struct CaseViewDurabilityTests {
    /// Holds the store's next msync (the flusher thread waits in `observe`)
    /// until released, and says when it holds one.
    final class SyncGate: DurabilityObserver {
        private let armed = Atomic(false)
        private let holding = Atomic(false)
        private let opened = DispatchSemaphore(value: 0)
        let held: AsyncStream<Void>
        private let heldContinuation: AsyncStream<Void>.Continuation

        init() {
            (held, heldContinuation) = AsyncStream.makeStream(of: Void.self)
        }

        var isHolding: Bool { holding.load(ordering: .acquiring) }

        func arm() { armed.store(true, ordering: .releasing) }

        func release() {
            guard holding.exchange(false, ordering: .acquiringAndReleasing) else { return }
            opened.signal()
        }

        func observe(_ event: DurabilityEvent) {
            guard case .synchronizingRange = event, armed.exchange(false, ordering: .acquiringAndReleasing) else { return }
            holding.store(true, ordering: .releasing)
            heldContinuation.yield()
            opened.wait()
        }
    }

    static func waitUntilHeld(_ gate: SyncGate) async {
        for await _ in gate.held { return }
    }

    @Test func aCaseIsReadWhileAnotherCasesWriteWaitsForItsSync() async throws {
        try await withTemporaryDirectory { directory in
            let gate = SyncGate()
            var options = smallSegmentOptions()
            options.store.durabilityObserver = gate
            let registry = try openRegistry(directory, options: options)
            try await World.seed(registry)
            let first = try #require(try await registry.registerCase(World.patient(site: "douma-hospital", ageMonths: 20), personal: nil, actor: registrar).case?.id)

            gate.arm()
            let second = Task { try await registry.registerCase(World.patient(site: "douma-hospital", ageMonths: 30), personal: nil, actor: registrar) }
            await Self.waitUntilHeld(gate)
            // A bound for the failing case only (a read that waits for the
            // held sync): the gate opens after it, and the read is late.
            let bound = Task {
                try await Task.sleep(for: .seconds(60))
                gate.release()
            }
            let view = try await registry.caseView(first)
            let answeredWhileHeld = gate.isHolding
            bound.cancel()
            gate.release()
            #expect(answeredWhileHeld, "GetCase of \(first) waited for the msync of another case's registration")
            #expect(view.case?.id == first)
            _ = try await second.value
            await registry.close()
        }
    }

    /// The read waits for the case's own change in flight (not stale, no
    /// deadlock): it answers with the change once its msync completes.
    @Test func aCaseWhoseOwnChangeIsInFlightIsShownWithItOnceItsSyncCompletes() async throws {
        try await withTemporaryDirectory { directory in
            let gate = SyncGate()
            var options = smallSegmentOptions()
            options.store.durabilityObserver = gate
            let registry = try openRegistry(directory, options: options)
            try await World.seed(registry)
            let id = try #require(try await registry.registerCase(World.patient(site: "douma-hospital", ageMonths: 20), personal: nil, actor: registrar).case?.id)

            gate.arm()
            let change = Task { try await registry.setCaseStatus(caseID: id, status: .withdrawn, date: "", reason: "recovered", actor: registrar) }
            await Self.waitUntilHeld(gate)
            let read = Task { try await registry.caseView(id) }
            // The change is applied (the gate holds its msync), so the read's
            // answer shows it, and may be sent only after the gate opens.
            gate.release()
            let view = try await read.value
            _ = try await change.value
            #expect(view.case?.status == .withdrawn)
            await registry.close()
        }
    }
}

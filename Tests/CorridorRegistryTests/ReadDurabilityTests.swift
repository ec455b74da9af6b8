@testable import CorridorRegistry
import CorridorModel
import CorridorStore
import CorridorTestSupport
import Dispatch
import Synchronization
import Testing

/// A read never shows a write that a crash could still take back, including
/// one applied while the read itself waited for durability. The finding: a
/// read waited for what the state held when it began, then answered from the
/// state as it was when it resumed, which by then could hold another
/// command's write whose msync had not even started.
@Suite struct ReadDurabilityTests {
    /// Holds the next msync of records (not of a segment's header) that comes
    /// after each `arm()`, until `release()`; says when it holds one.
    final class RecordSyncGate: DurabilityObserver {
        private let armed = Atomic(0)
        private let holding = Atomic(false)
        private let opened = DispatchSemaphore(value: 0)
        let held: AsyncStream<Void>
        private let heldContinuation: AsyncStream<Void>.Continuation

        init() {
            (held, heldContinuation) = AsyncStream.makeStream(of: Void.self)
        }

        func arm() { armed.add(1, ordering: .acquiringAndReleasing) }

        func release() {
            guard holding.exchange(false, ordering: .acquiringAndReleasing) else { return }
            opened.signal()
        }

        func observe(_ event: DurabilityEvent) {
            // The header's watermark is synced from offset 0; records lie after it.
            guard case .synchronizingRange(_, let range) = event, range.lowerBound > 0 else { return }
            var count = armed.load(ordering: .acquiring)
            while count > 0 {
                let (exchanged, original) = armed.compareExchange(expected: count, desired: count - 1, ordering: .acquiringAndReleasing)
                if exchanged { break }
                count = original
            }
            guard count > 0 else { return }
            holding.store(true, ordering: .releasing)
            heldContinuation.yield()
            opened.wait()
        }
    }

    /// Until `count` callers wait for durability behind the held msync (the
    /// writers, and the read once it has made its answer). Bounded, for a
    /// broken registry only.
    static func waitForWaiters(_ registry: Registry, _ count: Int) async throws {
        let deadline = ContinuousClock.now + TestDeadline.scaled(.seconds(60))
        while registry.eventLog.durabilityWaiters < count {
            guard ContinuousClock.now < deadline else {
                Issue.record("\(registry.eventLog.durabilityWaiters) callers wait for durability, not \(count)")
                throw CancellationError()
            }
            await Task.yield()
        }
    }

    /// Write A held at its msync; a read begins and waits for A; write B is
    /// applied; A's msync completes while B's is held. The read answers
    /// with A and without B.
    func readWhileAWriteIsAppliedBehindIt<Answer: Sendable>(
        read: @escaping @Sendable (Registry) async throws -> Answer,
        writeA: @escaping @Sendable (Registry) async throws -> Void,
        writeB: @escaping @Sendable (Registry) async throws -> Void
    ) async throws -> Answer {
        try await withTemporaryDirectory { directory in
            let gate = RecordSyncGate()
            var options = smallSegmentOptions()
            options.store.durabilityObserver = gate
            let registry = try openRegistry(directory, options: options)
            try await World.seed(registry)

            gate.arm()
            let a = Task { try await writeA(registry) }
            for await _ in gate.held { break }
            let reading = Task { try await read(registry) }
            try await Self.waitForWaiters(registry, 2)
            let b = Task { try await writeB(registry) }
            try await Self.waitForWaiters(registry, 3)
            // B's records are written and applied; its msync comes after A's.
            gate.arm()
            gate.release()
            let answer = try await reading.value
            // B's records were written after A's msync began, so their first
            // msync is this one, held: B was not durable when the read answered.
            for await _ in gate.held { break }
            gate.release()
            try await a.value
            try await b.value
            await registry.close()
            return answer
        }
    }

    /// Command A held at its msync; command B applied behind it; A's msync
    /// completes while B's is held. A's answer shows A's change and not B's.
    func commandAnsweredWhileAnotherIsAppliedBehindIt<Answer: Sendable>(
        commandA: @escaping @Sendable (Registry) async throws -> Answer,
        commandB: @escaping @Sendable (Registry) async throws -> Void
    ) async throws -> Answer {
        try await withTemporaryDirectory { directory in
            let gate = RecordSyncGate()
            var options = smallSegmentOptions()
            options.store.durabilityObserver = gate
            let registry = try openRegistry(directory, options: options)
            try await World.seed(registry)

            gate.arm()
            let a = Task { try await commandA(registry) }
            for await _ in gate.held { break }
            let b = Task { try await commandB(registry) }
            try await Self.waitForWaiters(registry, 2)
            gate.arm()
            gate.release()
            let answer = try await a.value
            // B's first msync, held: B was not durable when A answered.
            for await _ in gate.held { break }
            gate.release()
            try await b.value
            await registry.close()
            return answer
        }
    }

    @Test func aCommandsAnswerDoesNotShowAnotherCommandAppliedWhileItWaited() async throws {
        let crossing = try await commandAnsweredWhileAnotherIsAppliedBehindIt(
            commandA: { try await $0.setCrossingStatus(siteID: "wafideen", status: .closed, reason: "shelling", actor: registrar) },
            commandB: { _ = try await $0.updateSite(Site(id: "wafideen", name: "Al-Wafideen camp", kind: .crossing), fields: ["name"], reason: "", actor: registrar) }
        )
        #expect(crossing.crossingStatus == .closed)
        #expect(crossing.name == "Al-Wafideen", "the answer showed another command's change that was not durable: \(crossing.name)")
    }

    @Test func aReadOnTheActorDoesNotShowAWriteAppliedWhileItWaited() async throws {
        let parties = try await readWhileAWriteIsAppliedBehindIt(
            read: { try await $0.parties().map(\.id) },
            writeA: { _ = try await $0.registerParty(Party(id: "icrc", shortName: "ICRC", kind: .redCrossRedCrescent), actor: registrar) },
            writeB: { _ = try await $0.registerParty(Party(id: "msf", shortName: "MSF", kind: .ngo), actor: registrar) }
        )
        #expect(parties.contains("icrc"), "the write the read waited for is missing: \(parties)")
        #expect(!parties.contains("msf"), "the read showed a party whose registration was not durable: \(parties)")
    }

    @Test func aReadOffTheActorDoesNotShowAWriteAppliedWhileItWaited() async throws {
        let cases = try await readWhileAWriteIsAppliedBehindIt(
            read: { try await $0.cases(siteID: "douma-hospital", status: .unspecified, limit: 0, after: "").cases.compactMap(\.case?.ageMonths) },
            writeA: { _ = try await $0.registerCase(World.patient(ageMonths: 20), personal: nil, actor: registrar) },
            writeB: { _ = try await $0.registerCase(World.patient(ageMonths: 30), personal: nil, actor: registrar) }
        )
        #expect(cases == [20], "the read showed \(cases) months; 20 is the durable case, 30 was not durable")
    }

    @Test func aRecordsHistoryDoesNotShowAnEventAppliedWhileItWaited() async throws {
        let history = try await readWhileAWriteIsAppliedBehindIt(
            read: { try await $0.history(of: "party:icrc").map(\.sequence) },
            writeA: { _ = try await $0.registerParty(Party(id: "icrc", shortName: "ICRC", kind: .redCrossRedCrescent), actor: registrar) },
            writeB: {
                let changes = Party(id: "icrc", shortName: "ICRC", fullName: "International Committee of the Red Cross", kind: .redCrossRedCrescent)
                _ = try await $0.updateParty(changes, fields: ["fullName"], reason: "", actor: registrar)
            }
        )
        #expect(history.count == 1, "the history showed \(history.count) events; the update was not durable")
    }
}

import CorridorClient
import CorridorTestSupport
import Testing

/// A newer daemon's event of a kind this build does not know: History and
/// Watch hand it over with its sequence and time and no event, and the rest
/// of the answer as usual (before, the whole answer failed to decode).
@Suite struct UnknownEventKindTests {
    @Test func historyKeepsAnEventOfAnUnknownKind() async throws {
        let server = try await NewerDaemon.start()
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        let entries = try await client.history(of: NewerDaemon.partyID)
        #expect(entries.map(\.sequence) == [NewerDaemon.unknownSequence, NewerDaemon.knownSequence])
        #expect(entries.first?.event == nil)
        #expect(entries.first?.recordedAtNs == NewerDaemon.recordedAtNs)
        guard case .partyRegistered(let registered)? = entries.last?.event?.kind else {
            Issue.record("the known event did not come through: \(String(describing: entries.last))")
            return
        }
        #expect(registered.party?.id == NewerDaemon.partyID)
        await client.close()
        await server.stop()
    }

    @Test func watchGoesOnPastAnEventOfAnUnknownKind() async throws {
        let server = try await NewerDaemon.start()
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        var seen: [RecordedEvent] = []
        for try await entry in client.watch(from: 1) { seen.append(entry) }
        #expect(seen.map(\.sequence) == [NewerDaemon.unknownSequence, NewerDaemon.knownSequence])
        #expect(seen.first?.event == nil)
        #expect(seen.last?.event != nil)
        await client.close()
        await server.stop()
    }
}

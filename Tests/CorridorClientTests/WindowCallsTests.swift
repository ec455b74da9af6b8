import CorridorClient
import CorridorRegistry
import CorridorServer
import CorridorTestSupport
import Testing

/// Access windows over the wire, as a client other than corridorctl sends
/// them: local times and a zone in, milliseconds and the zone back; the
/// refusals (a time the clocks skip, both forms at once, a state change the
/// lifecycle does not allow) with their status code and fields.
@Suite struct WindowCallsTests {
    func withClient(_ body: (CorridorClient) async throws -> Void) async throws {
        let server = try await InProcessServer.startWithRegistry()
        let client: CorridorClient
        do {
            client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        } catch {
            await server.stop()
            throw error
        }
        do {
            _ = try await client.registerParty(Party(id: "gov", shortName: "Government", kind: .government))
            _ = try await client.registerSite(Site(id: "xing-1", name: "Al-Wafideen", kind: .crossing))
            try await body(client)
        } catch {
            await client.close()
            await server.stop()
            throw error
        }
        await client.close()
        await server.stop()
    }

    static func truce(_ oneOff: AccessWindow.OneOff?, startsAtMs: UInt64 = 0, endsAtMs: UInt64 = 0) -> Corridor_V1_AnnounceWindowRequest {
        Corridor_V1_AnnounceWindowRequest(window: AccessWindow(
            id: "truce", name: "Truce", kind: .ceasefire, siteIDs: ["xing-1"], announcedBy: "gov", startsAtMs: startsAtMs, endsAtMs: endsAtMs, oneOff: oneOff
        ))
    }

    func refusal(_ call: () async throws(RPCError) -> Void) async -> RPCError? {
        do { try await call() } catch { return error }
        return nil
    }

    @Test func aWindowInLocalTimeComesBackInMillisecondsAndInItsZone() async throws {
        try await withClient { client in
            let window = try await client.announceWindow(Self.truce(.init(startsAt: "2026-12-03T06:00", endsAt: "2026-12-03T18:00", timeZone: "Asia/Damascus")))
            #expect(window.startsAtMs == 1_796_266_800_000)
            #expect(window.endsAtMs == 1_796_310_000_000)
            #expect(window.oneOff == AccessWindow.OneOff(startsAt: "2026-12-03T06:00+03:00", endsAt: "2026-12-03T18:00+03:00", timeZone: "Asia/Damascus"))
            let listed = try await client.listWindows(Corridor_V1_ListWindowsRequest(siteID: "xing-1"))
            #expect(listed.windows.first?.oneOff?.startsAt == "2026-12-03T06:00+03:00")
        }
    }

    @Test func refusalsNameTheFieldOverTheWire() async throws {
        try await withClient { client in
            let gap = await refusal { () throws(RPCError) in
                _ = try await client.announceWindow(Self.truce(.init(startsAt: "2027-03-28T02:30", endsAt: "2027-03-28T12:00", timeZone: "Europe/Berlin")))
            }
            #expect(gap?.code == .invalidArgument)
            #expect(gap?.fieldViolations.map(\.field) == ["window.one_off.starts_at"])
            let both = await refusal { () throws(RPCError) in
                _ = try await client.announceWindow(Self.truce(
                    .init(startsAt: "2026-12-03T06:00", endsAt: "2026-12-03T18:00", timeZone: "Asia/Damascus"),
                    startsAtMs: 1_796_266_800_000, endsAtMs: 1_796_310_000_000
                ))
            }
            #expect(both?.code == .invalidArgument)
            #expect(Set(both?.fieldViolations.map(\.field) ?? []) == ["window.starts_at_ms", "window.one_off"])
            let noZone = await refusal { () throws(RPCError) in
                _ = try await client.announceWindow(Self.truce(.init(startsAt: "2026-12-03T06:00", endsAt: "2026-12-03T18:00")))
            }
            #expect(noZone?.fieldViolations.map(\.field) == ["window.one_off.time_zone"])
        }
    }

    @Test func aRefusedStateChangeSaysWhereTheWindowCanGoAndNamesTheField() async throws {
        try await withClient { client in
            _ = try await client.announceWindow(Self.truce(.init(startsAt: "2026-12-03T06:00", endsAt: "2026-12-03T18:00", timeZone: "Asia/Damascus")))
            _ = try await client.setWindowStatus(Corridor_V1_SetWindowStatusRequest(windowID: "truce", status: .cancelled, reason: "called off"))
            let error = await refusal { () throws(RPCError) in
                _ = try await client.setWindowStatus(Corridor_V1_SetWindowStatusRequest(windowID: "truce", status: .inEffect))
            }
            #expect(error?.code == .failedPrecondition)
            #expect(error?.message == "window truce is CANCELLED, which is final")
            #expect(error?.fieldViolations.map(\.field) == ["status"])
        }
    }
}

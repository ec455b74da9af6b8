import CorridorClient
import Synchronization

/// Tells the callers when to stop, and whether corridord was killed on
/// purpose (failures after that are expected, and counted apart).
final class LoadControl: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let killed = Atomic<Bool>(false)

    var isStopped: Bool { stopped.load(ordering: .acquiring) }
    var wasKilled: Bool { killed.load(ordering: .acquiring) }
    func stop() { stopped.store(true, ordering: .releasing) }
    func markKilled() { killed.store(true, ordering: .releasing) }
}

/// N connections × M calls in flight on each: every one of the N×M callers
/// makes one call at a time, back to back, of a kind drawn from the mix,
/// until the deadline or `control` says stop.
enum LoadDriver {
    static func run(
        clients: [CorridorClient], inFlight: Int, mix: LoadMix, seconds: Double,
        control: LoadControl, ledger: LedgerBox, seed: UInt64
    ) async -> LoadStats {
        // Infinity: until `control` says stop (the soak's phases).
        let deadline = seconds.isFinite ? monotonicNanoseconds() + UInt64(max(0, seconds) * 1e9) : UInt64.max
        return await withTaskGroup(of: LoadStats.self) { group in
            for (connection, client) in clients.enumerated() {
                for slot in 0..<inFlight {
                    let callerSeed = seed &+ UInt64(connection) &* 1_000_003 &+ UInt64(slot) &* 7_919
                    group.addTask {
                        await caller(client: client, mix: mix, deadline: deadline, control: control, ledger: ledger, seed: callerSeed)
                    }
                }
            }
            var total = LoadStats()
            for await stats in group { total.merge(stats) }
            return total
        }
    }

    private static func caller(
        client: CorridorClient, mix: LoadMix, deadline: UInt64, control: LoadControl, ledger: LedgerBox, seed: UInt64
    ) async -> LoadStats {
        var stats = LoadStats()
        var generator = SplitMix(seed: seed)
        var listCalls = 0
        while !control.isStopped && monotonicNanoseconds() < deadline {
            let call = mix.pick(generator.next())
            let hint = Int(truncatingIfNeeded: generator.next() >> 1)
            let start = monotonicNanoseconds()
            do {
                switch call {
                case .get:
                    guard let id = ledger.caseID(hint: hint) else { continue }
                    _ = try await client.caseView(id)
                case .waiting:
                    let site = LoadWorld.siteIDs[hint % LoadWorld.siteIDs.count]
                    _ = try await client.waitingCases(Corridor_V1_WaitingCasesRequest(siteID: site, limit: 50))
                case .register:
                    let (record, personal) = LoadWorld.newCase(&generator)
                    do throws(RPCError) {
                        let view = try await client.registerCase(record, personal: personal)
                        if let registered = view.case { ledger.registered(registered, name: personal.name) }
                    } catch {
                        if !isRefusal(error.code) { ledger.registrationUnknown() }
                        throw error
                    }
                case .status:
                    guard let claim = ledger.claimStatusChange(hint: hint) else { continue }
                    let target = Case.Status(rawValue: claim.to) ?? .waiting
                    do throws(RPCError) {
                        _ = try await client.setCaseStatus(
                            claim.id, to: target, reason: target == .withdrawn ? "left by other means (load generator)" : "returned to wait (load generator)"
                        )
                        ledger.statusChanged(id: claim.id, to: claim.to)
                    } catch {
                        if isRefusal(error.code) {
                            ledger.statusChangeRefused(id: claim.id)
                        } else {
                            ledger.statusChangeUnknown(id: claim.id, to: claim.to)
                        }
                        throw error
                    }
                case .list:
                    listCalls += 1
                    if listCalls % 4 == 0 {
                        _ = try await client.listLists(Corridor_V1_ListListsRequest())
                    } else {
                        _ = try await client.getList(Corridor_V1_GetRequest(id: LoadWorld.listID))
                    }
                }
                stats.record(call, nanoseconds: monotonicNanoseconds() - start)
            } catch {
                let rpcError = error as? RPCError ?? RPCError(.unknown, "\(error)")
                stats.fail(call, rpcError, afterKill: control.wasKilled)
                // The connection is gone (a kill, or a crash the caller will
                // see in the report): this caller's part of the run is over.
                if rpcError.code == .unavailable || rpcError.code == .cancelled { break }
            }
        }
        return stats
    }

    /// A status that says the server decided and wrote nothing. Any other
    /// failure (the connection cut, a deadline, an internal error) leaves
    /// the write's outcome unknown.
    static func isRefusal(_ code: StatusCode) -> Bool {
        switch code {
        case .invalidArgument, .notFound, .alreadyExists, .permissionDenied, .failedPrecondition, .outOfRange, .unimplemented, .unauthenticated:
            true
        default:
            false
        }
    }
}

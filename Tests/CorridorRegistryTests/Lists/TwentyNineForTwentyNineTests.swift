@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Scenario 1's list part: 29 selected from the waiting, approved by both
/// parties; the infant on the list dies; the list is topped up to 29 from
/// the next case in rank and still counts the death.
@Suite struct TwentyNineForTwentyNineTests {
    @Test func theInfantDiesAndTheListIsToppedUpToTwentyNine() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            // 40 waiting: the infant, 12 more URGENT, the rest PRIORITY or ROUTINE.
            try await ListWorld.register(registry, "c-00", precedence: .urgent, ageMonths: 6, conditions: [.heartDisease])
            for index in 1..<40 {
                let precedence: Case.Precedence = index <= 12 ? .urgent : index.isMultiple(of: 2) ? .priority : .routine
                try await ListWorld.register(registry, "c-\(index < 10 ? "0" : "")\(index)", precedence: precedence,
                                             ageMonths: UInt32(24 + index * 20), sex: index.isMultiple(of: 3) ? .male : .female)
            }
            _ = try await ListWorld.create(registry, quota: 29)
            let selected = try await ListWorld.select(registry)
            let first = try #require(selected.list)
            #expect(first.entries.count == 29)
            #expect(first.entries[0].caseID == "c-00")
            // Registered today, after ListWorld's as-of date: explained as such
            // (FieldRegistrationTests), so only the ranking words are held here.
            #expect(first.entries[0].explanation.hasPrefix("URGENT; infant 6 months; "))
            #expect(selected.leftOutTotal == 11)
            let next = try #require(selected.leftOut.first)
            #expect(next.rank == 30)
            #expect(next.reason == "rank 30; quota of 29 filled")

            _ = try await registry.submitList(listID: "l1", actor: registrar)
            _ = try await registry.approveList(listID: "l1", partyID: "gov", actor: registrar)
            let approved = try await registry.approveList(listID: "l1", partyID: "jaish", actor: registrar)
            #expect(approved.status == .approved)

            _ = try await registry.setCaseStatus(caseID: "c-00", status: .deceased, date: "2017-04-13", reason: "died waiting", actor: registrar)
            let afterDeath = try await registry.getList("l1")
            #expect(afterDeath.died == 1)
            #expect(afterDeath.placesTaken == 28)

            let toppedUp = try await registry.topUpList(listID: "l1", actor: registrar)
            #expect(toppedUp.activeCaseIDs.count == 29)
            #expect(toppedUp.entries.last?.caseID == next.caseID)
            #expect(toppedUp.entries.last?.rank == 30)
            #expect(toppedUp.version == 3)
            let summary = try await registry.getList("l1")
            #expect(summary.died == 1)
            #expect(summary.waiting == 29)
            #expect(summary.placesTaken == 29)
            // The history is kept: selected, dropped, topped up.
            let versions = await registry.currentState.listVersions["l1"] ?? []
            #expect(versions.map(\.version) == [1, 2, 3])
            #expect(versions[1].change.hasPrefix("c-00 dropped"))
            #expect(versions[2].change == "topped up with \(next.caseID)")
            let statuses = try await registry.history(of: "c-00").compactMap { $0.event?.caseStatusChanged.map { "\($0.from.rawValue)→\($0.to.rawValue)" } }
            #expect(statuses == ["WAITING→LISTED", "LISTED→DECEASED"])
        }
    }
}

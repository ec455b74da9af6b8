@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing
import CorridorTestSupport

/// The daily questions: waiting cases by precedence and days waited, deaths
/// while waiting by site and period.
@Suite struct ReportTests {
    static let day: UInt64 = 86_400_000

    /// A case registered `daysAgo` days ago (plus an hour, so whole days are unambiguous).
    private func registered(_ registry: Registry, _ id: String, _ precedence: Case.Precedence, daysAgo: UInt64, site: String = "douma-hospital") async throws {
        let now = Registry.unixNanoseconds() / 1_000_000
        var record = World.patient(id: id, site: site, precedence: precedence)
        record.registeredAtMs = now - daysAgo * Self.day - 3_600_000
        record.originSiteID = site
        try await registry.commit([.caseRegistered(CaseRegistered(case: record, personal: nil))], actor: registrar)
    }

    private func waitingWorld(_ registry: Registry) async throws {
        try await World.seed(registry)
        try await registered(registry, "r-old", .routine, daysAgo: 90)
        try await registered(registry, "p-10", .priority, daysAgo: 10)
        try await registered(registry, "u-3", .urgent, daysAgo: 3)
        try await registered(registry, "u-41", .urgent, daysAgo: 41, site: "douma-shelter")
        try await registered(registry, "u-41b", .urgent, daysAgo: 41)
        try await registered(registry, "s-20", .urgentSurgical, daysAgo: 20)
        try await registered(registry, "s-5", .urgentSurgical, daysAgo: 5, site: "damascus")
        try await registered(registry, "u-dead", .urgent, daysAgo: 100)
        try await registered(registry, "u-listed", .urgent, daysAgo: 2)
        try await registered(registry, "u-gone", .urgent, daysAgo: 200)
        try await Deal.kill(registry, "u-dead", on: "2017-12-01")
        try await registry.commit([
            .caseStatusChanged(CaseStatusChanged(caseID: "u-listed", from: .waiting, to: .listed, date: "")),
            .caseStatusChanged(CaseStatusChanged(caseID: "u-gone", from: .waiting, to: .inTransit, date: "")),
        ], actor: registrar)
    }

    @Test func waitingCasesAreMostUrgentFirstThenLongestWaitingThenId() async throws {
        try await withRegistry { registry in
            try await waitingWorld(registry)
            let report = try await registry.waitingCases()
            #expect(report.cases.map(\.caseID) == ["u-41", "u-41b", "u-3", "u-listed", "s-20", "s-5", "p-10", "r-old"])
            #expect(report.cases.map(\.daysWaited) == [41, 41, 3, 2, 20, 5, 10, 90])
            #expect(report.total == 8, "not the dead, not the one in transit")
            let first = try #require(report.cases.first)
            #expect(first.siteID == "douma-shelter")
            #expect(first.status == .waiting)
            #expect(first.conditions == [.kidneyFailure])
            #expect(first.ageMonths == 96)
            #expect(report.cases.first { $0.caseID == "u-listed" }?.status == .listed)
            #expect(report.byPrecedence == [
                PrecedenceCount(precedence: .urgent, count: 4, longestWaitDays: 41),
                PrecedenceCount(precedence: .urgentSurgical, count: 2, longestWaitDays: 20),
                PrecedenceCount(precedence: .priority, count: 1, longestWaitDays: 10),
                PrecedenceCount(precedence: .routine, count: 1, longestWaitDays: 90),
            ])
        }
    }

    @Test func theLimitCutsTheListButNotTheCounts() async throws {
        try await withRegistry { registry in
            try await waitingWorld(registry)
            for limit in 1...9 {
                let report = try await registry.waitingCases(limit: UInt32(limit))
                let all = ["u-41", "u-41b", "u-3", "u-listed", "s-20", "s-5", "p-10", "r-old"]
                #expect(report.cases.map(\.caseID) == Array(all.prefix(limit)))
                #expect(report.total == 8)
                #expect(report.byPrecedence.map(\.count) == [4, 2, 1, 1])
            }
        }
    }

    @Test func aSiteTreeAndAPrecedenceNarrowTheReport() async throws {
        try await withRegistry { registry in
            try await waitingWorld(registry)
            let ghouta = try await registry.waitingCases(siteID: "ghouta")
            #expect(ghouta.cases.map(\.caseID) == ["u-41", "u-41b", "u-3", "u-listed", "s-20", "p-10", "r-old"])
            let shelter = try await registry.waitingCases(siteID: "douma-shelter")
            #expect(shelter.cases.map(\.caseID) == ["u-41"])
            let surgical = try await registry.waitingCases(precedence: .urgentSurgical)
            #expect(surgical.cases.map(\.caseID) == ["s-20", "s-5"])
            #expect(surgical.byPrecedence == [PrecedenceCount(precedence: .urgentSurgical, count: 2, longestWaitDays: 20)])
            #expect(surgical.total == 2)
        }
    }

    @Test func waitingCasesChecksItsRequest() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var error = try await #require(throws: RegistryError.self) { try await registry.waitingCases(limit: 10_001) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["limit"])
            error = try await #require(throws: RegistryError.self) { try await registry.waitingCases(siteID: "atlantis") }
            #expect(error.code == .notFound)
            let empty = try await registry.waitingCases(limit: 10_000)
            #expect(empty.total == 0)
            #expect(empty.byPrecedence.map(\.count) == [0, 0, 0, 0])
        }
    }

    @Test func theDefaultLimitIsAHundred() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            _ = try await Deal.registerCases(registry, count: 101)
            let report = try await registry.waitingCases()
            #expect(report.cases.count == 100)
            #expect(report.total == 101)
            #expect(report.cases.map(\.caseID) == report.cases.map(\.caseID).sorted(), "same precedence and days: by id")
        }
    }

    @Test func theBoundedHeapKeepsTheSmallestInOrder() {
        var generator = SeededGenerator(seed: 42)
        for capacity in [0, 1, 2, 7, 100] {
            var heap = BoundedWorstFirstHeap<Int>(capacity: capacity)
            let values = (0..<500).map { _ in Int.random(in: 0..<1_000, using: &generator) }
            for value in values { heap.offer(value) }
            #expect(heap.sortedBestFirst() == Array(values.sorted().prefix(capacity)))
        }
    }

    private func deathsWorld(_ registry: Registry) async throws {
        try await World.seed(registry)
        let hospital = try await Deal.registerCases(registry, count: 3)
        let shelter = try await Deal.registerCases(registry, count: 2, site: "douma-shelter")
        let capital = try await Deal.registerCases(registry, count: 1, site: "damascus")
        try await Deal.kill(registry, hospital[0], on: "2018-02-19")
        try await Deal.kill(registry, hospital[1], on: "2018-02-25")
        try await Deal.kill(registry, shelter[0], on: "2018-03-01")
        try await Deal.kill(registry, capital[0], on: "2018-02-20")
        _ = try await registry.setCaseStatus(caseID: shelter[1], status: .withdrawn, date: "2018-02-20", reason: "left", actor: registrar)
    }

    @Test func deathsWhileWaitingAreGroupedBySiteWithinThePeriodInclusive() async throws {
        try await withRegistry { registry in
            try await deathsWorld(registry)
            let all = try await registry.deathsWhileWaiting()
            #expect(all.total == 4)
            #expect(all.sites.map(\.siteID) == ["damascus", "douma-hospital", "douma-shelter"])
            #expect(all.sites.map(\.count) == [1, 2, 1])
            #expect(all.sites[1].caseIDs == ["C-000001", "C-000002"])

            let february = try await registry.deathsWhileWaiting(siteID: "ghouta", from: "2018-02-19", to: "2018-02-25")
            #expect(february.total == 2, "both ends of the period count")
            #expect(february.sites.map(\.siteID) == ["douma-hospital"])
            let fromOnly = try await registry.deathsWhileWaiting(from: "2018-02-20")
            #expect(fromOnly.total == 3)
            let toOnly = try await registry.deathsWhileWaiting(siteID: "ghouta", to: "2018-02-24")
            #expect(toOnly.sites.map(\.caseIDs) == [["C-000001"]])
        }
    }

    @Test func deathsWhileWaitingChecksItsRequest() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var error = try await #require(throws: RegistryError.self) {
                try await registry.deathsWhileWaiting(from: "2018-02-30", to: "soon")
            }
            #expect(error.fields == ["from", "to"])
            error = try await #require(throws: RegistryError.self) {
                try await registry.deathsWhileWaiting(from: "2018-03-01", to: "2018-02-01")
            }
            #expect(error.fields == ["to"])
            error = try await #require(throws: RegistryError.self) { try await registry.deathsWhileWaiting(siteID: "atlantis") }
            #expect(error.code == .notFound)
        }
    }

    @Test func reportsAreTheSameAfterReopening() async throws {
        try await withTemporaryDirectory { directory in
            let before: (DeathsWhileWaitingResponse, [String]) = try await withRegistryReleasedAfterwards(directory) { registry in
                try await deathsWorld(registry)
                let deaths = try await registry.deathsWhileWaiting(siteID: "ghouta")
                let waiting = try await registry.waitingCases().cases.map(\.caseID)
                await registry.close()
                return (deaths, waiting)
            }
            let reopened = try openRegistry(directory)
            #expect(try await reopened.deathsWhileWaiting(siteID: "ghouta") == before.0)
            #expect(try await reopened.waitingCases().cases.map(\.caseID) == before.1)
            await reopened.close()
        }
    }
}

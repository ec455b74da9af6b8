import CorridorClient
import Foundation

/// The registry's answers with a large data set loaded: a real corridord on
/// the cached N-case log (CaseDataset), each query timed one at a time
/// through CorridorClient, beside System.Ping on the same connection (the
/// cost of a call that does no work).
enum QueryLatency {
    struct Measured: Sendable {
        var name: String
        var summary: LatencySummary
        var note: String
    }

    struct Result: Sendable {
        var startupSeconds: Double
        var ping: LatencySummary
        var queries: [Measured]
        /// SelectList over every waiting case at the origin, through the daemon.
        var selection: LatencySummary
        var selectionCandidates: UInt32
    }

    /// The world the queries need, on top of the data set's parties and sites.
    static let agreementID = "bench-agreement"
    static let origin = "ghouta"

    static func run(client: CorridorClient, startupSeconds: Double, calls: Int, selections: Int) async throws -> Result {
        progress("recording an agreement, a figure and a window…")
        _ = try await client.recordAgreement(Corridor_V1_RecordAgreementRequest(agreement: Agreement(
            id: agreementID, title: "Benchmark agreement",
            parties: [.init(partyID: "gov", role: .party), .init(partyID: "jaish", role: .party), .init(partyID: "sarc", role: .mediator)],
            terms: [.init(id: "evacuations", description: "medical evacuations", obligorID: "gov", measure: .evacuations, target: 29)],
            agreedOn: "2026-11-01", status: .agreed
        )))
        _ = try await client.reportFigure(Corridor_V1_ReportFigureRequest(figure: Figure(
            subjectKind: .site, subjectID: origin, measure: .needingEvacuation, low: 500, high: 500, qualifier: .about,
            asOf: "2026-11-01", sourcePartyIDs: ["un-ocha"], reportedIn: "benchmark"
        )))
        _ = try await client.announceWindow(Corridor_V1_AnnounceWindowRequest(window: AccessWindow(
            id: "bench-pause", name: "Daily pause", kind: .humanitarianPause, siteIDs: ["wafideen"], announcedBy: "gov",
            daily: .init(startTime: "09:00", endTime: "14:00", timeZone: "Asia/Damascus", firstDate: "2026-01-01", lastDate: "2026-12-31")
        )))

        // Selection over every waiting case at the origin: a fresh DRAFT list each time.
        progress("selecting a list of 29 from every waiting case at \(origin), \(selections) times…")
        var selectionSamples: [UInt64] = []
        var candidates: UInt32 = 0
        for index in 0..<selections {
            let listID = "bench-list-\(index)"
            _ = try await client.createList(Corridor_V1_CreateListRequest(list: EvacuationList(
                id: listID, agreementID: agreementID, originSiteID: origin, quota: 29
            )))
            let start = monotonicNanoseconds()
            let selected = try await client.selectList(Corridor_V1_SelectListRequest(listID: listID, policyVersion: "", asOf: ""))
            selectionSamples.append(monotonicNanoseconds() - start)
            candidates = selected.considered
            // Back to WAITING, so the next selection sees the same candidates.
            _ = try await client.submitList(Corridor_V1_ListActionRequest(listID: listID, reason: ""))
            _ = try await client.approveList(Corridor_V1_ApproveListRequest(listID: listID, partyID: "gov"))
            _ = try await client.approveList(Corridor_V1_ApproveListRequest(listID: listID, partyID: "jaish"))
            _ = try await client.closeList(Corridor_V1_ListActionRequest(listID: listID, reason: "benchmark"))
        }
        let listID = "bench-list-0"

        func time(_ name: String, note: String, _ call: () async throws -> Void) async throws -> Measured {
            for _ in 0..<max(3, calls / 20) { try await call() }
            var samples: [UInt64] = []
            samples.reserveCapacity(calls)
            for _ in 0..<calls {
                let start = monotonicNanoseconds()
                try await call()
                samples.append(monotonicNanoseconds() - start)
            }
            progress("  \(name): p50 \(formatNumber(LatencySummary(nanoseconds: samples).p50Microseconds, decimals: 0)) µs")
            return Measured(name: name, summary: LatencySummary(nanoseconds: samples), note: note)
        }

        progress("timing queries, \(calls) calls each…")
        let ping = try await time("ping", note: "") { _ = try await client.ping(payload: []) }.summary
        var queries: [Measured] = []
        queries.append(try await time("GetCase", note: "one case by id") { _ = try await client.caseView("C-500000") })
        queries.append(try await time("ListCases, first page of 100", note: "cases of one site, by id") {
            _ = try await client.cases(siteID: "douma-hospital", limit: 100)
        })
        queries.append(try await time("WaitingCases, 100 most urgent", note: "the origin and every site within it") {
            _ = try await client.waitingCases(Corridor_V1_WaitingCasesRequest(siteID: origin, limit: 100))
        })
        queries.append(try await time("DeathsWhileWaiting", note: "by site, all periods") {
            _ = try await client.deathsWhileWaiting(Corridor_V1_DeathsWhileWaitingRequest(siteID: origin, from: "", to: ""))
        })
        queries.append(try await time("GetList", note: "a list of 29 with its progress") { _ = try await client.getList(Corridor_V1_GetRequest(id: listID)) })
        queries.append(try await time("ListLists", note: "every list with its progress") { _ = try await client.listLists(Corridor_V1_ListListsRequest()) })
        queries.append(try await time("GetAgreementProgress", note: "terms counted from movements") {
            _ = try await client.getAgreementProgress(Corridor_V1_GetRequest(id: agreementID))
        })
        queries.append(try await time("CompareFigures, needing evacuation", note: "claims beside the registry's count of waiting cases") {
            _ = try await client.compareFigures(Corridor_V1_CompareFiguresRequest(subjectID: origin, measure: Figure.Measure.needingEvacuation))
        })
        queries.append(try await time("ActiveWindows at the crossing", note: "which windows are in effect now") {
            _ = try await client.activeWindows(Corridor_V1_ActiveWindowsRequest(siteID: "wafideen", at: "", timeZone: ""))
        })
        queries.append(try await time("History of a case", note: "its events read back from the log") { _ = try await client.history(of: "C-500000") })
        return Result(
            startupSeconds: startupSeconds, ping: ping, queries: queries,
            selection: LatencySummary(nanoseconds: selectionSamples), selectionCandidates: candidates
        )
    }
}

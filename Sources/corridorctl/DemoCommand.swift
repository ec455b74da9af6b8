import ArgumentParser
import CorridorClient
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load scenario 1 into a running daemon.",
        discussion: """
            Loads "twenty-nine for twenty-nine" (shared/scenarios/1-twenty-nine-for-twenty-nine.md): six parties, \
            the besieged enclave, three hospitals and a crossing, the UN's figures, 500 waiting cases, the agreement, \
            its list of 29 selected, submitted and approved, a window at the crossing, the first day's movement \
            of 4 cases, completed, and the release of the 29 detainees. Meant for an empty registry (`make run`, then `make demo`); refuses when the \
            registry already holds the demo's parties.
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @Flag(help: "Print what was loaded as JSON instead of text.") var json = false

    func run() async throws {
        let client = try await connection.connect()
        do {
            try await load(into: client)
        } catch {
            await client.close()
            throw error
        }
        await client.close()
    }

    func load(into client: CorridorClient) async throws {
        let timeout = connection.callTimeout
        let say: (String) -> Void = json ? { _ in } : { print($0) }
        let today = Self.today()

        let existing = try await calling { () async throws(RPCError) in try await client.parties(timeout: timeout) }
        let clashing = Set(existing.map(\.id)).intersection(DemoWorld.parties.map(\.id)).sorted()
        guard clashing.isEmpty else {
            throw DemoRefusal(
                "the registry at \(client.socketPath) already holds the demo's parties (\(clashing.joined(separator: ", "))): "
                    + "the demo was loaded already, or the registry is in use. Load the demo into an empty registry: "
                    + "stop corridord and start it on a fresh data directory (corridord --data-dir DIR), then run corridorctl demo again."
            )
        }

        say("Loading scenario 1, \"twenty-nine for twenty-nine\", into \(client.socketPath)")
        for party in DemoWorld.parties {
            _ = try await calling { () async throws(RPCError) in try await client.registerParty(party, timeout: timeout) }
        }
        say("  \(DemoWorld.parties.count) parties: \(DemoWorld.parties.map(\.id).joined(separator: ", "))")
        for site in DemoWorld.sites {
            _ = try await calling { () async throws(RPCError) in try await client.registerSite(site, timeout: timeout) }
        }
        say("  \(DemoWorld.sites.count) sites: \(DemoWorld.sites.map(\.id).joined(separator: ", "))")
        var figureIDs: [String] = []
        for figure in DemoWorld.figures(asOf: today) {
            let reported = try await calling { () async throws(RPCError) in try await client.reportFigure(Corridor_V1_ReportFigureRequest(figure: figure), timeout: timeout) }
            figureIDs.append(reported.id)
        }
        say("  \(figureIDs.count) figures from the UN: population, children, needing evacuation")

        let records = DemoWorld.cases()
        let progress = json ? nil : ProgressLine(total: records.count, label: "  cases")
        var caseIDs: [String] = []
        for (index, record) in records.enumerated() {
            let view = try await calling { () async throws(RPCError) in try await client.registerCase(record, timeout: timeout) }
            caseIDs.append(view.case?.id ?? "")
            progress?.update(index + 1)
        }
        progress?.finish()
        say("  \(caseIDs.count) waiting cases at \(DemoWorld.enclave.id) (\(caseIDs.first ?? "")…\(caseIDs.last ?? ""))")

        let nowMs = UInt64(Date().timeIntervalSince1970 * 1000)
        let dayMs: UInt64 = 86_400_000
        let window = try await calling { () async throws(RPCError) in
            try await client.announceWindow(Corridor_V1_AnnounceWindowRequest(window: DemoWorld.window(fromMs: nowMs - dayMs, untilMs: nowMs + 30 * dayMs)), timeout: timeout)
        }
        say("  window \(window.id) at \(DemoWorld.crossing.id), for 30 days")

        var agreement = try await calling { () async throws(RPCError) in
            try await client.recordAgreement(Corridor_V1_RecordAgreementRequest(agreement: DemoWorld.agreement), timeout: timeout)
        }
        if agreement.status != .agreed {
            agreement = try await calling { () async throws(RPCError) in
                try await client.setAgreementStatus(Corridor_V1_SetAgreementStatusRequest(agreementID: DemoWorld.agreementID, status: .agreed, date: today), timeout: timeout)
            }
        }
        say("  agreement \(agreement.id): \(agreement.title), \(agreement.status.rawValue)")

        _ = try await calling { () async throws(RPCError) in try await client.createList(Corridor_V1_CreateListRequest(list: DemoWorld.list), timeout: timeout) }
        let selection = try await calling { () async throws(RPCError) in
            try await client.selectList(Corridor_V1_SelectListRequest(listID: DemoWorld.listID, policyVersion: "", asOf: today), timeout: timeout)
        }
        _ = try await calling { () async throws(RPCError) in try await client.submitList(Corridor_V1_ListActionRequest(listID: DemoWorld.listID, reason: ""), timeout: timeout) }
        var list = selection.list ?? DemoWorld.list
        for party in DemoWorld.approvers {
            list = try await calling { () async throws(RPCError) in
                try await client.approveList(Corridor_V1_ApproveListRequest(listID: DemoWorld.listID, partyID: party), timeout: timeout)
            }
        }
        let listed = list.entries.filter { $0.state == .active }.sorted { $0.rank < $1.rank }.map(\.caseID)
        say("  list \(list.id): \(listed.count) of \(selection.considered) waiting cases selected, submitted, \(list.status.rawValue) by \(list.approvedBy.joined(separator: ", "))")

        let carried = Array(listed.prefix(DemoWorld.firstBatch))
        let passengers = carried.enumerated().map { index, id in
            Movement.Passenger(caseID: id, destinationSiteID: DemoWorld.hospitals[index % DemoWorld.hospitals.count].id)
        }
        _ = try await calling { () async throws(RPCError) in
            try await client.planMovement(Corridor_V1_PlanMovementRequest(movement: Movement(
                id: DemoWorld.movementID, kind: .evacuation, agreementID: DemoWorld.agreementID, listID: DemoWorld.listID,
                originSiteID: DemoWorld.enclave.id, crossingSiteID: DemoWorld.crossing.id,
                destinationSiteIDs: Array(Set(passengers.map(\.destinationSiteID))).sorted(),
                vehicles: [.init(kind: .ambulance, count: 1)], passengers: passengers)), timeout: timeout)
        }
        for status in [Movement.Status.notified, .departed, .arrived, .completed] {
            _ = try await calling { () async throws(RPCError) in
                try await client.setMovementStatus(Corridor_V1_SetMovementStatusRequest(movementID: DemoWorld.movementID, status: status), timeout: timeout)
            }
        }
        say("  movement \(DemoWorld.movementID): 1 ambulance, \(carried.count) cases through \(DemoWorld.crossing.id), COMPLETED")

        let progressReport = try await calling { () async throws(RPCError) in
            try await client.recordFulfilment(Corridor_V1_RecordFulfilmentRequest(
                agreementID: DemoWorld.agreementID, termID: DemoWorld.releasesTermID, count: DemoWorld.detainees, date: today,
                reason: "the armed group released its detainees"), timeout: timeout)
        }
        let evacuations = progressReport.terms.first { $0.term?.measure == .evacuations }
        let releases = progressReport.terms.first { $0.term?.measure == .detaineeReleases }
        say("  progress: \(evacuations?.done ?? 0) of \(evacuations?.target ?? 0) evacuations, \(releases?.done ?? 0) of \(releases?.target ?? 0) releases")

        let tryNext = [
            "corridorctl list show \(DemoWorld.listID)",
            "corridorctl agreement progress \(DemoWorld.agreementID)",
            "corridorctl figure compare --subject \(DemoWorld.enclave.id) --measure needing_evacuation",
            "corridorctl report waiting --site \(DemoWorld.enclave.id)",
            "corridorctl movement show \(DemoWorld.movementID)",
            "corridorctl history \(caseIDs.first ?? "")",
        ]
        if json {
            // What was loaded, ids to try the other commands on: cli.proto's DemoSummary.
            printJSON(Corridor_V1_DemoSummary(
                parties: DemoWorld.parties.map(\.id), sites: DemoWorld.sites.map(\.id), cases: UInt32(clamping: caseIDs.count), figures: figureIDs,
                agreement: DemoWorld.agreementID, list: DemoWorld.listID, listStatus: Corridor_V1_EvacuationList.Status(list.status), listed: listed,
                window: window.id, movement: DemoWorld.movementID, evacuated: carried,
                evacuationsDone: evacuations?.done ?? 0, evacuationsTarget: evacuations?.target ?? 0, tryNext: tryNext))
        } else {
            say("Loaded. Try next:")
            for line in tryNext { say("  \(line)") }
        }
    }

    static func today() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}

/// The demo will not load: printed as the error, exit status 1.
struct DemoRefusal: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// Scenario 1, "twenty-nine for twenty-nine", end to end against a spawned
/// corridord, every "Then" checked. The data is in Scenario1Fixture.swift.
@Suite("Scenario 1: twenty-nine for twenty-nine")
struct Scenario1Tests {
    /// What a client can observe of the scenario's records, for comparing
    /// before and after a restart.
    struct Observation: Equatable {
        var parties: [Party]
        var sites: [Site]
        var cases: [CaseView]
        var list: ListSummary
        var lists: Corridor_V1_ListListsResponse
        var listVersions: [ListVersion]
        var leftOut: LeftOutResponse
        var agreement: Agreement
        var progress: AgreementProgress
        var figures: [CompareFiguresResponse]
        var deaths: DeathsWhileWaitingResponse
        var windows: Corridor_V1_ListWindowsResponse
        var infantHistory: [RecordedEvent]
        var lastSequence: UInt64
    }

    static func observe(_ daemon: ScenarioDaemon, infantID: String) async throws -> Observation {
        let client = daemon.client
        let list = try await client.getList(Corridor_V1_GetRequest(id: Scenario1.listID))
        var versions: [ListVersion] = []
        for version in 1...max(1, list.list?.version ?? 1) {
            versions.append(try await client.getListVersion(Corridor_V1_GetListVersionRequest(listID: Scenario1.listID, version: version)))
        }
        var figures: [CompareFiguresResponse] = []
        for measure in [Figure.Measure.population, .children, .needingEvacuation] {
            figures.append(try await client.compareFigures(Corridor_V1_CompareFiguresRequest(subjectID: Scenario1.enclave.id, measure: measure)))
        }
        return Observation(
            parties: try await client.parties(),
            sites: try await client.sites(),
            cases: try await allCases(client),
            list: list,
            lists: try await client.listLists(Corridor_V1_ListListsRequest()),
            listVersions: versions,
            leftOut: try await client.leftOut(Corridor_V1_LeftOutRequest(listID: Scenario1.listID, limit: 0, offset: 0)),
            agreement: try await client.getAgreement(Corridor_V1_GetRequest(id: Scenario1.agreementID)),
            progress: try await client.getAgreementProgress(Corridor_V1_GetRequest(id: Scenario1.agreementID)),
            figures: figures,
            deaths: try await client.deathsWhileWaiting(Corridor_V1_DeathsWhileWaitingRequest(siteID: Scenario1.enclave.id, from: "", to: "")),
            windows: try await client.listWindows(Corridor_V1_ListWindowsRequest(siteID: Scenario1.crossing.id)),
            infantHistory: try await client.history(of: infantID),
            lastSequence: try await daemon.lastSequence()
        )
    }

    /// Records the agreement and brings it to AGREED (step 1).
    static func recordAgreement(_ client: CorridorClient, date: String) async throws -> Agreement {
        var agreement = try await client.recordAgreement(Corridor_V1_RecordAgreementRequest(agreement: Scenario1.agreement))
        if agreement.status != .agreed {
            agreement = try await client.setAgreementStatus(Corridor_V1_SetAgreementStatusRequest(agreementID: Scenario1.agreementID, status: .agreed, date: date))
        }
        return agreement
    }

    /// [done, target] of one term.
    static func progress(_ progress: AgreementProgress, _ termID: String) -> [UInt32] {
        progress.terms.first { $0.term?.id == termID }.map { [$0.done, $0.target] } ?? []
    }

    /// The watch and restart "Then"s on the records every corridord keeps
    /// (parties, sites, cases and their status): the scenario's Given as the
    /// steps, a disconnect in the middle and a SIGTERM restart later.
    @Test("a watch started first sees every event once, across a disconnect and a restart, and a restart changes nothing")
    func watchAcrossDisconnectAndRestart() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await ScenarioDaemon.start(socket: scratch.file("d.sock"), data: scratch.file("data"), in: scratch)
        defer { daemon.kill() }
        let tape = EventTape(startAfter: try await daemon.lastSequence())
        var follower = try await TapeFollower.follow(tape, socket: daemon.socket)

        for party in Scenario1.parties { _ = try await daemon.client.registerParty(party) }
        for site in Scenario1.sites { _ = try await daemon.client.registerSite(site) }
        let records = Scenario1.cases()
        let half = records.count / 2
        var ids: [String] = []
        for record in records[..<half] { ids.append(try #require(try await daemon.client.registerCase(record).case?.id)) }
        _ = try await daemon.client.setCaseStatus(ids[0], to: .deceased, date: ScenarioClock.day(), reason: Scenario1.deathReason)
        let middle = try await daemon.lastSequence()
        try await tape.waitUntil(middle)
        await follower.disconnect()
        follower = try await TapeFollower.follow(tape, socket: daemon.socket)
        for record in records[half...] { ids.append(try #require(try await daemon.client.registerCase(record).case?.id)) }
        let beforeRestart = try await daemon.lastSequence()

        let before = (try await daemon.client.parties(), try await daemon.client.sites(), try await allCases(daemon.client),
                      try await daemon.client.history(of: ids[0]))
        try await tape.waitUntil(beforeRestart)
        // An open watch is a call in flight: corridord would wait out its
        // drain bound for it on SIGTERM. The watch disconnects first and
        // resumes after, from its last sequence number.
        await follower.disconnect()
        try await daemon.restart()
        let after = (try await daemon.client.parties(), try await daemon.client.sites(), try await allCases(daemon.client),
                     try await daemon.client.history(of: ids[0]))
        #expect(before.0 == after.0)
        #expect(before.1 == after.1)
        #expect(before.2 == after.2)
        #expect(before.3 == after.3)
        #expect(try await daemon.lastSequence() == beforeRestart)
        follower = try await TapeFollower.follow(tape, socket: daemon.socket)

        _ = try await daemon.client.setCaseStatus(ids[1], to: .withdrawn, reason: "left by other means")
        let last = try await daemon.lastSequence()
        try await tape.waitUntil(last)
        await follower.disconnect()

        let seen = await tape.events
        let reference = try await collectEvents(from: tape.startAfter + 1, through: last, client: daemon.client)
        #expect(reference.count == Scenario1.parties.count + Scenario1.sites.count + records.count + 2)
        #expect(seen.map(\.sequence) == reference.map(\.sequence))
        #expect(seen == reference)
        // The death's history: registered WAITING, then DECEASED with who and when.
        let history = after.3
        #expect(history.first?.event?.caseRegistered?.case?.status == .waiting)
        let death = history.compactMap { $0.event?.caseStatusChanged }
        #expect(death.map { [$0.from, $0.to] } == [[.waiting, .deceased]])
        #expect(history.last?.event?.actor?.uid == getuid())
        #expect(history.last?.event?.reason == Scenario1.deathReason)
        await daemon.stop()
    }

    @Test("the Given, steps 1-6 and every Then, with a watch across a disconnect and a restart after step 4")
    func twentyNineForTwentyNine() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let today = ScenarioClock.day()
        let daemon = try await ScenarioDaemon.start(socket: scratch.file("d.sock"), data: scratch.file("data"), in: scratch)
        defer { daemon.kill() }

        // MARK: Given: parties, sites, 500 cases
        for party in Scenario1.parties { _ = try await daemon.client.registerParty(party) }
        for site in Scenario1.sites { _ = try await daemon.client.registerSite(site) }
        var registered: [Case] = []
        for record in Scenario1.cases() {
            registered.append(try #require(try await daemon.client.registerCase(record).case))
        }
        let infantID = registered[0].id
        #expect(registered[0].ageMonths == Scenario1.infantAgeMonths && registered[0].precedence == .urgent)
        #expect(registered.filter { $0.precedence == .urgent }.count >= Scenario1.minimumUrgent)
        #expect(registered.filter { $0.precedence == .urgent && $0.ageMonths < 216 }.count == Scenario1.urgentChildren)
        #expect(registered.filter { $0.precedence == .urgent && $0.ageMonths >= 216 && $0.sex == .female }.count == Scenario1.urgentWomen)
        #expect(registered.filter { $0.precedence == .urgent }.allSatisfy { !$0.conditions.isEmpty && Set($0.conditions).isSubset(of: Scenario1.urgentConditions) })
        #expect(registered.allSatisfy { $0.status == .waiting && $0.consentGiven && $0.siteID == Scenario1.enclave.id })
        let expectedOrder = Scenario1.defaultOrder(registered).map(\.id)
        let quota = Int(Scenario1.quota)

        // A twin of this state for "identical when selected again from the
        // same state": the daemon stops, its data directory is copied, and
        // later a second corridord on the copy selects too.
        await daemon.stop()
        try copyDirectory(daemon.data, to: scratch.file("twin-data"))
        try await daemon.startAgain()
        #expect(try await allCases(daemon.client).count == Scenario1.caseCount)

        // MARK: Given: figures and (see the fixture) a window at the crossing
        for figure in Scenario1.figures(asOf: today) {
            _ = try await daemon.client.reportFigure(Corridor_V1_ReportFigureRequest(figure: figure))
        }
        let dayMs: UInt64 = 86_400_000
        _ = try await daemon.client.announceWindow(Corridor_V1_AnnounceWindowRequest(
            window: Scenario1.window(fromMs: ScenarioClock.nowMs - dayMs, untilMs: ScenarioClock.nowMs + 7 * dayMs)))

        // MARK: A watch started before step 1
        let tape = EventTape(startAfter: try await daemon.lastSequence())
        var follower = try await TapeFollower.follow(tape, socket: daemon.socket)
        var stepEnds: [UInt64] = []

        // MARK: Step 1: the agreement, AGREED
        let agreement = try await Self.recordAgreement(daemon.client, date: today)
        #expect(agreement.status == .agreed)
        stepEnds.append(try await daemon.lastSequence())

        // MARK: Step 2: the list selected (quota 29, no rule), submitted, approved
        let created = try await daemon.client.createList(Corridor_V1_CreateListRequest(list: Scenario1.list))
        #expect(created.status == .draft)
        #expect(Set(created.requiredApprovals) == Set(Scenario1.approvers), "required approvals \(created.requiredApprovals)")
        let selection = try await daemon.client.selectList(Corridor_V1_SelectListRequest(listID: Scenario1.listID, policyVersion: "", asOf: today))
        let selected = try #require(selection.list)
        #expect(selected.selectedAsOf == today)
        #expect(selection.considered == UInt32(Scenario1.caseCount))
        // Then: the 29 highest in the default order…
        #expect(selected.entries.map(\.caseID) == Array(expectedOrder.prefix(quota)))
        #expect(selected.entries.map(\.rank) == (1...UInt32(quota)).map { $0 })
        #expect(selected.entries.allSatisfy { $0.state == .active })
        // …each entry explains its rank.
        let byID = Dictionary(uniqueKeysWithValues: registered.map { ($0.id, $0) })
        for entry in selected.entries {
            let record = try #require(byID[entry.caseID])
            #expect(entry.explanation.contains(record.precedence.rawValue), "rank \(entry.rank) \(entry.caseID): \"\(entry.explanation)\"")
        }
        #expect(selected.entries.first?.explanation.contains("infant") == true, "\(selected.entries.first?.explanation ?? "")")
        for id in expectedOrder.prefix(quota) {
            #expect(try await daemon.client.caseView(id).case?.status == .listed, "\(id)")
        }
        #expect(try await daemon.client.caseView(expectedOrder[quota]).case?.status == .waiting)

        // …identical when selected again from the same state.
        do {
            let twin = try await ScenarioDaemon.start(socket: scratch.file("t.sock"), data: scratch.file("twin-data"), in: scratch)
            defer { twin.kill() }
            _ = try await Self.recordAgreement(twin.client, date: today)
            _ = try await twin.client.createList(Corridor_V1_CreateListRequest(list: Scenario1.list))
            let again = try await twin.client.selectList(Corridor_V1_SelectListRequest(listID: Scenario1.listID, policyVersion: "", asOf: today))
            let twinEntries = try #require(again.list).entries
            #expect(Corridor_V1_CreateListRequest(list: EvacuationList(entries: twinEntries)).serializedBytes()
                == Corridor_V1_CreateListRequest(list: EvacuationList(entries: selected.entries)).serializedBytes(),
                "the same state selected a different list:\n\(twinEntries)\nvs\n\(selected.entries)")
            #expect(again.leftOut == selection.leftOut)
            #expect(again.list?.policyVersion == selected.policyVersion)
            await twin.stop()
        }

        let submitted = try await daemon.client.submitList(Corridor_V1_ListActionRequest(listID: Scenario1.listID, reason: ""))
        #expect(submitted.status == .submitted)
        var approved = submitted
        for party in Scenario1.approvers {
            approved = try await daemon.client.approveList(Corridor_V1_ApproveListRequest(listID: Scenario1.listID, partyID: party))
        }
        #expect(approved.status == .approved)
        #expect(Set(approved.approvedBy) == Set(Scenario1.approvers))
        let approvedVersion = approved.version
        stepEnds.append(try await daemon.lastSequence())

        // MARK: Step 3: the infant dies before any movement
        _ = try await daemon.client.setCaseStatus(infantID, to: .deceased, date: today, reason: Scenario1.deathReason)
        // Then: 1 death while waiting, on the list and at the site.
        let deaths = try await daemon.client.deathsWhileWaiting(Corridor_V1_DeathsWhileWaitingRequest(siteID: Scenario1.enclave.id, from: "", to: ""))
        #expect(deaths.total == 1)
        #expect(deaths.sites.map(\.siteID) == [Scenario1.enclave.id])
        #expect(deaths.sites.first?.count == 1)
        #expect(deaths.sites.first?.caseIDs == [infantID])
        let afterDeath = try await daemon.client.getList(Corridor_V1_GetRequest(id: Scenario1.listID))
        #expect(afterDeath.died == 1)
        let droppedList = try #require(afterDeath.list)
        #expect(droppedList.version == approvedVersion + 1)
        #expect(droppedList.entries.first { $0.caseID == infantID }?.state == .dropped)
        #expect(droppedList.entries.filter { $0.state == .active }.count == quota - 1)
        stepEnds.append(try await daemon.lastSequence())

        // The watch disconnects after step 3, and resumes from its last sequence number.
        try await tape.waitUntil(stepEnds[2])
        await follower.disconnect()
        follower = try await TapeFollower.follow(tape, socket: daemon.socket)

        // MARK: Step 4: topped up to 29 from the next case in rank
        let toppedUp = try await daemon.client.topUpList(Corridor_V1_ListActionRequest(listID: Scenario1.listID, reason: "the infant died"))
        let active = toppedUp.entries.filter { $0.state == .active }
        #expect(active.count == quota)
        #expect(Set(active.map(\.caseID)) == Set(expectedOrder[1...quota]))
        #expect(active.contains { $0.caseID == expectedOrder[quota] && $0.addedInVersion == toppedUp.version })
        #expect(toppedUp.version > droppedList.version)
        #expect(try await daemon.client.caseView(expectedOrder[quota]).case?.status == .listed)
        // The list keeps its history: the approved version still has the infant, active.
        let approvedEntries = try await daemon.client.getListVersion(Corridor_V1_GetListVersionRequest(listID: Scenario1.listID, version: approvedVersion)).entries
        #expect(approvedEntries.map(\.caseID) == Array(expectedOrder.prefix(quota)))
        #expect(approvedEntries.first { $0.caseID == infantID }?.state == .active)
        #expect(toppedUp.entries.first { $0.caseID == infantID }?.state == .dropped)
        let diff = try await daemon.client.diffList(Corridor_V1_DiffListRequest(listID: Scenario1.listID, fromVersion: approvedVersion, toVersion: toppedUp.version))
        #expect(diff.changes.contains { $0.caseID == infantID && $0.fromState == .active && $0.toState == .dropped }, "\(diff.changes)")
        #expect(diff.changes.contains { $0.caseID == expectedOrder[quota] && $0.change == "ADDED" }, "\(diff.changes)")
        stepEnds.append(try await daemon.lastSequence())

        // MARK: SIGTERM after step 4 and a new start change nothing a client can observe
        let before = try await Self.observe(daemon, infantID: infantID)
        try await tape.waitUntil(stepEnds[3])
        // An open watch is a call in flight, which corridord's shutdown waits
        // for up to its drain bound: the watch disconnects first and resumes after.
        await follower.disconnect()
        try await daemon.restart()
        let after = try await Self.observe(daemon, infantID: infantID)
        #expect(before == after)
        if before != after {
            for (label, same) in [
                ("parties", before.parties == after.parties), ("sites", before.sites == after.sites),
                ("cases", before.cases == after.cases), ("list", before.list == after.list),
                ("list versions", before.listVersions == after.listVersions), ("left out", before.leftOut == after.leftOut),
                ("agreement", before.agreement == after.agreement), ("progress", before.progress == after.progress),
                ("figures", before.figures == after.figures), ("deaths", before.deaths == after.deaths),
                ("windows", before.windows == after.windows), ("history", before.infantHistory == after.infantHistory),
                ("sequence", before.lastSequence == after.lastSequence),
            ] where !same {
                Issue.record("after the restart, \(label) differ")
            }
        }
        follower = try await TapeFollower.follow(tape, socket: daemon.socket)

        // MARK: Step 5: day 1, 4 cases in 1 ambulance; the releases recorded
        var remaining = active.sorted { $0.rank < $1.rank }.map(\.caseID)
        var evacuated: [String] = []
        func move(_ batch: Scenario1.Batch) async throws {
            let passengers = remaining.prefix(batch.size).enumerated().map { index, id in
                Movement.Passenger(caseID: id, destinationSiteID: Scenario1.hospitals[index % Scenario1.hospitals.count].id)
            }
            remaining.removeFirst(batch.size)
            let planned = try await daemon.client.planMovement(Corridor_V1_PlanMovementRequest(movement: Movement(
                id: batch.id, kind: .evacuation, agreementID: Scenario1.agreementID, listID: Scenario1.listID,
                originSiteID: Scenario1.enclave.id, crossingSiteID: Scenario1.crossing.id,
                destinationSiteIDs: Array(Set(passengers.map(\.destinationSiteID))).sorted(),
                vehicles: batch.vehicles, passengers: passengers)))
            #expect(planned.status == .planned)
            for passenger in passengers {
                #expect(try await daemon.client.caseView(passenger.caseID).case?.status == .scheduled, "\(passenger.caseID)")
            }
            for status in [Movement.Status.notified, .departed, .arrived, .completed] {
                let moved = try await daemon.client.setMovementStatus(Corridor_V1_SetMovementStatusRequest(movementID: batch.id, status: status))
                #expect(moved.status == status)
                #expect(moved.departureOverride.isEmpty)
                if status == .departed, let first = passengers.first {
                    #expect(try await daemon.client.caseView(first.caseID).case?.status == .inTransit, "\(first.caseID)")
                }
            }
            let transitions = try await daemon.client.history(of: batch.id).compactMap { $0.event?.movementStatusChanged }.map { [$0.from, $0.to] }
            #expect(transitions == [[.planned, .notified], [.notified, .departed], [.departed, .arrived], [.arrived, .completed]])
            for passenger in passengers {
                #expect(try await daemon.client.caseView(passenger.caseID).case?.status == .evacuated, "\(passenger.caseID)")
            }
            evacuated += passengers.map(\.caseID)
        }
        try await move(Scenario1.batches[0])
        _ = try await daemon.client.recordFulfilment(Corridor_V1_RecordFulfilmentRequest(
            agreementID: Scenario1.agreementID, termID: Scenario1.releasesTermID, count: Scenario1.detainees, date: today,
            reason: "the armed group released its detainees"))
        // Then: 4 of 29 evacuations, 29 of 29 releases.
        let dayOne = try await daemon.client.getAgreementProgress(Corridor_V1_GetRequest(id: Scenario1.agreementID))
        #expect(Self.progress(dayOne, Scenario1.evacuationsTermID) == [UInt32(Scenario1.batches[0].size), Scenario1.quota])
        #expect(Self.progress(dayOne, Scenario1.releasesTermID) == [Scenario1.detainees, Scenario1.detainees])
        #expect(!dayOne.allMet)
        // …and the agreement cannot be COMPLETED yet.
        if try await daemon.client.getAgreement(Corridor_V1_GetRequest(id: Scenario1.agreementID)).status == .agreed {
            _ = try await daemon.client.setAgreementStatus(Corridor_V1_SetAgreementStatusRequest(agreementID: Scenario1.agreementID, status: .implementing, date: today))
        }
        let early = await refusal("completing the agreement after day 1") { () async throws(RPCError) -> Agreement in
            try await daemon.client.setAgreementStatus(Corridor_V1_SetAgreementStatusRequest(agreementID: Scenario1.agreementID, status: .completed))
        }
        #expect(early?.code == .failedPrecondition, "\(String(describing: early))")
        #expect(early?.message.contains(Scenario1.evacuationsTermID) == true, "\(String(describing: early))")
        stepEnds.append(try await daemon.lastSequence())

        // MARK: Step 6: days 2-3 carry the remaining 25
        for batch in Scenario1.batches.dropFirst() { try await move(batch) }
        #expect(remaining.isEmpty)
        #expect(Set(evacuated) == Set(active.map(\.caseID)))
        let done = try await daemon.client.getAgreementProgress(Corridor_V1_GetRequest(id: Scenario1.agreementID))
        #expect(Self.progress(done, Scenario1.evacuationsTermID) == [Scenario1.quota, Scenario1.quota])
        #expect(Self.progress(done, Scenario1.releasesTermID) == [Scenario1.detainees, Scenario1.detainees])
        #expect(done.allMet)
        let completed = try await daemon.client.setAgreementStatus(Corridor_V1_SetAgreementStatusRequest(
            agreementID: Scenario1.agreementID, status: .completed, reason: "every term met"))
        #expect(completed.status == .completed)
        stepEnds.append(try await daemon.lastSequence())

        // MARK: Then: the infant's history, WAITING → LISTED → DECEASED with actors and times
        let history = try await daemon.client.history(of: infantID)
        let statusChanges = history.compactMap { entry in entry.event?.caseStatusChanged.map { (entry, $0) } }
            .filter { $0.1.caseID == infantID }
        #expect(statusChanges.map { [$0.1.from, $0.1.to] } == [[.waiting, .listed], [.listed, .deceased]])
        #expect(history.first?.event?.caseRegistered?.case?.status == .waiting)
        for (entry, _) in statusChanges {
            let actor = try #require(entry.event?.actor, "no actor on \(entry)")
            #expect(actor.uid == getuid())
            #expect(!actor.userName.isEmpty)
            #expect(entry.event!.atMs > 0 && entry.recordedAtNs > 0)
        }
        #expect(statusChanges.map(\.0.sequence) == statusChanges.map(\.0.sequence).sorted())
        #expect(statusChanges.last?.0.event?.reason == Scenario1.deathReason)

        // MARK: Then: "around 500" beside the registry's count of cases still waiting
        let comparison = try await daemon.client.compareFigures(Corridor_V1_CompareFiguresRequest(subjectID: Scenario1.enclave.id, measure: Figure.Measure.needingEvacuation))
        #expect(comparison.claims.contains {
            $0.sourcePartyIDs == [Scenario1.un.id] && $0.qualifier == .about && $0.low == Scenario1.needingEvacuation
        }, "\(comparison.claims)")
        let stillWaiting = try await allCases(daemon.client, siteID: Scenario1.enclave.id).filter { $0.case?.status.isWaiting == true }.count
        #expect(stillWaiting == Scenario1.caseCount - 1 - Int(Scenario1.quota))
        #expect(comparison.registryCounts)
        #expect(comparison.registryCount == UInt64(stillWaiting))

        // MARK: Then: the watch saw every event of steps 1-6, in order, exactly once
        let last = stepEnds.last!
        try await tape.waitUntil(last)
        await follower.disconnect()
        let seen = await tape.events.filter { $0.sequence <= last }
        let reference = try await collectEvents(from: tape.startAfter + 1, through: last, client: daemon.client)
        #expect(reference.first?.sequence == tape.startAfter + 1)
        #expect(reference.last?.sequence == last)
        #expect(seen.map(\.sequence) == reference.map(\.sequence), "the watch saw \(seen.map(\.sequence)); the log holds \(reference.map(\.sequence))")
        #expect(seen == reference)
        #expect(Set(seen.map(\.sequence)).count == seen.count, "duplicates")
        // Each step's events are there.
        var start = tape.startAfter
        let expectedKinds: [[String]] = [
            ["agreementRecorded"],
            ["listCreated", "listSelected", "listSubmitted", "listApproved", "caseStatusChanged"],
            ["caseStatusChanged", "listEntryDropped"],
            ["listToppedUp", "caseStatusChanged"],
            ["movementPlanned", "movementStatusChanged", "caseStatusChanged", "fulfilmentRecorded"],
            ["movementPlanned", "movementStatusChanged", "caseStatusChanged", "agreementStatusChanged"],
        ]
        for (step, end) in stepEnds.enumerated() {
            let kinds = Set(seen.filter { $0.sequence > start && $0.sequence <= end }.map(kindName))
            #expect(Set(expectedKinds[step]).isSubset(of: kinds), "step \(step + 1) events: \(kinds.sorted())")
            start = end
        }
        let selectedToListed = seen.compactMap { $0.event?.caseStatusChanged }.filter { $0.from == .waiting && $0.to == .listed }
        #expect(selectedToListed.count == quota + 1)  // the selection's 29 and the top-up's one

        await daemon.stop()
    }
}

@testable import CorridorRegistry
import CorridorModel
import CorridorTimeZones
import CorridorWire
import Testing

// The world of scenario 2 (a convoy under fire) on top of `World`: a daily
// pause at the crossing, convoys and evacuations, and lists, rules and
// agreements made by committing their events directly (their commands are
// another area's work).

enum Corridor {
    static let zone = "Asia/Damascus"

    /// Unix milliseconds of a local time in Damascus (or with an offset).
    static func ms(_ local: String, zone: String = zone) -> UInt64 {
        try! LocalTimestamp.parse(local, timeZone: zone).get()
    }

    /// The daily humanitarian pause of scenario 2: 09:00-14:00 at the crossing for 30 days.
    static let pause = AccessWindow(
        id: "pause-1", name: "Daily humanitarian pause", kind: .humanitarianPause, siteIDs: ["wafideen"], announcedBy: "gov",
        daily: .init(startTime: "09:00", endTime: "14:00", timeZone: zone, firstDate: "2026-11-01", lastDate: "2026-11-30")
    )

    /// 13 trucks to Douma: food parcels, flour and medical kits serving 12,000 people.
    static func convoy(id: String = "convoy-1", agreement: String = "", plannedDeparture: UInt64 = 0) -> Movement {
        Movement(
            id: id, kind: .aidConvoy, agreementID: agreement, originSiteID: "damascus", crossingSiteID: "wafideen",
            destinationSiteIDs: ["douma"], vehicles: [.init(kind: .truck, count: 13)], plannedDepartureMs: plannedDeparture,
            cargo: [
                .init(item: "food parcels", category: .food, quantity: 5000, unit: "parcels", peopleServed: 8000),
                .init(item: "wheat flour", category: .food, quantity: 40, unit: "tonnes", peopleServed: 3000),
                .init(item: "medical kits", category: .medical, quantity: 100, unit: "kits", peopleServed: 1000),
            ]
        )
    }

    /// Buses and ambulances from the hospital to Damascus.
    static func evacuation(id: String = "evac-1", list: String = "", agreement: String = "", passengers: [Movement.Passenger] = []) -> Movement {
        Movement(
            id: id, kind: .evacuation, agreementID: agreement, listID: list, originSiteID: "douma-hospital", crossingSiteID: "wafideen",
            destinationSiteIDs: ["damascus", "douma-shelter"], vehicles: [.init(kind: .ambulance, count: 2), .init(kind: .bus, count: 1)],
            passengers: passengers
        )
    }

    /// The world, the pause, and the registry ready.
    static func seed(_ registry: Registry, pause: Bool = true) async throws {
        try await World.seed(registry)
        if pause { _ = try await registry.announceWindow(Self.pause, actor: registrar) }
    }

    /// Registers `count` patients and puts them LISTED on an APPROVED list (and its rules).
    @discardableResult
    static func listed(
        _ registry: Registry, count: Int, list: String = "list-1", agreement: String = "", rules: [EligibilityRule] = [],
        patients: [Case]? = nil, status: EvacuationList.Status = .approved
    ) async throws -> [String] {
        var ids: [String] = []
        for patient in patients ?? Array(repeating: World.patient(), count: count) {
            let view = try await registry.registerCase(patient, personal: nil, actor: registrar)
            ids.append(try #require(view.case?.id))
        }
        var events: [EventKind] = rules.map { .ruleImposed(RuleImposed(rule: $0)) }
        let entries = ids.enumerated().map { ListEntry(rank: UInt32($0.offset + 1), caseID: $0.element, state: .active, addedInVersion: 1) }
        events.append(.listCreated(ListCreated(list: EvacuationList(
            id: list, title: "Medical list", agreementID: agreement, originSiteID: "douma-hospital", quota: 50,
            ruleIDs: rules.map(\.id), status: status, entries: entries, version: 1
        ))))
        events += ids.map { .caseStatusChanged(CaseStatusChanged(caseID: $0, from: .waiting, to: .listed, date: "2026-11-20")) }
        try await registry.commit(events, actor: registrar)
        return ids
    }

    static func agree(_ registry: Registry, id: String = "agr-1", status: Agreement.Status = .agreed) async throws {
        let agreement = Agreement(id: id, title: "Four towns", parties: [.init(partyID: "gov", role: .party)], agreedOn: "2026-11-01", status: status)
        try await registry.commit([.agreementRecorded(AgreementRecorded(agreement: agreement))], actor: registrar)
    }

    static func status(_ registry: Registry, _ id: String, _ status: Movement.Status, at: String = "", zone: String = "", override: String = "", reason: String = "") async throws -> Movement {
        try await registry.setMovementStatus(
            movementID: id, status: status, at: at, timeZone: zone.isEmpty && !at.isEmpty && !at.hasSuffix("Z") ? Self.zone : zone, overrideReason: override, reason: reason,
            actor: registrar
        )
    }

    /// PLANNED → NOTIFIED → DEPARTED at 10:15 on 2026-11-21 (in the pause).
    static func depart(_ registry: Registry, _ id: String, at: String = "2026-11-21T10:15") async throws -> Movement {
        _ = try await status(registry, id, .notified)
        return try await status(registry, id, .departed, at: at)
    }

    static func caseStatus(_ registry: Registry, _ id: String) async -> Case.Status? {
        await registry.currentState.cases[id]?.status
    }
}

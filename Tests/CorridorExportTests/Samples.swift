import CorridorExport
import CorridorModel
import CorridorWire

/// Records built by hand, as the registry would answer them.
enum Samples {
    /// 2026-11-21T10:15:00Z
    static let morning: UInt64 = 1_795_256_100_000

    static let personal = CasePersonal(
        name: "Layla Haddad", dateOfBirth: "2026-05-09", contacts: ["+963 11 555 0101"], identityNumbers: ["NID-778899"],
        clinicalNotes: "congenital heart defect, needs oxygen"
    )

    static let infant = CaseView(
        case: Case(
            id: "C-000001", siteID: "douma-hospital", ageMonths: 6, sex: .female, precedence: .urgent,
            conditions: [.heartDisease, .bloodDisease], needs: [.oxygen, .incubator], consentGiven: true, status: .waiting,
            registeredAtMs: morning, originSiteID: "douma-hospital", fieldRegisteredOn: "2026-10-11"
        ),
        personal: personal, daysWaiting: 41
    )

    static let mother = CaseView(
        case: Case(
            id: "msf-17", siteID: "douma-hospital", ageMonths: 29 * 12, sex: .female, precedence: .priority,
            consentGiven: true, companionIDs: ["C-000001"], pregnant: true, status: .deceased, registeredAtMs: morning + 1,
            statusReason: "died at home, Layla's mother said", statusDate: "2026-11-30", originSiteID: "ghouta"
        ),
        personal: CasePersonal(name: "Rima Haddad", dateOfBirth: "1997-01-02", identityNumbers: ["NID-112233"]), daysWaiting: 0
    )

    static let cases = [infant, mother]

    static let list = ListSummary(
        list: EvacuationList(
            id: "l-29-for-29", title: "Twenty-nine, \"first\" list", agreementID: "a-29", originSiteID: "ghouta", quota: 29,
            companionsCount: false, status: .approved, policyVersion: "priority-v1", requiredApprovals: ["gov", "jaish"],
            approvedBy: ["gov", "jaish"],
            entries: [
                ListEntry(rank: 1, caseID: "C-000001", explanation: "URGENT; infant 6 months; waiting 41 days", companionIDs: ["msf-17"], state: .active, addedInVersion: 1),
                ListEntry(rank: 2, caseID: "C-000007", explanation: "URGENT, child 8 years", state: .struck, struckBy: "gov", reason: "security, \"review\"\nlater", addedInVersion: 1),
                ListEntry(rank: 3, caseID: "C-000030", explanation: "PRIORITY; waiting 12 days", state: .active, addedInVersion: 2,
                          companionsLeft: [.init(caseID: "C-000033", reason: "DECEASED on 2026-11-20: shelling")]),
            ],
            version: 2, createdAtMs: morning
        ),
        waiting: 2, evacuated: 0, struck: 1, placesTaken: 2
    )

    static let emptyList = ListSummary(list: EvacuationList(id: "l-empty", agreementID: "a-29", originSiteID: "ghouta", quota: 10, status: .draft, version: 1, createdAtMs: morning))

    /// Scenario 2's convoy: 13 trucks, 70% of the medical kits taken at the checkpoint.
    static let convoy = Movement(
        id: "m-convoy-1", kind: .aidConvoy, agreementID: "a-29", originSiteID: "damascus", crossingSiteID: "wafideen",
        destinationSiteIDs: ["douma"], vehicles: [Movement.Vehicles(kind: .truck, count: 13)],
        plannedDepartureMs: morning, departedAtMs: morning, arrivedAtMs: morning + 3 * 3_600_000, completedAtMs: morning + 5 * 3_600_000,
        status: .completed,
        cargo: [
            Movement.CargoLine(id: "1", item: "Food parcels", category: .food, quantity: 2_000, unit: "parcel", peopleServed: 10_000, delivered: 2_000, deliveryRecorded: true),
            Movement.CargoLine(id: "2", item: "Flour", category: .food, quantity: 40, unit: "tonne", peopleServed: 2_000, delivered: 40, deliveryRecorded: true),
            Movement.CargoLine(id: "3", item: "Medical kits, trauma", category: .medical, quantity: 100, unit: "kit", removed: 70, delivered: 30, deliveryRecorded: true),
        ],
        removals: [Movement.Removal(lineID: "3", quantity: 70, partyID: "gov", reason: "\"not authorised\" items", stage: .checkpoint, siteID: "wafideen", atMs: morning + 3_600_000)],
        incidents: [Movement.Incident(atMs: morning + 2 * 3_600_000, kind: .shelling, place: "near Douma", description: "shelling near the convoy, no injuries")]
    )

    static let evacuation = Movement(
        id: "m-evac-1", kind: .evacuation, agreementID: "a-29", listID: "l-29-for-29", originSiteID: "ghouta", crossingSiteID: "wafideen",
        destinationSiteIDs: ["damascus-hospital"], vehicles: [Movement.Vehicles(kind: .ambulance, count: 1)], plannedDepartureMs: morning,
        status: .planned,
        passengers: [
            Movement.Passenger(caseID: "C-000001", destinationSiteID: "damascus-hospital"),
            Movement.Passenger(caseID: "msf-17", destinationSiteID: "", removed: true, removedReason: "too ill to travel"),
            Movement.Passenger(caseID: "C-000030", destinationSiteID: "damascus-hospital", withoutCompanions: true,
                               companionsLeftReason: "her father is in intensive care", companionsLeft: ["C-000031"]),
            Movement.Passenger(caseID: "C-000032", destinationSiteID: "damascus-hospital", companionOf: "C-000001"),
        ]
    )

    static let movements = [convoy, evacuation]

    static let figures = [
        Figure(id: "F-000001", subjectKind: .site, subjectID: "ghouta", measure: .population, low: 400_000, high: 400_000, qualifier: .about,
               asOf: "2018-02-01", sourcePartyIDs: ["un-ocha"], reportedIn: "OCHA flash update, 1 Feb", recordedAtMs: morning),
        Figure(id: "F-000002", subjectKind: .site, subjectID: "ghouta", measure: .needingEvacuation, low: 500, high: 500, qualifier: .about,
               asOf: "2018-02-01", sourcePartyIDs: ["un-ocha"], reportedIn: "briefing", note: "urgent medical, \"around 500\"", recordedAtMs: morning),
        Figure(id: "F-000003", subjectKind: .namedEvent, subjectID: "the 2018-02 offensive", measure: .killed, low: 1_000, high: 1_200, qualifier: .moreThan,
               asOf: "2018-02-18", asOfEnd: "2018-03-01", sourcePartyIDs: ["sarc"], recordedAtMs: morning),
        // "Almost 600 killed", reported jointly.
        Figure(id: "F-000004", subjectKind: .site, subjectID: "ghouta", measure: .killed, low: 600, high: 600, qualifier: .almost,
               asOf: "2018-03-01", sourcePartyIDs: ["sarc", "un-ocha"], recordedAtMs: morning),
        Figure(id: "F-000005", subjectKind: .site, subjectID: "ghouta", measure: .woundedEvacuated, low: 112, high: 112, qualifier: .exact,
               asOf: "2018-03-20", sourcePartyIDs: ["sarc"], recordedAtMs: morning),
        Figure(id: "F-000006", subjectKind: .site, subjectID: "ghouta", measure: .fighters, low: 1_500, high: 2_000, qualifier: .exact,
               asOf: "2018-03-22", sourcePartyIDs: ["un-ocha"], recordedAtMs: morning),
        Figure(id: "F-000007", subjectKind: .site, subjectID: "ghouta", measure: .bodiesRecovered, low: 40, high: 40, qualifier: .atLeast,
               asOf: "2018-03-25", sourcePartyIDs: ["sarc"], recordedAtMs: morning),
    ]
}

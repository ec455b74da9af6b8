import CorridorClient
import Foundation
import CorridorTestSupport

// Scenario 1, "twenty-nine for twenty-nine" (shared/scenarios/1-twenty-nine-for-twenty-nine.md),
// as data. The scenario's numbers and names live here and nowhere else in the tests.

enum Scenario1 {
    // MARK: Given: parties

    static let government = Party(id: "gov", shortName: "Government", fullName: "The government", kind: .government)
    static let armedGroup = Party(id: "armed-group", shortName: "Armed group", fullName: "The armed group holding the enclave", kind: .armedGroup)
    static let redCrescent = Party(id: "src", shortName: "Red Crescent", fullName: "The national Red Crescent society", kind: .redCrossRedCrescent)
    static let icrc = Party(id: "icrc", shortName: "ICRC", fullName: "International Committee of the Red Cross", kind: .redCrossRedCrescent)
    static let medicalNGO = Party(id: "medical-ngo", shortName: "Medical NGO", fullName: "A medical NGO", kind: .ngo)
    static let un = Party(id: "un", shortName: "UN", fullName: "The United Nations", kind: .unAgency)
    static let parties = [government, armedGroup, redCrescent, icrc, medicalNGO, un]

    // MARK: Given: sites

    static let enclave = Site(
        id: "enclave", name: "The enclave", kind: .enclave, controlledBy: armedGroup.id,
        besiegedBy: [government.id], besiegedSince: "2013-04-01"
    )
    static let hospitals = (1...3).map { Site(id: "capital-hospital-\($0)", name: "Capital hospital \($0)", kind: .hospital, controlledBy: government.id) }
    static let crossing = Site(id: "crossing", name: "The crossing", kind: .crossing)
    static let sites = [enclave] + hospitals + [crossing]

    // MARK: Given: figures (source: the UN)

    static let population: UInt64 = 400_000
    static let children: UInt64 = 130_000
    /// "around 500"
    static let needingEvacuation: UInt64 = 500
    static func figures(asOf: String) -> [Figure] {
        [
            Figure(subjectKind: .site, subjectID: enclave.id, measure: .population, low: population, high: population,
                   qualifier: .about, asOf: asOf, sourcePartyIDs: [un.id], reportedIn: "UN situation report"),
            Figure(subjectKind: .site, subjectID: enclave.id, measure: .children, low: children, high: children,
                   qualifier: .about, asOf: asOf, sourcePartyIDs: [un.id], reportedIn: "UN situation report"),
            Figure(subjectKind: .site, subjectID: enclave.id, measure: .needingEvacuation, low: needingEvacuation, high: needingEvacuation,
                   qualifier: .about, asOf: asOf, sourcePartyIDs: [un.id], reportedIn: "UN situation report"),
        ]
    }

    // MARK: Given: the 500 cases

    static let caseCount = 500
    /// "at least 40 URGENT"
    static let minimumUrgent = 40
    static let urgentCount = 44
    static let urgentChildren = 18  // including the infant
    static let urgentWomen = 4
    static let urgentElderlyMen = 3
    static let infantAgeMonths: UInt32 = 6
    static let urgentConditions: [Case.Condition] = [.heartDisease, .cancer, .kidneyFailure, .bloodDisease, .needsSurgery]
    static let seed: UInt64 = 2_929

    /// The cases in the order they are registered. The URGENT infant comes
    /// first and the URGENT elderly last, so that "vulnerability" ranks them
    /// the same whether it is read as a category order (infant, child,
    /// elderly, pregnant) or as vulnerable-or-not: the scenario is about the
    /// whole flow, the finer points of the policy have their own tests.
    static func cases() -> [Case] {
        var random = SeededGenerator(seed: seed)
        func conditions(from pool: [Case.Condition]) -> [Case.Condition] {
            let count = Int.random(in: 1...2, using: &random)
            return Array(pool.shuffled(using: &random).prefix(count))
        }
        func urgent(age: UInt32, sex: Case.Sex) -> Case {
            Case(siteID: enclave.id, ageMonths: age, sex: sex, precedence: .urgent,
                 conditions: conditions(from: urgentConditions), consentGiven: true)
        }
        let infant = urgent(age: infantAgeMonths, sex: .female)
        var middle: [Case] = []
        for _ in 1..<urgentChildren {
            middle.append(urgent(age: UInt32.random(in: 12...215, using: &random), sex: Bool.random(using: &random) ? .female : .male))
        }
        for _ in 0..<urgentWomen {
            middle.append(urgent(age: UInt32.random(in: 216...779, using: &random), sex: .female))
        }
        let otherUrgentMen = urgentCount - urgentChildren - urgentWomen - urgentElderlyMen
        for _ in 0..<otherUrgentMen {
            middle.append(urgent(age: UInt32.random(in: 216...779, using: &random), sex: .male))
        }
        let others: [Case.Precedence] = [.urgentSurgical, .priority, .routine]
        let anyCondition = urgentConditions + [.trauma, .malnutrition, .other]
        for _ in 0..<(caseCount - urgentCount) {
            let precedence = others.randomElement(using: &random)!
            let sex: Case.Sex = Bool.random(using: &random) ? .female : .male
            let age = UInt32.random(in: 1...1_100, using: &random)
            let pregnant = sex == .female && age >= 216 && age < 540 && Int.random(in: 0..<10, using: &random) == 0
            middle.append(Case(siteID: enclave.id, ageMonths: age, sex: sex, precedence: precedence,
                               conditions: conditions(from: anyCondition), consentGiven: true, pregnant: pregnant))
        }
        middle.shuffle(using: &random)
        var elderly: [Case] = []
        for _ in 0..<urgentElderlyMen {
            elderly.append(urgent(age: UInt32.random(in: 780...1_000, using: &random), sex: .male))
        }
        return [infant] + middle + elderly
    }

    // MARK: The default order, computed independently of the registry

    static func precedenceRank(_ precedence: Case.Precedence) -> Int {
        switch precedence {
        case .urgent: 0
        case .urgentSurgical: 1
        case .priority: 2
        case .routine: 3
        case .unspecified: 4
        }
    }

    /// Infant (< 12 months), child (< 216), elderly (>= 780), pregnant, none.
    static func vulnerabilityRank(_ record: Case) -> Int {
        if record.ageMonths < 12 { return 0 }
        if record.ageMonths < 216 { return 1 }
        if record.ageMonths >= 780 { return 2 }
        if record.pregnant { return 3 }
        return 4
    }

    /// Precedence, vulnerability, earlier registration (all cases wait
    /// since the same day, so longest waiting is the same), then id.
    static func defaultOrder(_ cases: [Case]) -> [Case] {
        cases.sorted { a, b in
            let ka = (precedenceRank(a.precedence), vulnerabilityRank(a), a.registeredAtMs)
            let kb = (precedenceRank(b.precedence), vulnerabilityRank(b), b.registeredAtMs)
            if ka != kb { return ka < kb }
            return a.id < b.id
        }
    }

    // MARK: When

    static let agreementID = "a-29-for-29"
    static let listID = "l-29-for-29"
    static let quota: UInt32 = 29
    static let releasesTermID = "releases"
    static let evacuationsTermID = "evacuations"
    static let detainees: UInt32 = 29

    static var agreement: Agreement {
        Agreement(
            id: agreementID,
            title: "Twenty-nine for twenty-nine",
            parties: [
                .init(partyID: government.id, role: .party),
                .init(partyID: armedGroup.id, role: .party),
                .init(partyID: redCrescent.id, role: .mediator),
                .init(partyID: icrc.id, role: .facilitator),
            ],
            terms: [
                .init(id: releasesTermID, description: "The armed group releases 29 detainees", obligorID: armedGroup.id,
                      measure: .detaineeReleases, target: detainees),
                .init(id: evacuationsTermID, description: "The government allows 29 medical evacuations", obligorID: government.id,
                      measure: .evacuations, target: quota),
            ]
        )
    }

    static var list: EvacuationList {
        EvacuationList(id: listID, title: "Twenty-nine medical evacuations", agreementID: agreementID, originSiteID: enclave.id, quota: quota)
    }

    /// The parties that approve the list (the agreement's parties with role PARTY).
    static let approvers = [government.id, armedGroup.id]

    /// Scenario 1 gives no access window. Departures outside every window are
    /// refused without an override, so the test announces a window at the
    /// crossing covering the days of the test rather than overriding each
    /// departure: the movements then go as the scenario tells them, and an
    /// override (with its reason) stays what it is for, the exception.
    static func window(fromMs: UInt64, untilMs: UInt64) -> AccessWindow {
        AccessWindow(id: "w-evacuation-days", name: "Evacuation days agreed for the 29-for-29 deal", kind: .corridorOpening,
                     siteIDs: [crossing.id], announcedBy: government.id, startsAtMs: fromMs, endsAtMs: untilMs)
    }

    /// Movement batches: day 1 carries 4 in 1 ambulance; days 2-3 the remaining 25.
    struct Batch {
        let id: String
        let size: Int
        let vehicles: [Movement.Vehicles]
    }
    static let batches = [
        Batch(id: "m-day-1", size: 4, vehicles: [.init(kind: .ambulance, count: 1)]),
        Batch(id: "m-day-2", size: 13, vehicles: [.init(kind: .ambulance, count: 2), .init(kind: .bus, count: 1)]),
        Batch(id: "m-day-3", size: 12, vehicles: [.init(kind: .ambulance, count: 2), .init(kind: .bus, count: 1)]),
    ]
    static let deathReason = "died in the enclave before any movement"
}

import CorridorClient

/// The world `corridorctl demo` loads: scenario 1 of shared/scenarios
/// ("twenty-nine for twenty-nine"), its Given and its first steps. Its own
/// copy of the scenario's data, so that the demo and the acceptance tests
/// can each change without the other.
enum DemoWorld {
    static let government = Party(id: "gov", shortName: "Government", fullName: "The government", kind: .government)
    static let armedGroup = Party(id: "armed-group", shortName: "Armed group", fullName: "The armed group holding the enclave", kind: .armedGroup)
    static let redCrescent = Party(id: "src", shortName: "Red Crescent", fullName: "The national Red Crescent society", kind: .redCrossRedCrescent)
    static let icrc = Party(id: "icrc", shortName: "ICRC", fullName: "International Committee of the Red Cross", kind: .redCrossRedCrescent)
    static let medicalNGO = Party(id: "medical-ngo", shortName: "Medical NGO", fullName: "A medical NGO working in the enclave", kind: .ngo)
    static let un = Party(id: "un", shortName: "UN", fullName: "The United Nations", kind: .unAgency)
    static let parties = [government, armedGroup, redCrescent, icrc, medicalNGO, un]

    static let enclave = Site(
        id: "enclave", name: "The enclave", kind: .enclave, controlledBy: armedGroup.id,
        besiegedBy: [government.id], besiegedSince: "2013-04-01"
    )
    static let hospitals = (1...3).map { Site(id: "capital-hospital-\($0)", name: "Capital hospital \($0)", kind: .hospital, controlledBy: government.id) }
    static let crossing = Site(id: "crossing", name: "The crossing", kind: .crossing)
    static let sites = [enclave] + hospitals + [crossing]

    static func figures(asOf: String) -> [Figure] {
        func fromUN(_ measure: Figure.Measure, _ value: UInt64) -> Figure {
            Figure(subjectKind: .site, subjectID: enclave.id, measure: measure, low: value, high: value, qualifier: .about,
                   asOf: asOf, sourcePartyIDs: [un.id], reportedIn: "UN situation report")
        }
        return [fromUN(.population, 400_000), fromUN(.children, 130_000), fromUN(.needingEvacuation, 500)]
    }

    static let caseCount = 500
    static let urgentChildren = 18
    static let urgentWomen = 4
    static let urgentOthers = 22
    static let urgentConditions: [Case.Condition] = [.heartDisease, .cancer, .kidneyFailure, .bloodDisease, .needsSurgery]

    /// 500 waiting cases at the enclave, all with consent: 44 URGENT (18
    /// children, one of them an infant of 6 months, and 4 women), the rest
    /// of lower precedence. The same on every run (a fixed seed).
    static func cases() -> [Case] {
        var random = DemoRandom(seed: 2_929)
        func conditions(_ pool: [Case.Condition]) -> [Case.Condition] {
            Array(pool.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random)))
        }
        func urgent(_ age: UInt32, _ sex: Case.Sex) -> Case {
            Case(siteID: enclave.id, ageMonths: age, sex: sex, precedence: .urgent, conditions: conditions(urgentConditions), consentGiven: true)
        }
        var rest: [Case] = []
        for _ in 1..<urgentChildren { rest.append(urgent(.random(in: 12...215, using: &random), Bool.random(using: &random) ? .female : .male)) }
        for _ in 0..<urgentWomen { rest.append(urgent(.random(in: 216...779, using: &random), .female)) }
        for _ in 0..<urgentOthers { rest.append(urgent(.random(in: 216...1_000, using: &random), .male)) }
        let precedences: [Case.Precedence] = [.urgentSurgical, .priority, .routine]
        let pool = urgentConditions + [.trauma, .malnutrition, .other]
        while rest.count < caseCount - 1 {
            let sex: Case.Sex = Bool.random(using: &random) ? .female : .male
            let age = UInt32.random(in: 1...1_100, using: &random)
            let pregnant = sex == .female && (216..<540).contains(age) && Int.random(in: 0..<10, using: &random) == 0
            rest.append(Case(siteID: enclave.id, ageMonths: age, sex: sex, precedence: precedences.randomElement(using: &random)!,
                             conditions: conditions(pool), consentGiven: true, pregnant: pregnant))
        }
        rest.shuffle(using: &random)
        return [urgent(6, .female)] + rest
    }

    static let agreementID = "a-29-for-29"
    static let listID = "l-29-for-29"
    static let quota: UInt32 = 29
    static let releasesTermID = "releases"
    static let detainees: UInt32 = 29

    static let agreement = Agreement(
        id: agreementID,
        title: "Twenty-nine for twenty-nine",
        parties: [
            .init(partyID: government.id, role: .party),
            .init(partyID: armedGroup.id, role: .party),
            .init(partyID: redCrescent.id, role: .mediator),
            .init(partyID: icrc.id, role: .facilitator),
        ],
        terms: [
            .init(id: releasesTermID, description: "The armed group releases 29 detainees", obligorID: armedGroup.id, measure: .detaineeReleases, target: detainees),
            .init(id: "evacuations", description: "The government allows 29 medical evacuations", obligorID: government.id, measure: .evacuations, target: quota),
        ]
    )

    static let list = EvacuationList(id: listID, title: "Twenty-nine medical evacuations", agreementID: agreementID, originSiteID: enclave.id, quota: quota)
    static let approvers = [government.id, armedGroup.id]

    /// The scenario gives no window; a departure outside every window needs
    /// an override, so the demo announces one at the crossing for the month.
    static func window(fromMs: UInt64, untilMs: UInt64) -> AccessWindow {
        AccessWindow(id: "w-evacuation-days", name: "Evacuation days agreed for the 29-for-29 deal", kind: .corridorOpening,
                     siteIDs: [crossing.id], announcedBy: government.id, startsAtMs: fromMs, endsAtMs: untilMs)
    }

    static let movementID = "m-day-1"
    static let firstBatch = 4
}

/// SplitMix64: a fixed sequence for a fixed seed.
struct DemoRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

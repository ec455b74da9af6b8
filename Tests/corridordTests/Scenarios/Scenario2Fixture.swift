import CorridorClient
import Foundation

// Scenario 2, "a convoy under fire" (shared/scenarios/2-convoy-under-fire.md),
// as data. The scenario's numbers and names live here and nowhere else in the tests.

enum Scenario2 {
    // MARK: Given

    static let government = Party(id: "gov", shortName: "Government", fullName: "The government", kind: .government)
    static let icrc = Party(id: "icrc", shortName: "ICRC", fullName: "International Committee of the Red Cross", kind: .redCrossRedCrescent)
    static let redCrescent = Party(id: "src", shortName: "Red Crescent", fullName: "The national Red Crescent society", kind: .redCrossRedCrescent)
    static let un = Party(id: "un", shortName: "UN", fullName: "The United Nations", kind: .unAgency)
    static let parties = [government, icrc, redCrescent, un]

    static let enclave = Site(id: "enclave", name: "The enclave", kind: .enclave, besiegedBy: [government.id], besiegedSince: "2013-04-01")
    static let town = Site(id: "town", name: "A town inside the enclave", kind: .district, parentID: enclave.id)
    static let crossing = Site(id: "crossing", name: "The crossing", kind: .crossing)
    /// Where the convoys load. The scenario names no origin; a movement needs one.
    static let warehouse = Site(id: "warehouse-city", name: "The city the convoys load in", kind: .city)
    static let sites = [enclave, town, crossing, warehouse]

    static let timeZone = "Asia/Damascus"
    static let pauseStart = "09:00"
    static let pauseEnd = "14:00"
    static let pauseDays = 30

    /// The daily pause, announced by a state party, for 30 days from `firstDate`.
    static func pause(firstDate: String, lastDate: String) -> AccessWindow {
        AccessWindow(
            id: "w-daily-pause", name: "Daily humanitarian pause at the crossing", kind: .humanitarianPause,
            siteIDs: [crossing.id], announcedBy: government.id,
            daily: .init(startTime: pauseStart, endTime: pauseEnd, timeZone: timeZone, firstDate: firstDate, lastDate: lastDate)
        )
    }

    /// The pause began this many days before the test runs, so its day 3 lies
    /// in the past (times given for it are records of what happened).
    static let pauseBeganDaysAgo = 20
    /// "Day 3" of the pause (day 1 is its first date).
    static let convoyDay = 3

    // MARK: When

    static let convoyID = "convoy-1"
    static let trucks: UInt32 = 13
    static let peopleServed: UInt32 = 12_000
    static let foodLineID = "food-parcels"
    static let flourLineID = "flour"
    static let kitsLineID = "medical-kits"
    static let cargo: [Movement.CargoLine] = [
        .init(id: foodLineID, item: "Food parcels", category: .food, quantity: 2_400, unit: "parcel", peopleServed: 6_000),
        .init(id: flourLineID, item: "Wheat flour", category: .food, quantity: 80, unit: "tonne", peopleServed: 4_000),
        .init(id: kitsLineID, item: "Medical kits", category: .medical, quantity: 200, unit: "kit", peopleServed: 2_000),
    ]
    /// 70% of the medical kits.
    static let kitsRemoved: UInt64 = 140
    static let kitsDelivered: UInt64 = 60
    static let removalReason = "surgical items are not authorised to enter the enclave"

    static let notifiedAt = "08:30"
    static let departedAt = "10:15"
    static let removedAt = "10:40"
    static let shellingAt = "11:05"
    static let arrivedAt = "12:20"
    static let completedAt = "13:30"
    static let shelling = Movement.Incident(kind: .shelling, place: "the road 2 km past the crossing",
                                            description: "shelling near the convoy; no injuries", injured: 0, killed: 0)

    static let secondConvoyID = "convoy-2"
    static let secondCargo: [Movement.CargoLine] = [
        .init(id: "food-parcels", item: "Food parcels", category: .food, quantity: 1_000, unit: "parcel", peopleServed: 2_500),
    ]
    static let secondNotifiedAt = "15:00"
    static let secondDepartureAt = "16:30"
    static let overrideReason = "the governor's office cleared a late convoy by telephone; the UN was informed"

    static let inPauseQuestion = "11:00"
    static let afterPauseQuestion = "15:00"
}

import CorridorModel
import Testing

/// Since when a case has waited: the day the field registered it, else the
/// moment the registry recorded it.
@Suite struct CaseWaitingSinceTests {
    static let dayMs: UInt64 = 86_400_000

    @Test func waitingSinceIsTheFieldDayOrTheRegistrysTime() {
        #expect(Case.waitingSinceMs(fieldRegisteredOn: "", registeredAtMs: 5 * Self.dayMs + 7) == 5 * Self.dayMs + 7)
        #expect(Case.waitingSinceMs(fieldRegisteredOn: "1970-01-03", registeredAtMs: 5 * Self.dayMs + 7) == 2 * Self.dayMs)
        // A field day after the registry's (a day ahead for zones east of UTC) never makes a wait shorter than the registry's.
        #expect(Case.waitingSinceMs(fieldRegisteredOn: "1970-01-07", registeredAtMs: 5 * Self.dayMs + 7) == 5 * Self.dayMs + 7)
        #expect(Case.waitingSinceMs(fieldRegisteredOn: "not a date", registeredAtMs: 9) == 9)
        #expect(Case.waitingSinceMs(fieldRegisteredOn: "1969-12-31", registeredAtMs: 9) == 9)
        // A case not yet recorded (no registry time) waits from the field's day.
        #expect(Case.waitingSinceMs(fieldRegisteredOn: "1970-01-03", registeredAtMs: 0) == 2 * Self.dayMs)
        #expect(Case(siteID: "s", ageMonths: 1, sex: .female, precedence: .urgent, consentGiven: true, registeredAtMs: 3 * Self.dayMs,
                     fieldRegisteredOn: "1970-01-02").waitingSinceMs == Self.dayMs)
    }
}

import CorridorModel
import CorridorRegistry
import Glibc

/// Priority selection in memory: a RegistryState holding N waiting cases at
/// one origin (built by applying events, no log), and
/// `PrioritySelection.run(in:origin:)` timed as SelectList runs it, with the
/// first 1,000 rows of the left-out report built as SelectList's answer
/// carries them. The floor beside it: sorting N random UInt64 keys.
enum SelectionTiming {
    struct Result: Sendable {
        var selection: LatencySummary
        var sortFloor: LatencySummary
        var quota: Int
        var selected: Int
    }

    static let origin = "ghouta"

    static func state(cases: Int) -> RegistryState {
        var state = RegistryState()
        var sequence: UInt64 = 0
        func apply(_ kind: EventKind) {
            sequence += 1
            state.apply(Event(actor: nil, atMs: 1_700_000_000_000, kind), sequence: sequence)
        }
        for party in CaseDataset.parties { apply(.partyRegistered(PartyRegistered(party: party))) }
        for site in CaseDataset.sites { apply(.siteRegistered(SiteRegistered(site: site))) }
        // One rule, as lists usually carry: males 15 to 55 excluded.
        apply(.ruleImposed(RuleImposed(rule: EligibilityRule(
            id: "no-men-15-55", imposedBy: "gov", description: "males aged 15 to 55 are excluded", effect: .exclude,
            sex: .male, hasAgeRange: true, minAgeMonths: 180, maxAgeMonths: 671
        ))))
        for index in 0..<cases {
            var (record, _) = CaseDataset.patient(index)
            record.id = "C-" + String(index + 1)
            // Registered over two years, some on the same millisecond, so every tie-break is used.
            record.registeredAtMs = 1_640_000_000_000 + UInt64(index / 3) * 600_000
            if index % 7 == 0, index + 1 < cases { record.companionIDs = ["C-" + String(index + 2)] }
            apply(.caseRegistered(CaseRegistered(case: record, personal: nil)))
        }
        return state
    }

    static func run(cases: Int, runs: Int, quota: UInt32 = 29) throws -> Result {
        let state = state(cases: cases)
        let rules = [state.rules["no-men-15-55"]!]
        let asOfDay = PrioritySelection.day(of: "2026-11-21")!
        var selected = 0
        var samples: [UInt64] = []
        for run in 0..<(runs + 3) {
            let start = monotonicNanoseconds()
            let selection = PrioritySelection(quota: quota, companionsCount: true, rules: rules, asOfDay: asOfDay)
            let outcome = selection.run(in: state, origin: origin)
            let report = outcome.leftOut(offset: 0, limit: 1_000)
            let elapsed = monotonicNanoseconds() - start
            guard outcome.considered == cases, !report.isEmpty else {
                throw BenchmarkFailure("the selection considered \(outcome.considered) of \(cases) cases")
            }
            selected = outcome.entries.count
            if run >= 3 { samples.append(elapsed) }
        }

        var generator = SplitMix(seed: 42)
        let keys = (0..<cases).map { _ in generator.next() }
        var floor: [UInt64] = []
        for run in 0..<(runs + 3) {
            var copy = keys
            let start = monotonicNanoseconds()
            copy.sort()
            let elapsed = monotonicNanoseconds() - start
            if copy.first == nil { throw BenchmarkFailure("empty sort") }
            if run >= 3 { floor.append(elapsed) }
        }
        return Result(selection: LatencySummary(nanoseconds: samples), sortFloor: LatencySummary(nanoseconds: floor), quota: Int(quota), selected: selected)
    }
}

/// A small deterministic generator for the floor's keys.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49EB_133D_111B
        return z ^ (z >> 31)
    }
}

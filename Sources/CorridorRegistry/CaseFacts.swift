import CorridorModel

/// What a pass over every case reads of one: plain values and the site's
/// interned id, no arrays. Copying a `Case` retains each of its strings and
/// arrays, and in a registry filled over hours those objects lie all over
/// the heap, so a pass over a million `Case`s is mostly cache misses
/// (docs/PERFORMANCE.md). Selection scans these instead and looks a `Case`
/// up only for the few it needs in full.
public struct CaseFacts: Sendable, Equatable {
    /// The site's own id string (RegistryState.internedSites).
    public var siteID: String
    public var status: Case.Status
    public var precedence: Case.Precedence
    public var sex: Case.Sex
    public var ageMonths: UInt32
    /// Bit n set: the case has the condition whose index in Case.Condition.allCases is n.
    public var conditionBits: UInt16
    public var consentGiven: Bool
    public var pregnant: Bool
    public var namesCompanions: Bool
    /// Case.waitingSinceMs: the field's registration day, else the
    /// registry's (the slot's rest keeps both dates themselves).
    public var waitingSinceMs: UInt64

    init(_ record: Case) {
        siteID = record.siteID
        status = record.status
        precedence = record.precedence
        sex = record.sex
        ageMonths = record.ageMonths
        conditionBits = Self.bits(of: record.conditions)
        consentGiven = record.consentGiven
        pregnant = record.pregnant
        namesCompanions = !record.companionIDs.isEmpty
        waitingSinceMs = record.waitingSinceMs
    }

    static func bits(of conditions: [Case.Condition]) -> UInt16 {
        var bits: UInt16 = 0
        for condition in conditions { bits |= bit(of: condition) }
        return bits
    }

    static func bit(of condition: Case.Condition) -> UInt16 {
        switch condition {
        case .unspecified: 1 << 0
        case .cancer: 1 << 1
        case .kidneyFailure: 1 << 2
        case .heartDisease: 1 << 3
        case .bloodDisease: 1 << 4
        case .needsSurgery: 1 << 5
        case .trauma: 1 << 6
        case .malnutrition: 1 << 7
        case .other: 1 << 8
        }
    }
}

/// A rule's criteria as plain values, so testing a hundred thousand cases
/// against it copies no strings or arrays.
struct CompiledRule: Sendable {
    let effect: EligibilityRule.Effect
    let lifted: Bool
    let sex: Case.Sex
    let hasAgeRange: Bool
    let minAgeMonths: UInt32
    let maxAgeMonths: UInt32
    let conditionBits: UInt16
    /// Bit n: the precedence whose index in Case.Precedence.allCases is n; 0 for any.
    let precedenceBits: UInt8
    let pregnantOnly: Bool

    init(_ rule: EligibilityRule) {
        effect = rule.effect
        lifted = rule.lifted
        sex = rule.sex
        hasAgeRange = rule.hasAgeRange
        minAgeMonths = rule.minAgeMonths
        maxAgeMonths = rule.maxAgeMonths
        conditionBits = CaseFacts.bits(of: rule.conditions)
        precedenceBits = rule.precedences.reduce(0) { $0 | Self.bit(of: $1) }
        pregnantOnly = rule.pregnantOnly
    }

    static func bit(of precedence: Case.Precedence) -> UInt8 {
        switch precedence {
        case .unspecified: 1 << 0
        case .urgent: 1 << 1
        case .urgentSurgical: 1 << 2
        case .priority: 1 << 3
        case .routine: 1 << 4
        }
    }

    func criteriaHold(for facts: CaseFacts) -> Bool {
        if sex != .unspecified && facts.sex != sex { return false }
        if hasAgeRange && (facts.ageMonths < minAgeMonths || facts.ageMonths > maxAgeMonths) { return false }
        if conditionBits != 0 && facts.conditionBits & conditionBits == 0 { return false }
        if precedenceBits != 0 && precedenceBits & Self.bit(of: facts.precedence) == 0 { return false }
        if pregnantOnly && !facts.pregnant { return false }
        return true
    }

    /// EligibilityRule.excludes(_:) for a case nobody names as a companion.
    func excludes(_ facts: CaseFacts) -> Bool {
        guard !lifted else { return false }
        switch effect {
        case .exclude: return criteriaHold(for: facts)
        case .includeOnly: return !criteriaHold(for: facts)
        case .unspecified: return false
        }
    }
}

/// A predicate imposed by a party. A case matches when every criterion that
/// is set holds; an EXCLUDE rule leaves matching cases out, an INCLUDE_ONLY
/// rule leaves out every case that does not match.
public struct EligibilityRule: Sendable, Hashable {
    public enum Effect: String, Sendable, CaseIterable {
        case unspecified = "EFFECT_UNSPECIFIED"
        case exclude = "EXCLUDE"
        case includeOnly = "INCLUDE_ONLY"
    }

    /// Chosen by the operator, like party ids ("no-men-15-55").
    public var id: String
    /// The party that imposed it.
    public var imposedBy: String
    /// In the imposing party's words ("males aged 15 to 55 are excluded").
    public var description: String
    public var effect: Effect
    /// Criteria; unset ones match every case.
    public var sex: Case.Sex
    /// Age bounds in months, inclusive; has_age_range says whether they apply.
    public var hasAgeRange: Bool
    public var minAgeMonths: UInt32
    public var maxAgeMonths: UInt32
    /// Any of these conditions.
    public var conditions: [Case.Condition]
    /// Any of these precedence categories.
    public var precedences: [Case.Precedence]
    /// Only pregnant cases.
    public var pregnantOnly: Bool
    /// For INCLUDE_ONLY: a companion of a matching case matches too
    /// ("children and their mothers only").
    public var companionsMatch: Bool
    /// Lifted rules stay on record but apply to no new selection.
    public var lifted: Bool
    public var liftedReason: String

    public init(
        id: String = "",
        imposedBy: String = "",
        description: String = "",
        effect: Effect = .unspecified,
        sex: Case.Sex = .unspecified,
        hasAgeRange: Bool = false,
        minAgeMonths: UInt32 = 0,
        maxAgeMonths: UInt32 = 0,
        conditions: [Case.Condition] = [],
        precedences: [Case.Precedence] = [],
        pregnantOnly: Bool = false,
        companionsMatch: Bool = false,
        lifted: Bool = false,
        liftedReason: String = ""
    ) {
        self.id = id
        self.imposedBy = imposedBy
        self.description = description
        self.effect = effect
        self.sex = sex
        self.hasAgeRange = hasAgeRange
        self.minAgeMonths = minAgeMonths
        self.maxAgeMonths = maxAgeMonths
        self.conditions = conditions
        self.precedences = precedences
        self.pregnantOnly = pregnantOnly
        self.companionsMatch = companionsMatch
        self.lifted = lifted
        self.liftedReason = liftedReason
    }
}

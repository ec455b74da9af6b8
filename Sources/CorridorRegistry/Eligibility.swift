import CorridorModel

// Eligibility rules, applied at selection and again when a case is put on a
// manifest. One definition of "matches" for both, so the crossing never
// disagrees with the list.

extension EligibilityRule {
    /// Whether every criterion the rule sets holds for the case itself.
    public func criteriaHold(for record: Case) -> Bool {
        if sex != .unspecified && record.sex != sex { return false }
        if hasAgeRange && (record.ageMonths < minAgeMonths || record.ageMonths > maxAgeMonths) { return false }
        if !conditions.isEmpty && !record.conditions.contains(where: conditions.contains) { return false }
        if !precedences.isEmpty && !precedences.contains(record.precedence) { return false }
        if pregnantOnly && !record.pregnant { return false }
        return true
    }

    /// Whether the rule leaves the case out. `accompanies` lists the cases
    /// this one travels with (it is their companion), for `companions_match`.
    public func excludes(_ record: Case, accompanying: [Case] = []) -> Bool {
        guard !lifted else { return false }
        switch effect {
        case .exclude:
            return criteriaHold(for: record)
        case .includeOnly:
            if criteriaHold(for: record) { return false }
            if companionsMatch && accompanying.contains(where: criteriaHold(for:)) { return false }
            return true
        case .unspecified:
            return false
        }
    }

    /// "excluded by rule no-men-15-55 (government): males aged 15 to 55 are excluded"
    public var refusalText: String {
        "excluded by rule \(id) (imposed by \(imposedBy)): \(description)"
    }
}

extension RegistryState {
    /// Every one of the rules (in the order given) that leaves the case out.
    func excludingRules(for record: Case, under ruleIDs: [String], accompanying: [Case] = []) -> [EligibilityRule] {
        ruleIDs.compactMap { rules[$0] }.filter { $0.excludes(record, accompanying: accompanying) }
    }

    /// The cases that name this one as a companion (the child a mother goes with).
    func casesAccompanied(by caseID: String, among candidates: [Case]) -> [Case] {
        candidates.filter { $0.companionIDs.contains(caseID) }
    }
}

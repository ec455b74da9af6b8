import CorridorModel

// Eligibility rules: imposed by a party, lifted with a reason, never deleted.

extension RegistryState {
    func decideImposeRule(_ proposed: EligibilityRule?) throws(RegistryError) -> (events: [EventKind], rule: EligibilityRule) {
        var checks = FieldChecks()
        guard let rule = proposed else {
            checks.require(false, "rule", "is required")
            try checks.throwIfAny()
            throw RegistryError.invalidArgument("rule is required")
        }
        checks.identifier(rule.id, "rule.id")
        if rule.imposedBy.isEmpty {
            checks.require(false, "rule.imposed_by", "is required: the party that imposed the rule")
        } else {
            checks.require(parties[rule.imposedBy] != nil, "rule.imposed_by", "no party with id \"\(rule.imposedBy)\"")
        }
        checks.text(rule.description, "rule.description", required: true, maxLength: 1000)
        checks.specified(rule.effect, .unspecified, "rule.effect")
        checks.require(!rule.hasAgeRange || rule.minAgeMonths <= rule.maxAgeMonths, "rule.min_age_months",
                       "\(rule.minAgeMonths) is more than max_age_months \(rule.maxAgeMonths)")
        checks.require(!rule.hasAgeRange || rule.maxAgeMonths <= Self.maximumAgeMonths, "rule.max_age_months",
                       "\(rule.maxAgeMonths) is more than \(Self.maximumAgeMonths) (130 years)")
        checks.require(rule.hasAgeRange || (rule.minAgeMonths == 0 && rule.maxAgeMonths == 0), "rule.has_age_range",
                       "age bounds are given but has_age_range is false")
        checks.require(!rule.conditions.contains(.unspecified), "rule.conditions", "CONDITION_UNSPECIFIED is not a condition")
        checks.require(!rule.precedences.contains(.unspecified), "rule.precedences", "PRECEDENCE_UNSPECIFIED is not a precedence")
        checks.require(!rule.companionsMatch || rule.effect != .exclude, "rule.companions_match", "applies to INCLUDE_ONLY rules only")
        checks.require(!rule.lifted, "rule.lifted", "a rule is imposed in force; lift it with LiftRule")
        checks.require(rule.liftedReason.isEmpty, "rule.lifted_reason", "is set by LiftRule")
        try checks.throwIfAny()
        guard rules[rule.id] == nil else {
            throw RegistryError.alreadyExists("a rule with id \"\(rule.id)\" already exists")
        }
        return ([.ruleImposed(RuleImposed(rule: rule))], rule)
    }

    func decideLiftRule(ruleID: String, reason: String) throws(RegistryError) -> (events: [EventKind], rule: EligibilityRule) {
        var checks = FieldChecks()
        checks.require(!ruleID.isEmpty, "rule_id", "is required")
        checks.text(reason, "reason", required: true, maxLength: 1000)
        try checks.throwIfAny()
        guard var rule = rules[ruleID] else {
            throw RegistryError.notFound("no rule with id \"\(ruleID)\"")
        }
        guard RuleState(rule).allowedNext.contains(.lifted) else {
            throw refusedTransition("rule \(rule.id)", is: RuleState(rule), to: .lifted, field: "rule_id")
        }
        rule.lifted = true
        rule.liftedReason = reason
        return ([.ruleLifted(RuleLifted(rule: rule))], rule)
    }
}

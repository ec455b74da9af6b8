import CorridorModel

// Parties: decide the events of a command against the state, or refuse it.

extension RegistryState {
    func decideRegisterParty(_ party: Party) throws(RegistryError) -> [EventKind] {
        var checks = FieldChecks()
        checkPartyFields(party, prefix: "party", checks: &checks)
        checks.identifier(party.id, "party.id")
        try checks.throwIfAny()
        guard parties[party.id] == nil else {
            throw RegistryError.alreadyExists("a party with id \"\(party.id)\" already exists")
        }
        return [.partyRegistered(PartyRegistered(party: party))]
    }

    static let updatablePartyFields: Set<String> = ["short_name", "full_name", "kind", "aliases"]

    func decideUpdateParty(_ changes: Party, fields: [String]) throws(RegistryError) -> (events: [EventKind], party: Party) {
        guard let current = parties[changes.id] else {
            throw RegistryError.notFound("no party with id \"\(changes.id)\"")
        }
        let names = try fieldNames(fields, allowed: Self.updatablePartyFields, record: "party")
        var updated = current
        for name in names {
            switch name {
            case "short_name": updated.shortName = changes.shortName
            case "full_name": updated.fullName = changes.fullName
            case "kind": updated.kind = changes.kind
            default: updated.aliases = changes.aliases
            }
        }
        var checks = FieldChecks()
        checkPartyFields(updated, prefix: "party", checks: &checks)
        try checks.throwIfAny()
        let changed = names.filter { partyField($0, of: current) != partyField($0, of: updated) }
        guard !changed.isEmpty else { return ([], current) }
        return ([.partyUpdated(PartyUpdated(party: updated, changedFields: changed))], updated)
    }

    private func checkPartyFields(_ party: Party, prefix: String, checks: inout FieldChecks) {
        checks.text(party.shortName, "\(prefix).short_name", required: true, maxLength: 64)
        checks.text(party.fullName, "\(prefix).full_name", required: false)
        checks.specified(party.kind, .unspecified, "\(prefix).kind")
        for (index, alias) in party.aliases.enumerated() {
            checks.text(alias, "\(prefix).aliases[\(index)]", required: true)
        }
    }

    private func partyField(_ name: String, of party: Party) -> String {
        switch name {
        case "short_name": party.shortName
        case "full_name": party.fullName
        case "kind": party.kind.rawValue
        default: party.aliases.joined(separator: "\u{0}")
        }
    }
}

/// Field names as a request gives them (snake_case, or camelCase from Swift),
/// checked against what may change.
func fieldNames(_ fields: [String], allowed: Set<String>, record: String) throws(RegistryError) -> [String] {
    guard !fields.isEmpty else {
        throw RegistryError.invalidArgument(violations: [FieldViolation(field: "fields", reason: "name at least one field to change: \(allowed.sorted().joined(separator: ", "))")])
    }
    var names: [String] = []
    var violations: [FieldViolation] = []
    for field in fields {
        let name = snakeCaseFieldName(field)
        if allowed.contains(name) {
            if !names.contains(name) { names.append(name) }
        } else {
            violations.append(FieldViolation(field: "fields", reason: "\"\(field)\" cannot be changed on a \(record); changeable: \(allowed.sorted().joined(separator: ", "))"))
        }
    }
    if !violations.isEmpty { throw RegistryError.invalidArgument(violations: violations) }
    return names
}

/// A field name as proto/ spells it: `shortName` → `short_name`,
/// `companionIDs` → `companion_ids`; a snake_case name stays as it is.
func snakeCaseFieldName(_ name: String) -> String {
    let characters = Array(name)
    var result = ""
    for (index, character) in characters.enumerated() {
        if character.isUppercase && index > 0 {
            let previous = characters[index - 1]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            // The plural "s" of an acronym (IDs) stays with it.
            let nextStartsWord = next.map { $0.isLowercase && !($0 == "s" && (index + 2 == characters.count || characters[index + 2].isUppercase)) } ?? false
            if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextStartsWord) {
                result.append("_")
            }
        }
        result.append(Character(character.lowercased()))
    }
    return result
}

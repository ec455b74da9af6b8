import CorridorModel
import CorridorWire

// Parties: decide the events of a command against the state, or refuse it.

extension RegistryState {
    func decideRegisterParty(_ party: Party) throws(RPCError) -> [EventKind] {
        var checks = FieldChecks()
        checkPartyFields(party, prefix: "party", checks: &checks)
        checks.identifier(party.id, "party.id")
        try checks.throwIfAny()
        guard parties[party.id] == nil else {
            throw RPCError(.alreadyExists, "a party with id \"\(party.id)\" already exists")
        }
        return [.partyRegistered(PartyRegistered(party: party))]
    }

    static let updatablePartyFields: Set<String> = ["short_name", "full_name", "kind", "aliases"]

    func decideUpdateParty(_ changes: Party, fields: [String]) throws(RPCError) -> (events: [EventKind], party: Party) {
        guard let current = parties[changes.id] else {
            throw RPCError(.notFound, "no party with id \"\(changes.id)\"")
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
func fieldNames(_ fields: [String], allowed: Set<String>, record: String) throws(RPCError) -> [String] {
    guard !fields.isEmpty else {
        throw RPCError.invalidArgument([FieldViolation(field: "fields", description: "name at least one field to change: \(allowed.sorted().joined(separator: ", "))")])
    }
    var names: [String] = []
    var violations: [FieldViolation] = []
    for field in fields {
        let name = ProtobufNames.snakeCase(field)
        if allowed.contains(name) {
            if !names.contains(name) { names.append(name) }
        } else {
            violations.append(FieldViolation(field: "fields", description: "\"\(field)\" cannot be changed on a \(record); changeable: \(allowed.sorted().joined(separator: ", "))"))
        }
    }
    if !violations.isEmpty { throw RPCError.invalidArgument(violations) }
    return names
}

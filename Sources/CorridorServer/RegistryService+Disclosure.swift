import CorridorAudit
import CorridorModel
import CorridorRegistry
import CorridorWire

/// Registry/DiscloseList: a list's active entries, and the companions on
/// them, as a party receives them to vet, with exactly the fields of one
/// disclosure profile (docs/ACCESS.md). Every disclosure is on the audit
/// trail, durably, before the answer leaves (docs/AUDIT.md).
extension RegistryService {
    static func registerDisclosure(_ registry: Registry, audit: AuditTrail, access: AccessControl?, on router: inout MethodRouter) {
        router.register(Corridor_V1_Registry.discloseList) { request, context in
            let profile = try disclosureProfile(request, policy: access?.policy ?? .builtInDefault)
            let party = try await registry.party(request.toPartyID)
            guard let list = try await registry.getList(request.listID).list else {
                throw RPCError(.notFound, "no list with id \"\(request.listID)\"")
            }
            var rows: [Corridor_V1_DisclosedCase] = []
            for entry in list.entries where entry.state == .active {
                rows.append(disclosed(try await registry.caseView(entry.caseID), rank: entry.rank, companionOf: "", profile, context.withholding))
                for companion in entry.companionIDs {
                    rows.append(disclosed(try await registry.caseView(companion), rank: entry.rank, companionOf: entry.caseID, profile, context.withholding))
                }
            }
            let fields = profile.orderedFields.map(\.rawValue)
            let what = "list \(list.id) version \(list.version) to party \(party.id), profile \(profile.name) (fields: \(fields.isEmpty ? "none" : fields.joined(separator: ", ")))"
            // One record per case disclosed, so that `corridorctl audit --case`
            // answers "to whom did this person's data go"; all durable together.
            var records = rows.map { row in
                AuditRecord(
                    kind: .disclosure, actor: context.actor, method: context.method, caseID: row.caseID,
                    detail: what + (row.companionOf.isEmpty ? "" : "; companion of \(row.companionOf)")
                )
            }
            if records.isEmpty {
                records = [AuditRecord(kind: .disclosure, actor: context.actor, method: context.method, detail: what + "; no active entries")]
            }
            try await audit.record(records)
            return Corridor_V1_ListDisclosure(
                listID: list.id, listVersion: list.version, partyID: party.id, profile: profile.name, fields: fields, rows: rows
            )
        }
    }

    /// The request's profile, after its three fields are checked: a missing
    /// one or an unknown profile is INVALID_ARGUMENT naming the field.
    static func disclosureProfile(_ request: Corridor_V1_DiscloseListRequest, policy: AccessPolicy) throws(RPCError) -> DisclosureProfile {
        var violations: [FieldViolation] = []
        if request.listID.isEmpty { violations.append(FieldViolation(field: "list_id", reason: "is required")) }
        if request.toPartyID.isEmpty { violations.append(FieldViolation(field: "to_party_id", reason: "is required")) }
        let profile = policy.disclosureProfile(named: request.profile)
        if request.profile.isEmpty {
            violations.append(FieldViolation(field: "profile", reason: "is required"))
        } else if profile == nil {
            let known = Set(policy.profiles.keys).union(DisclosureProfile.builtIn.keys).sorted().joined(separator: ", ")
            violations.append(FieldViolation(field: "profile", reason: "no profile \"\(request.profile.prefix(64))\"; the profiles are \(known)"))
        }
        guard violations.isEmpty, let profile else { throw RPCError.invalidArgument(violations) }
        return profile
    }

    /// One case as the profile lets it out, and never more than the caller
    /// may see itself: the caller's withholding applies first.
    static func disclosed(_ view: CaseView, rank: UInt32, companionOf: String, _ profile: DisclosureProfile, _ withholding: Withholding) -> Corridor_V1_DisclosedCase {
        let shown = withholding.view(view)
        var row = Corridor_V1_DisclosedCase()
        row.caseID = shown.case?.id ?? ""
        row.companionOf = companionOf
        row.rank = rank
        for field in profile.orderedFields {
            switch field {
            case .name: row.name = shown.personal?.name ?? ""
            case .dateOfBirth: row.dateOfBirth = shown.personal?.dateOfBirth ?? ""
            case .identityNumbers: row.identityNumbers = shown.personal?.identityNumbers ?? []
            case .age: row.ageMonths = shown.case?.ageMonths ?? 0
            case .sex: row.sex = shown.case.map { Corridor_V1_Case.Sex($0.sex) } ?? .unspecified
            }
        }
        return row
    }
}

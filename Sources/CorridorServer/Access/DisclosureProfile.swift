/// A named set of case fields a list disclosed to a party carries
/// (docs/ACCESS.md, "Disclosure profiles"). Only the fields of `Field` can
/// be named: conditions, needs, clinical notes and contacts are not among
/// them, so no profile, built in or written, can send a diagnosis.
public struct DisclosureProfile: Sendable, Equatable {
    /// The fields a disclosure can carry, in the order a disclosure lists them.
    public enum Field: String, Sendable, CaseIterable, Comparable {
        case name
        case dateOfBirth = "date_of_birth"
        case identityNumbers = "identity_numbers"
        case age
        case sex

        private var order: Int {
            switch self {
            case .name: 0
            case .dateOfBirth: 1
            case .identityNumbers: 2
            case .age: 3
            case .sex: 4
            }
        }

        public static func < (lhs: Field, rhs: Field) -> Bool { lhs.order < rhs.order }
    }

    /// Names a policy file may not give a profile, and why: what a party
    /// vetting a list must never receive. Refused with this reason rather
    /// than as merely unknown, so that the operator knows it is on purpose.
    static let neverDisclosed: [String: String] = [
        "conditions": "diagnoses are never disclosable",
        "diagnoses": "diagnoses are never disclosable",
        "clinical_notes": "clinical notes are never disclosable",
        "needs": "medical needs are never disclosable",
        "pregnant": "a pregnancy is medical and never disclosable",
        "contacts": "contacts are never disclosable: a party does not need them to vet a list",
    ]

    public var name: String
    public var fields: Set<Field>

    public init(name: String, fields: Set<Field>) {
        self.name = name
        self.fields = fields
    }

    /// The fields in their fixed order, as a disclosure and its audit record list them.
    public var orderedFields: [Field] { fields.sorted() }

    /// Names and identity numbers for a negotiating party to vet, with age and sex.
    public static let vetting = DisclosureProfile(name: "vetting", fields: [.name, .dateOfBirth, .identityNumbers, .age, .sex])
    /// Case ids and ranks only: how many, never who.
    public static let counts = DisclosureProfile(name: "counts", fields: [])
    /// The profiles every policy has; a policy file may redefine them.
    public static let builtIn: [String: DisclosureProfile] = ["vetting": vetting, "counts": counts]

    static var fieldList: String { Field.allCases.map(\.rawValue).joined(separator: ", ") }

    /// Why a policy file may not name `name` as a profile field (it is no `Field`).
    static func refusal(of name: String) -> String {
        if let reason = neverDisclosed[name] { return "\"\(name)\": \(reason); the disclosable fields are \(fieldList)" }
        return "\"\(name)\" is not a disclosable field; the disclosable fields are \(fieldList)"
    }
}

extension AccessPolicy {
    /// The profile called `name`: the policy file's, else a built-in one.
    public func disclosureProfile(named name: String) -> DisclosureProfile? {
        profiles[name] ?? DisclosureProfile.builtIn[name]
    }
}

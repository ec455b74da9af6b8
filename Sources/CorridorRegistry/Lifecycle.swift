import CorridorModel

// The lifecycles of records: which states a record may go to from each. The
// same table decides a state change and explains its refusal, so the answer
// ("movement m4 is PLANNED; from PLANNED it can go to NOTIFIED or ABORTED")
// never drifts from what the registry allows.
//
// The tables: Case.Status (Case+Lifecycle.swift), Movement.Status
// (MovementCommands.swift), Agreement.Status (AgreementCommands.swift),
// AccessWindow.Status (WindowCommands.swift), and below EvacuationList.Status,
// ListEntry.State, Site.CrossingStatus and RuleState.

/// A state whose changes the registry takes from a table.
protocol Lifecycle: RawRepresentable, CaseIterable, Equatable where RawValue == String {
    /// The states a record may go to from this one; empty when it is final.
    var allowedNext: [Self] { get }
}

extension Lifecycle {
    /// "movement m4 is PLANNED; from PLANNED it can go to NOTIFIED or
    /// ABORTED", or "movement m4 is COMPLETED, which is final".
    func whereItCanGo(_ record: String) -> String {
        let next = allowedNext
        guard !next.isEmpty else { return "\(record) is \(rawValue), which is final" }
        return "\(record) is \(rawValue); from \(rawValue) it can go to \(alternatives(next.map(\.rawValue)))"
    }
}

/// "A", "A or B", "A, B or C".
func alternatives(_ names: [String]) -> String {
    guard let last = names.last else { return "" }
    return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " or " + last
}

/// FAILED_PRECONDITION for a change from `current` to `target` that the table
/// does not allow: where the record can go from its state (or that the state is
/// final), with the request's field that asked for the change.
func refusedTransition<S: Lifecycle>(_ record: String, is current: S, to target: S, field: String) -> RegistryError {
    let reason = current.whereItCanGo(record)
    return RegistryError.failedPrecondition(reason, violations: [
        FieldViolation(field: field, reason: "\(target.rawValue) is not a state \(record) can go to from \(current.rawValue)"),
    ])
}

extension Case.Status: Lifecycle {}
extension Movement.Status: Lifecycle {}
extension Agreement.Status: Lifecycle {}
extension AccessWindow.Status: Lifecycle {}

extension EvacuationList.Status: Lifecycle {
    /// DRAFT (selected any number of times) → SUBMITTED → APPROVED once every
    /// required party approved → IN_PROGRESS at its first departure → CLOSED.
    var allowedNext: [EvacuationList.Status] {
        switch self {
        case .unspecified: []
        case .draft: [.submitted]
        case .submitted: [.approved]
        case .approved: [.inProgress, .closed]
        case .inProgress: [.closed]
        case .closed: []
        }
    }
}

extension ListEntry.State: Lifecycle {
    /// An active entry is struck by a party, or dropped when its case dies or
    /// withdraws; either is final (a top-up adds a new entry).
    var allowedNext: [ListEntry.State] {
        switch self {
        case .unspecified: []
        case .active: [.struck, .dropped]
        case .struck, .dropped: []
        }
    }
}

extension Site.CrossingStatus: Lifecycle {
    /// A crossing opens, is restricted and closes as the parties decide, in any
    /// order; a change to the status it has is refused (it records nothing).
    var allowedNext: [Site.CrossingStatus] {
        [.open, .restricted, .closed].filter { $0 != self }
    }
}

/// An eligibility rule is in force until lifted; a lifted rule stays lifted
/// (a new rule is imposed instead), so its history keeps what applied when.
enum RuleState: String, CaseIterable, Lifecycle {
    case inForce = "IN_FORCE"
    case lifted = "LIFTED"

    init(_ rule: EligibilityRule) { self = rule.lifted ? .lifted : .inForce }

    var allowedNext: [RuleState] {
        switch self {
        case .inForce: [.lifted]
        case .lifted: []
        }
    }
}

/// What a person may do and see in the registry (docs/ACCESS.md). The policy
/// file names them by their raw values.
public enum Role: String, Sendable, CaseIterable, Comparable {
    /// Everything, including the policy, maintenance and the audit trail.
    case admin
    /// All registry writes and reads, personal data included.
    case coordinator
    /// Cases with their clinical notes and conditions; no policy.
    case medical
    /// Lists, agreements, figures; cases with the identity fields a list
    /// submission needs, never conditions or clinical notes.
    case negotiator
    /// Movements, convoys, windows, manifests; cases without their personal
    /// part or conditions (needs stay visible).
    case logistics
    /// Reads only: aggregates and pseudonymous records.
    case observer

    /// Widest first: a user whose groups map to several roles gets the first.
    public static func < (left: Role, right: Role) -> Bool {
        left.rank < right.rank
    }

    private var rank: Int {
        switch self {
        case .admin: 0
        case .coordinator: 1
        case .medical: 2
        case .negotiator: 3
        case .logistics: 4
        case .observer: 5
        }
    }
}

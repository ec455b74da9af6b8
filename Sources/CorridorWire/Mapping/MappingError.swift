/// A generated message holds a value the model has no word for: an enum
/// number this build does not know (`.unrecognized(n)`, from a newer peer or
/// a damaged record), or a oneof with none of the kinds this build knows.
/// Never a trap: the caller turns it into a refusal (INVALID_ARGUMENT at the
/// server edge, data loss for a stored record).
public struct MappingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The proto field, fully qualified: `corridor.v1.Case.status`.
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

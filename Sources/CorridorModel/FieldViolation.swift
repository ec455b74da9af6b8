/// One field at fault in a command, and why: what a refusal for invalid
/// arguments names. `field` is the field's path as proto/ spells it
/// (`case.age_months`, `rows[3].case.site_id`), so a client can point at it.
public struct FieldViolation: Sendable, Hashable {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }
}

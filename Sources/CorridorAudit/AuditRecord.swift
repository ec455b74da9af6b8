import CorridorModel

/// One entry of the audit trail: who did or saw what, when, through which
/// method. Kept in the audit log (DATA_DIR/audit/), never in the event log:
/// nothing here is replayed into the registry's state.
public struct AuditRecord: Sendable, Hashable {
    /// What the entry records. The raw value is the record type in the audit
    /// log's record header and the number of `corridor.v1.AuditRecord.Kind`;
    /// numbers are never reused.
    public enum Kind: UInt16, Sendable, Hashable, CaseIterable {
        /// A response carried a case's personal part.
        case personalRead = 1
        /// Configuration or policy reload, snapshot, repair, erasure, key rotation.
        case adminAction = 2
        /// A call refused for the caller's identity or role.
        case denied = 3
        /// Time-limited access to one case opened with a reason (break-glass,
        /// Registry/OpenBreakGlass).
        case breakGlass = 4
        /// A list disclosed to a party under a profile: the list, the party,
        /// the profile, its fields and the cases, in `detail`.
        case disclosure = 5

        /// The name `corridorctl audit --kind` and the text output use.
        public var name: String {
            switch self {
            case .personalRead: "personal-read"
            case .adminAction: "admin-action"
            case .denied: "denied"
            case .breakGlass: "break-glass"
            case .disclosure: "disclosure"
            }
        }
    }

    public var kind: Kind
    /// Its sequence in the audit log; 0 until it is written.
    public var sequence: UInt64
    /// When it was recorded, unix nanoseconds.
    public var recordedAtNs: UInt64
    public var actor: Actor
    /// The method's path (`/corridor.v1.Registry/GetCase`) or the action's name (`reload`).
    public var method: String
    /// The case whose personal part was read, or that an action concerned.
    public var caseID: String
    /// What was done, or why it was refused; the reason given for an action.
    public var detail: String

    public init(kind: Kind, sequence: UInt64 = 0, recordedAtNs: UInt64 = 0, actor: Actor, method: String, caseID: String = "", detail: String = "") {
        self.kind = kind
        self.sequence = sequence
        self.recordedAtNs = recordedAtNs
        self.actor = actor
        self.method = method
        self.caseID = caseID
        self.detail = detail
    }
}

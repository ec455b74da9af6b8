// The events of movements (proto/corridor/v1/movements.proto). Each carries the record as it
// is after the change, so applying one is a replacement.

public struct MovementPlanned: Sendable, Hashable {
    public var movement: Movement?

    public init(movement: Movement? = nil) {
        self.movement = movement
    }
}

public struct MovementStatusChanged: Sendable, Hashable {
    public var movement: Movement?
    public var from: Movement.Status
    public var to: Movement.Status
    /// When it happened (unix milliseconds).
    public var atMs: UInt64
    /// A departure outside every window: the override's reason.
    public var overrideReason: String

    public init(
        movement: Movement? = nil,
        from: Movement.Status = .unspecified,
        to: Movement.Status = .unspecified,
        atMs: UInt64 = 0,
        overrideReason: String = ""
    ) {
        self.movement = movement
        self.from = from
        self.to = to
        self.atMs = atMs
        self.overrideReason = overrideReason
    }
}

public struct ManifestChanged: Sendable, Hashable {
    public var movement: Movement?
    public var addedCaseIDs: [String]
    public var removedCaseIDs: [String]

    public init(movement: Movement? = nil, addedCaseIDs: [String] = [], removedCaseIDs: [String] = []) {
        self.movement = movement
        self.addedCaseIDs = addedCaseIDs
        self.removedCaseIDs = removedCaseIDs
    }
}

public struct CargoRemoved: Sendable, Hashable {
    public var movement: Movement?
    public var removal: Movement.Removal?

    public init(movement: Movement? = nil, removal: Movement.Removal? = nil) {
        self.movement = movement
        self.removal = removal
    }
}

public struct DeliveryRecorded: Sendable, Hashable {
    public var movement: Movement?
    public var lineIDs: [String]

    public init(movement: Movement? = nil, lineIDs: [String] = []) {
        self.movement = movement
        self.lineIDs = lineIDs
    }
}

public struct IncidentReported: Sendable, Hashable {
    public var movement: Movement?
    public var incident: Movement.Incident?

    public init(movement: Movement? = nil, incident: Movement.Incident? = nil) {
        self.movement = movement
        self.incident = incident
    }
}

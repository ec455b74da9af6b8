import CorridorModel

// Requests and responses of proto/corridor/v1/movements.proto.

public struct PlanMovementRequest: ProtobufMessage, Hashable {
    /// Passengers and cargo may be given here or added later.
    public var movement: Movement?

    public init(movement: Movement? = nil) {
        self.movement = movement
    }
}

public struct SetMovementStatusRequest: ProtobufMessage, Hashable {
    public var movementID: String
    public var status: Movement.Status
    /// When it happened ("" for now): "2026-11-21T10:15" with time_zone, or
    /// with an offset or Z.
    public var at: String
    public var timeZone: String
    /// For DEPARTED outside every window in effect at the crossing: why it
    /// goes anyway. For ABORTED: required.
    public var overrideReason: String
    public var reason: String

    public init(
        movementID: String = "",
        status: Movement.Status = .unspecified,
        at: String = "",
        timeZone: String = "",
        overrideReason: String = "",
        reason: String = ""
    ) {
        self.movementID = movementID
        self.status = status
        self.at = at
        self.timeZone = timeZone
        self.overrideReason = overrideReason
        self.reason = reason
    }
}

public struct ChangeManifestRequest: ProtobufMessage, Hashable {
    public var movementID: String
    public var add: [Movement.Passenger]
    public var removeCaseIDs: [String]
    public var reason: String

    public init(movementID: String = "", add: [Movement.Passenger] = [], removeCaseIDs: [String] = [], reason: String = "") {
        self.movementID = movementID
        self.add = add
        self.removeCaseIDs = removeCaseIDs
        self.reason = reason
    }
}

public struct RemoveCargoRequest: ProtobufMessage, Hashable {
    public var movementID: String
    public var lineID: String
    public var quantity: UInt64
    public var partyID: String
    public var reason: String
    public var stage: Movement.RemovalStage
    public var siteID: String
    public var at: String
    public var timeZone: String

    public init(
        movementID: String = "",
        lineID: String = "",
        quantity: UInt64 = 0,
        partyID: String = "",
        reason: String = "",
        stage: Movement.RemovalStage = .unspecified,
        siteID: String = "",
        at: String = "",
        timeZone: String = ""
    ) {
        self.movementID = movementID
        self.lineID = lineID
        self.quantity = quantity
        self.partyID = partyID
        self.reason = reason
        self.stage = stage
        self.siteID = siteID
        self.at = at
        self.timeZone = timeZone
    }
}

public struct RecordDeliveryRequest: ProtobufMessage, Hashable {
    public var movementID: String
    public var lines: [LineDelivery]
    /// Every line not named delivers all that is left on it.
    public var restInFull: Bool

    public init(movementID: String = "", lines: [LineDelivery] = [], restInFull: Bool = false) {
        self.movementID = movementID
        self.lines = lines
        self.restInFull = restInFull
    }
}

public struct ReportIncidentRequest: ProtobufMessage, Hashable {
    public var movementID: String
    public var incident: Movement.Incident?
    /// When ("" with at_ms 0 for now).
    public var at: String
    public var timeZone: String

    public init(movementID: String = "", incident: Movement.Incident? = nil, at: String = "", timeZone: String = "") {
        self.movementID = movementID
        self.incident = incident
        self.at = at
        self.timeZone = timeZone
    }
}

public struct ListMovementsRequest: ProtobufMessage, Hashable {
    public var kind: Movement.Kind
    public var status: Movement.Status
    /// Only movements planned, departing or arriving on this local day
    /// (YYYY-MM-DD in time_zone, UTC if empty).
    public var day: String
    public var timeZone: String
    /// Only movements with cargo removed.
    public var withRemovals: Bool
    public var agreementID: String

    public init(
        kind: Movement.Kind = .unspecified,
        status: Movement.Status = .unspecified,
        day: String = "",
        timeZone: String = "",
        withRemovals: Bool = false,
        agreementID: String = ""
    ) {
        self.kind = kind
        self.status = status
        self.day = day
        self.timeZone = timeZone
        self.withRemovals = withRemovals
        self.agreementID = agreementID
    }
}

public struct ListMovementsResponse: ProtobufMessage, Hashable {
    public var movements: [Movement]

    public init(movements: [Movement] = []) {
        self.movements = movements
    }
}

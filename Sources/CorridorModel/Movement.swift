public struct Movement: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case unspecified = "KIND_UNSPECIFIED"
        case evacuation = "EVACUATION"
        case aidConvoy = "AID_CONVOY"
    }

    public enum Status: String, Sendable, CaseIterable {
        case unspecified = "STATUS_UNSPECIFIED"
        case planned = "PLANNED"
        /// The parties were informed: notification is not permission.
        case notified = "NOTIFIED"
        case departed = "DEPARTED"
        case arrived = "ARRIVED"
        case completed = "COMPLETED"
        case aborted = "ABORTED"
    }

    public enum VehicleKind: String, Sendable, CaseIterable {
        case unspecified = "VEHICLE_KIND_UNSPECIFIED"
        case bus = "BUS"
        case ambulance = "AMBULANCE"
        case truck = "TRUCK"
        case car = "CAR"
        case otherVehicle = "OTHER_VEHICLE"
    }

    public enum CargoCategory: String, Sendable, CaseIterable {
        case unspecified = "CARGO_CATEGORY_UNSPECIFIED"
        case food = "FOOD"
        case medical = "MEDICAL"
        case shelter = "SHELTER"
        case otherCargo = "OTHER_CARGO"
    }

    public enum RemovalStage: String, Sendable, CaseIterable {
        case unspecified = "REMOVAL_STAGE_UNSPECIFIED"
        case loading = "LOADING"
        case checkpoint = "CHECKPOINT"
    }

    public enum IncidentKind: String, Sendable, CaseIterable {
        case unspecified = "INCIDENT_KIND_UNSPECIFIED"
        case shelling = "SHELLING"
        case blocked = "BLOCKED"
        case delay = "DELAY"
        case casualty = "CASUALTY"
        case otherIncident = "OTHER_INCIDENT"
    }

    public struct Vehicles: Sendable, Hashable {
        public var kind: VehicleKind
        public var count: UInt32

        public init(kind: VehicleKind = .unspecified, count: UInt32 = 0) {
            self.kind = kind
            self.count = count
        }
    }

    /// One case of an evacuation manifest.
    public struct Passenger: Sendable, Hashable {
        public var caseID: String
        public var destinationSiteID: String
        /// Taken off before departure (e.g. too ill to travel); the case is no
        /// longer on this manifest.
        public var removed: Bool
        public var removedReason: String
        /// Set by the registry: for a companion of a list entry, the entry's
        /// case it travels with (on this manifest or an earlier one).
        public var companionOf: String
        /// In a request: board the entry's case without its companions (by
        /// default they come along); needs `companionsLeftReason`.
        public var withoutCompanions: Bool
        public var companionsLeftReason: String
        /// Set by the registry: the companions that stayed behind.
        public var companionsLeft: [String]

        public init(
            caseID: String = "", destinationSiteID: String = "", removed: Bool = false, removedReason: String = "",
            companionOf: String = "", withoutCompanions: Bool = false, companionsLeftReason: String = "", companionsLeft: [String] = []
        ) {
            self.caseID = caseID
            self.destinationSiteID = destinationSiteID
            self.removed = removed
            self.removedReason = removedReason
            self.companionOf = companionOf
            self.withoutCompanions = withoutCompanions
            self.companionsLeftReason = companionsLeftReason
            self.companionsLeft = companionsLeft
        }
    }

    public struct CargoLine: Sendable, Hashable {
        /// Unique within the movement ("1", "2", … unless given).
        public var id: String
        public var item: String
        public var category: CargoCategory
        public var quantity: UInt64
        public var unit: String
        public var peopleServed: UInt32
        /// The sum of the removals from this line.
        public var removed: UInt64
        /// Recorded on arrival; delivered <= quantity - removed.
        public var delivered: UInt64
        public var deliveryRecorded: Bool

        public init(
            id: String = "",
            item: String = "",
            category: CargoCategory = .unspecified,
            quantity: UInt64 = 0,
            unit: String = "",
            peopleServed: UInt32 = 0,
            removed: UInt64 = 0,
            delivered: UInt64 = 0,
            deliveryRecorded: Bool = false
        ) {
            self.id = id
            self.item = item
            self.category = category
            self.quantity = quantity
            self.unit = unit
            self.peopleServed = peopleServed
            self.removed = removed
            self.delivered = delivered
            self.deliveryRecorded = deliveryRecorded
        }
    }

    public struct Removal: Sendable, Hashable {
        public var lineID: String
        public var quantity: UInt64
        /// The party that took it.
        public var partyID: String
        public var reason: String
        public var stage: RemovalStage
        /// Where (a site id, e.g. the checkpoint's crossing).
        public var siteID: String
        public var atMs: UInt64

        public init(
            lineID: String = "",
            quantity: UInt64 = 0,
            partyID: String = "",
            reason: String = "",
            stage: RemovalStage = .unspecified,
            siteID: String = "",
            atMs: UInt64 = 0
        ) {
            self.lineID = lineID
            self.quantity = quantity
            self.partyID = partyID
            self.reason = reason
            self.stage = stage
            self.siteID = siteID
            self.atMs = atMs
        }
    }

    public struct Incident: Sendable, Hashable {
        public var atMs: UInt64
        public var kind: IncidentKind
        /// A site id or a description of the place.
        public var place: String
        public var description: String
        public var injured: UInt32
        public var killed: UInt32

        public init(
            atMs: UInt64 = 0,
            kind: IncidentKind = .unspecified,
            place: String = "",
            description: String = "",
            injured: UInt32 = 0,
            killed: UInt32 = 0
        ) {
            self.atMs = atMs
            self.kind = kind
            self.place = place
            self.description = description
            self.injured = injured
            self.killed = killed
        }
    }

    public var id: String
    public var kind: Kind
    public var agreementID: String
    public var listID: String
    public var originSiteID: String
    public var crossingSiteID: String
    public var destinationSiteIDs: [String]
    public var vehicles: [Vehicles]
    /// Unix milliseconds.
    public var plannedDepartureMs: UInt64
    public var plannedArrivalMs: UInt64
    public var departedAtMs: UInt64
    public var arrivedAtMs: UInt64
    public var completedAtMs: UInt64
    public var status: Status
    public var passengers: [Passenger]
    public var cargo: [CargoLine]
    public var removals: [Removal]
    public var incidents: [Incident]
    /// Given when it departed outside every window in effect at its crossing.
    public var departureOverride: String
    public var abortReason: String

    public init(
        id: String = "",
        kind: Kind = .unspecified,
        agreementID: String = "",
        listID: String = "",
        originSiteID: String = "",
        crossingSiteID: String = "",
        destinationSiteIDs: [String] = [],
        vehicles: [Vehicles] = [],
        plannedDepartureMs: UInt64 = 0,
        plannedArrivalMs: UInt64 = 0,
        departedAtMs: UInt64 = 0,
        arrivedAtMs: UInt64 = 0,
        completedAtMs: UInt64 = 0,
        status: Status = .unspecified,
        passengers: [Passenger] = [],
        cargo: [CargoLine] = [],
        removals: [Removal] = [],
        incidents: [Incident] = [],
        departureOverride: String = "",
        abortReason: String = ""
    ) {
        self.id = id
        self.kind = kind
        self.agreementID = agreementID
        self.listID = listID
        self.originSiteID = originSiteID
        self.crossingSiteID = crossingSiteID
        self.destinationSiteIDs = destinationSiteIDs
        self.vehicles = vehicles
        self.plannedDepartureMs = plannedDepartureMs
        self.plannedArrivalMs = plannedArrivalMs
        self.departedAtMs = departedAtMs
        self.arrivedAtMs = arrivedAtMs
        self.completedAtMs = completedAtMs
        self.status = status
        self.passengers = passengers
        self.cargo = cargo
        self.removals = removals
        self.incidents = incidents
        self.departureOverride = departureOverride
        self.abortReason = abortReason
    }
}

/// A place: enclave, city, district, crossing point, hospital, shelter, camp,
/// prison, governorate, town or village, checkpoint.
public struct Site: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case unspecified = "KIND_UNSPECIFIED"
        case enclave = "ENCLAVE"
        case city = "CITY"
        case district = "DISTRICT"
        case crossing = "CROSSING"
        case hospital = "HOSPITAL"
        case shelter = "SHELTER"
        case camp = "CAMP"
        case prison = "PRISON"
        /// A governorate or province.
        case governorate = "GOVERNORATE"
        /// A town or village.
        case town = "TOWN"
        /// A checkpoint on a route: not a crossing, so no movement crosses
        /// at one and it has no crossing status.
        case checkpoint = "CHECKPOINT"
    }

    public enum CrossingStatus: String, Sendable, CaseIterable {
        case unspecified = "CROSSING_STATUS_UNSPECIFIED"
        case open = "OPEN"
        case restricted = "RESTRICTED"
        case closed = "CLOSED"
    }

    public var id: String
    public var name: String
    public var kind: Kind
    public var parentID: String
    public var controlledBy: String
    public var besiegedBy: [String]
    /// YYYY-MM-DD, empty when not besieged.
    public var besiegedSince: String
    public var designations: [String]
    /// Crossings only.
    public var crossingStatus: CrossingStatus

    public init(
        id: String, name: String, kind: Kind, parentID: String = "", controlledBy: String = "",
        besiegedBy: [String] = [], besiegedSince: String = "", designations: [String] = [],
        crossingStatus: CrossingStatus = .unspecified
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.parentID = parentID
        self.controlledBy = controlledBy
        self.besiegedBy = besiegedBy
        self.besiegedSince = besiegedSince
        self.designations = designations
        self.crossingStatus = crossingStatus
    }
}

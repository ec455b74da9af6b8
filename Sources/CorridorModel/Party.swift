/// An actor in the operation: government, armed group, UN agency, Red Cross /
/// Red Crescent society, NGO, monitor, state, media, local council, civil
/// society.
public struct Party: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case unspecified = "KIND_UNSPECIFIED"
        case government = "GOVERNMENT"
        case armedGroup = "ARMED_GROUP"
        case unAgency = "UN_AGENCY"
        case redCrossRedCrescent = "RED_CROSS_RED_CRESCENT"
        case ngo = "NGO"
        case monitor = "MONITOR"
        case state = "STATE"
        /// A newspaper, broadcaster or news agency.
        case media = "MEDIA"
        /// A local council or local committee of the besieged area.
        case localCouncil = "LOCAL_COUNCIL"
        /// Activists and civil-society groups.
        case civilSociety = "CIVIL_SOCIETY"
    }

    public var id: String
    public var shortName: String
    public var fullName: String
    public var kind: Kind
    public var aliases: [String]

    public init(id: String, shortName: String, fullName: String = "", kind: Kind, aliases: [String] = []) {
        self.id = id
        self.shortName = shortName
        self.fullName = fullName
        self.kind = kind
        self.aliases = aliases
    }
}

import CorridorModel

// The Registry service's requests and responses (proto/corridor/v1/registry.proto).
// Field names follow the proto's; the generic protobuf-c coder maps them.

public struct GetRequest: ProtobufMessage, Equatable {
    public var id: String
    public init(id: String) { self.id = id }
}

public struct RegisterPartyRequest: ProtobufMessage, Equatable {
    public var party: Party?
    public init(party: Party) { self.party = party }
}

public struct UpdatePartyRequest: ProtobufMessage, Equatable {
    public var party: Party?
    public var fields: [String]
    public var reason: String
    public init(party: Party, fields: [String], reason: String = "") {
        self.party = party
        self.fields = fields
        self.reason = reason
    }
}

public struct ListPartiesRequest: ProtobufMessage, Equatable {
    public init() {}
}

public struct ListPartiesResponse: ProtobufMessage, Equatable {
    public var parties: [Party]
    public init(parties: [Party]) { self.parties = parties }
}

public struct RegisterSiteRequest: ProtobufMessage, Equatable {
    public var site: Site?
    public init(site: Site) { self.site = site }
}

public struct UpdateSiteRequest: ProtobufMessage, Equatable {
    public var site: Site?
    public var fields: [String]
    public var reason: String
    public init(site: Site, fields: [String], reason: String = "") {
        self.site = site
        self.fields = fields
        self.reason = reason
    }
}

public struct ListSitesRequest: ProtobufMessage, Equatable {
    public var kind: Site.Kind
    public var parentID: String
    public init(kind: Site.Kind = .unspecified, parentID: String = "") {
        self.kind = kind
        self.parentID = parentID
    }
}

public struct ListSitesResponse: ProtobufMessage, Equatable {
    public var sites: [Site]
    public init(sites: [Site]) { self.sites = sites }
}

public struct SetCrossingStatusRequest: ProtobufMessage, Equatable {
    public var siteID: String
    public var status: Site.CrossingStatus
    public var reason: String
    public init(siteID: String, status: Site.CrossingStatus, reason: String = "") {
        self.siteID = siteID
        self.status = status
        self.reason = reason
    }
}

public struct RegisterCaseRequest: ProtobufMessage, Equatable {
    public var `case`: Case?
    public var personal: CasePersonal?
    public init(case: Case, personal: CasePersonal? = nil) {
        self.case = `case`
        self.personal = personal
    }
}

public struct UpdateCaseRequest: ProtobufMessage, Equatable {
    public var `case`: Case?
    public var personal: CasePersonal?
    public var fields: [String]
    public var reason: String
    public init(case: Case, personal: CasePersonal? = nil, fields: [String], reason: String = "") {
        self.case = `case`
        self.personal = personal
        self.fields = fields
        self.reason = reason
    }
}

public struct SetCaseStatusRequest: ProtobufMessage, Equatable {
    public var caseID: String
    public var status: Case.Status
    public var date: String
    public var reason: String
    public init(caseID: String, status: Case.Status, date: String = "", reason: String = "") {
        self.caseID = caseID
        self.status = status
        self.date = date
        self.reason = reason
    }
}

public struct ListCasesRequest: ProtobufMessage, Equatable {
    public var siteID: String
    public var status: Case.Status
    public var limit: UInt32
    public var pageToken: String
    public init(siteID: String = "", status: Case.Status = .unspecified, limit: UInt32 = 0, pageToken: String = "") {
        self.siteID = siteID
        self.status = status
        self.limit = limit
        self.pageToken = pageToken
    }
}

public struct HistoryResponse: ProtobufMessage, Equatable {
    public var entries: [RecordedEvent]
    public init(entries: [RecordedEvent]) { self.entries = entries }
}

public struct WatchRequest: ProtobufMessage, Equatable {
    public var fromSequence: UInt64
    public var kinds: [String]
    public var recordID: String
    public init(fromSequence: UInt64 = 0, kinds: [String] = [], recordID: String = "") {
        self.fromSequence = fromSequence
        self.kinds = kinds
        self.recordID = recordID
    }
}

import CorridorWire

@_exported import CorridorModel
@_exported import CorridorWire
@_exported import struct CorridorWire.StoreStatus

// Typed calls of the Registry service (proto/corridor/v1/registry.proto).
extension CorridorClient {
    private static let registry = "/corridor.v1.Registry/"

    public func registerParty(_ party: Party, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Party {
        try await unary(Self.registry + "RegisterParty", RegisterPartyRequest(party: party), timeout: timeout)
    }

    /// Changes the fields named in `fields` (e.g. "full_name") to their values in `party`.
    public func updateParty(_ party: Party, fields: [String], reason: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> Party {
        try await unary(Self.registry + "UpdateParty", UpdatePartyRequest(party: party, fields: fields, reason: reason), timeout: timeout)
    }

    public func party(_ id: String, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Party {
        try await unary(Self.registry + "GetParty", GetRequest(id: id), timeout: timeout)
    }

    public func parties(timeout: Duration? = .seconds(30)) async throws(RPCError) -> [Party] {
        let response: ListPartiesResponse = try await unary(Self.registry + "ListParties", ListPartiesRequest(), timeout: timeout)
        return response.parties
    }

    public func registerSite(_ site: Site, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Site {
        try await unary(Self.registry + "RegisterSite", RegisterSiteRequest(site: site), timeout: timeout)
    }

    public func updateSite(_ site: Site, fields: [String], reason: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> Site {
        try await unary(Self.registry + "UpdateSite", UpdateSiteRequest(site: site, fields: fields, reason: reason), timeout: timeout)
    }

    public func site(_ id: String, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Site {
        try await unary(Self.registry + "GetSite", GetRequest(id: id), timeout: timeout)
    }

    public func sites(kind: Site.Kind = .unspecified, parentID: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> [Site] {
        let response: ListSitesResponse = try await unary(Self.registry + "ListSites", ListSitesRequest(kind: kind, parentID: parentID), timeout: timeout)
        return response.sites
    }

    public func setCrossingStatus(_ siteID: String, to status: Site.CrossingStatus, reason: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> Site {
        try await unary(Self.registry + "SetCrossingStatus", SetCrossingStatusRequest(siteID: siteID, status: status, reason: reason), timeout: timeout)
    }

    public func registerCase(_ record: Case, personal: CasePersonal? = nil, timeout: Duration? = .seconds(30)) async throws(RPCError) -> CaseView {
        try await unary(Self.registry + "RegisterCase", RegisterCaseRequest(case: record, personal: personal), timeout: timeout)
    }

    /// Changes the fields named in `fields`: Case field names, or "personal.<field>".
    public func updateCase(_ record: Case, personal: CasePersonal? = nil, fields: [String], reason: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> CaseView {
        try await unary(Self.registry + "UpdateCase", UpdateCaseRequest(case: record, personal: personal, fields: fields, reason: reason), timeout: timeout)
    }

    public func setCaseStatus(_ caseID: String, to status: Case.Status, date: String = "", reason: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> CaseView {
        try await unary(Self.registry + "SetCaseStatus", SetCaseStatusRequest(caseID: caseID, status: status, date: date, reason: reason), timeout: timeout)
    }

    public func caseView(_ id: String, timeout: Duration? = .seconds(30)) async throws(RPCError) -> CaseView {
        try await unary(Self.registry + "GetCase", GetRequest(id: id), timeout: timeout)
    }

    public func cases(siteID: String = "", status: Case.Status = .unspecified, limit: UInt32 = 0, pageToken: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> ListCasesResponse {
        try await unary(Self.registry + "ListCases", ListCasesRequest(siteID: siteID, status: status, limit: limit, pageToken: pageToken), timeout: timeout)
    }

    /// Every event of a record, oldest first; "kind:id" where ids collide across kinds.
    public func history(of id: String, timeout: Duration? = .seconds(30)) async throws(RPCError) -> [RecordedEvent] {
        let response: HistoryResponse = try await unary(Self.registry + "History", GetRequest(id: id), timeout: timeout)
        return response.entries
    }

    /// Events from `fromSequence` on, then each new one as it is recorded.
    /// To resume after a disconnect, start again from the last sequence seen + 1.
    public func watch(from fromSequence: UInt64 = 0, kinds: [RecordKind] = [], recordID: String = "") -> AsyncThrowingStream<RecordedEvent, any Error> {
        serverStreaming(Self.registry + "Watch", WatchRequest(fromSequence: fromSequence, kinds: kinds.map(\.rawValue), recordID: recordID))
    }
}

import CorridorWire

@_exported import CorridorModel
@_exported import CorridorWire

// Typed calls of the Registry service (proto/corridor/v1/registry.proto): parties, sites,
// cases, history and watch. Each goes through its generated RPCMethod
// (`Corridor_V1_Registry`); arguments and results are model values, mapped by
// CorridorWire/Mapping.
extension CorridorClient {
    public func registerParty(_ party: Party, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Party {
        let reply = try await unary(Corridor_V1_Registry.registerParty, Corridor_V1_RegisterPartyRequest(party: Corridor_V1_Party(party)), timeout: timeout)
        return try Self.model { () throws(MappingError) in try Party(proto: reply) }
    }

    /// Changes the fields named in `fields` (e.g. "full_name") to their values in `party`.
    public func updateParty(_ party: Party, fields: [String], reason: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> Party {
        let request = Corridor_V1_UpdatePartyRequest(party: Corridor_V1_Party(party), fields: fields, reason: reason)
        let reply = try await unary(Corridor_V1_Registry.updateParty, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Party(proto: reply) }
    }

    public func party(_ id: String, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Party {
        let reply = try await unary(Corridor_V1_Registry.getParty, Corridor_V1_GetRequest(id: id), timeout: timeout)
        return try Self.model { () throws(MappingError) in try Party(proto: reply) }
    }

    public func parties(timeout: Duration? = .seconds(30)) async throws(RPCError) -> [Party] {
        let reply = try await unary(Corridor_V1_Registry.listParties, Corridor_V1_ListPartiesRequest(), timeout: timeout)
        return try Self.model { () throws(MappingError) in try reply.parties.map { party throws(MappingError) in try Party(proto: party) } }
    }

    public func registerSite(_ site: Site, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Site {
        let reply = try await unary(Corridor_V1_Registry.registerSite, Corridor_V1_RegisterSiteRequest(site: Corridor_V1_Site(site)), timeout: timeout)
        return try Self.model { () throws(MappingError) in try Site(proto: reply) }
    }

    public func updateSite(_ site: Site, fields: [String], reason: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> Site {
        let request = Corridor_V1_UpdateSiteRequest(site: Corridor_V1_Site(site), fields: fields, reason: reason)
        let reply = try await unary(Corridor_V1_Registry.updateSite, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Site(proto: reply) }
    }

    public func site(_ id: String, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Site {
        let reply = try await unary(Corridor_V1_Registry.getSite, Corridor_V1_GetRequest(id: id), timeout: timeout)
        return try Self.model { () throws(MappingError) in try Site(proto: reply) }
    }

    public func sites(kind: Site.Kind = .unspecified, parentID: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> [Site] {
        let request = Corridor_V1_ListSitesRequest(kind: Corridor_V1_Site.Kind(kind), parentID: parentID)
        let reply = try await unary(Corridor_V1_Registry.listSites, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try reply.sites.map { site throws(MappingError) in try Site(proto: site) } }
    }

    public func setCrossingStatus(_ siteID: String, to status: Site.CrossingStatus, reason: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> Site {
        let request = Corridor_V1_SetCrossingStatusRequest(siteID: siteID, status: Corridor_V1_Site.CrossingStatus(status), reason: reason)
        let reply = try await unary(Corridor_V1_Registry.setCrossingStatus, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try Site(proto: reply) }
    }

    public func registerCase(_ record: Case, personal: CasePersonal? = nil, timeout: Duration? = .seconds(30)) async throws(RPCError) -> CaseView {
        let request = Corridor_V1_RegisterCaseRequest(case: Corridor_V1_Case(record), personal: personal.map(Corridor_V1_CasePersonal.init))
        let reply = try await unary(Corridor_V1_Registry.registerCase, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try CaseView(proto: reply) }
    }

    /// Changes the fields named in `fields`: Case field names, or "personal.<field>".
    public func updateCase(_ record: Case, personal: CasePersonal? = nil, fields: [String], reason: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> CaseView {
        let request = Corridor_V1_UpdateCaseRequest(
            case: Corridor_V1_Case(record), personal: personal.map(Corridor_V1_CasePersonal.init), fields: fields, reason: reason
        )
        let reply = try await unary(Corridor_V1_Registry.updateCase, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try CaseView(proto: reply) }
    }

    public func setCaseStatus(_ caseID: String, to status: Case.Status, date: String = "", reason: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> CaseView {
        let request = Corridor_V1_SetCaseStatusRequest(caseID: caseID, status: Corridor_V1_Case.Status(status), date: date, reason: reason)
        let reply = try await unary(Corridor_V1_Registry.setCaseStatus, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try CaseView(proto: reply) }
    }

    /// Erases a case's personal part for good (its data key destroyed), with a reason.
    public func eraseCasePersonalData(_ caseID: String, reason: String, timeout: Duration? = .seconds(30)) async throws(RPCError) -> CaseView {
        let request = Corridor_V1_EraseCasePersonalDataRequest(caseID: caseID, reason: reason)
        let reply = try await unary(Corridor_V1_Registry.eraseCasePersonalData, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try CaseView(proto: reply) }
    }

    public func caseView(_ id: String, timeout: Duration? = .seconds(30)) async throws(RPCError) -> CaseView {
        let reply = try await unary(Corridor_V1_Registry.getCase, Corridor_V1_GetRequest(id: id), timeout: timeout)
        return try Self.model { () throws(MappingError) in try CaseView(proto: reply) }
    }

    public func cases(siteID: String = "", status: Case.Status = .unspecified, limit: UInt32 = 0, pageToken: String = "", timeout: Duration? = .seconds(30)) async throws(RPCError) -> ListCasesResponse {
        let request = Corridor_V1_ListCasesRequest(siteID: siteID, status: Corridor_V1_Case.Status(status), limit: limit, pageToken: pageToken)
        let reply = try await unary(Corridor_V1_Registry.listCases, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try ListCasesResponse(proto: reply) }
    }

    /// Every event of a record, oldest first; "kind:id" where ids collide across kinds.
    /// An event this build does not know has `event == nil` (see `recordedEvent`).
    public func history(of id: String, timeout: Duration? = .seconds(30)) async throws(RPCError) -> [RecordedEvent] {
        let reply = try await unary(Corridor_V1_Registry.history, Corridor_V1_GetRequest(id: id), timeout: timeout)
        return reply.entries.map { entry in
            Self.recordedEvent(Corridor_V1_WatchedEvent(sequence: entry.sequence, recordedAtNs: entry.recordedAtNs, event: entry.event))
        }
    }

    /// Events from `fromSequence` on, then each new one as it is recorded.
    /// To resume after a disconnect, start again from the last sequence seen + 1.
    /// An event this build does not know has `event == nil`; the stream goes on.
    public func watch(from fromSequence: UInt64 = 0, kinds: [RecordKind] = [], recordID: String = "") -> AsyncThrowingStream<RecordedEvent, any Error> {
        let request = Corridor_V1_WatchRequest(fromSequence: fromSequence, kinds: kinds.map(\.rawValue), recordID: recordID)
        return mapped(serverStreaming(Corridor_V1_Registry.watch, request), Self.recordedEvent)
    }
}

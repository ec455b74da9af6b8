import CorridorModel

// The commands of issue 3's records. Each validates against the state,
// records its events, and answers with the record as it now is.

extension Registry {
    public func registerParty(_ party: Party, actor: Actor) async throws(RegistryError) -> Party {
        let events = try currentState.decideRegisterParty(party)
        try await commit(events, actor: actor)
        return party
    }

    public func updateParty(_ changes: Party, fields: [String], reason: String, actor: Actor) async throws(RegistryError) -> Party {
        let (events, updated) = try currentState.decideUpdateParty(changes, fields: fields)
        try await commit(events, actor: actor, reason: reason)
        return updated
    }

    public func registerSite(_ site: Site, actor: Actor) async throws(RegistryError) -> Site {
        let nowNs = Self.unixNanoseconds()
        let events = try currentState.decideRegisterSite(site, nowMs: nowNs / 1_000_000)
        return try await commit(events, actor: actor, at: nowNs) { currentState.sites[site.id] ?? site }
    }

    public func updateSite(_ changes: Site, fields: [String], reason: String, actor: Actor) async throws(RegistryError) -> Site {
        let nowNs = Self.unixNanoseconds()
        let (events, updated) = try currentState.decideUpdateSite(changes, fields: fields, nowMs: nowNs / 1_000_000)
        try await commit(events, actor: actor, reason: reason, at: nowNs)
        return updated
    }

    public func setCrossingStatus(siteID: String, status: Site.CrossingStatus, reason: String, actor: Actor) async throws(RegistryError) -> Site {
        let events = try currentState.decideSetCrossingStatus(siteID: siteID, status: status)
        return try await commit(events, actor: actor, reason: reason) { () throws(RegistryError) in try committed(currentState.sites[siteID], "site \(siteID)") }
    }

    public func registerCase(_ proposed: Case, personal: CasePersonal?, actor: Actor) async throws(RegistryError) -> CaseView {
        let nowNs = Self.unixNanoseconds()
        let (events, registered) = try currentState.decideRegisterCase(proposed, personal: personal, nowMs: nowNs / 1_000_000)
        return try await commit(events, actor: actor, at: nowNs) { () throws(RegistryError) in try committed(view(of: registered.id), "case \(registered.id)") }
    }

    public func updateCase(_ changes: Case, personal: CasePersonal?, fields: [String], reason: String, actor: Actor) async throws(RegistryError) -> CaseView {
        let nowNs = Self.unixNanoseconds()
        let events = try currentState.decideUpdateCase(changes, personal: personal, fields: fields, nowMs: nowNs / 1_000_000)
        return try await commit(events, actor: actor, reason: reason, at: nowNs) { () throws(RegistryError) in try committed(view(of: changes.id), "case \(changes.id)") }
    }

    public func setCaseStatus(caseID: String, status: Case.Status, date: String, reason: String, actor: Actor) async throws(RegistryError) -> CaseView {
        let nowNs = Self.unixNanoseconds()
        let events = try currentState.decideSetCaseStatus(caseID: caseID, status: status, date: date, reason: reason, nowMs: nowNs / 1_000_000)
        return try await commit(events, actor: actor, reason: reason, at: nowNs) { () throws(RegistryError) in try committed(view(of: caseID), "case \(caseID)") }
    }
}

extension Registry {
    /// A record a command has just committed, read back for its answer. The
    /// command found it when it decided, and nothing removes records, so it is
    /// there; if that ever stops being true, the call fails, not the daemon.
    func committed<T>(_ record: T?, _ what: String) throws(RegistryError) -> T {
        guard let record else { throw RegistryError.internal("\(what) was committed but is not in the state") }
        return record
    }
}

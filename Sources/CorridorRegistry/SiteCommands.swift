import CorridorModel

// Sites and crossings.

extension RegistryState {
    func decideRegisterSite(_ site: Site, nowMs: UInt64) throws(RegistryError) -> [EventKind] {
        var checks = FieldChecks()
        checks.identifier(site.id, "site.id")
        checkSiteFields(site, today: CivilDate.utcDay(ofUnixMs: nowMs), checks: &checks)
        try checks.throwIfAny()
        guard sites[site.id] == nil else {
            throw RegistryError.alreadyExists("a site with id \"\(site.id)\" already exists")
        }
        var registered = site
        if registered.kind == .crossing && registered.crossingStatus == .unspecified {
            registered.crossingStatus = .open
        }
        return [.siteRegistered(SiteRegistered(site: registered))]
    }

    static let updatableSiteFields: Set<String> = ["name", "kind", "parent_id", "controlled_by", "besieged_by", "besieged_since", "designations"]

    func decideUpdateSite(_ changes: Site, fields: [String], nowMs: UInt64) throws(RegistryError) -> (events: [EventKind], site: Site) {
        guard let current = sites[changes.id] else {
            throw RegistryError.notFound("no site with id \"\(changes.id)\"")
        }
        let names = try fieldNames(fields, allowed: Self.updatableSiteFields, record: "site")
        var updated = current
        for name in names {
            switch name {
            case "name": updated.name = changes.name
            case "kind": updated.kind = changes.kind
            case "parent_id": updated.parentID = changes.parentID
            case "controlled_by": updated.controlledBy = changes.controlledBy
            case "besieged_by": updated.besiegedBy = changes.besiegedBy
            case "besieged_since": updated.besiegedSince = changes.besiegedSince
            default: updated.designations = changes.designations
            }
        }
        if updated.kind != .crossing { updated.crossingStatus = .unspecified }
        if updated.kind == .crossing && updated.crossingStatus == .unspecified { updated.crossingStatus = .open }
        var checks = FieldChecks()
        checkSiteFields(updated, today: CivilDate.utcDay(ofUnixMs: nowMs), checks: &checks)
        try checks.throwIfAny()
        guard updated != current else { return ([], current) }
        let changed = names.filter { name in
            switch name {
            case "name": current.name != updated.name
            case "kind": current.kind != updated.kind
            case "parent_id": current.parentID != updated.parentID
            case "controlled_by": current.controlledBy != updated.controlledBy
            case "besieged_by": current.besiegedBy != updated.besiegedBy
            case "besieged_since": current.besiegedSince != updated.besiegedSince
            default: current.designations != updated.designations
            }
        }
        return ([.siteUpdated(SiteUpdated(site: updated, changedFields: changed))], updated)
    }

    func decideSetCrossingStatus(siteID: String, status: Site.CrossingStatus) throws(RegistryError) -> [EventKind] {
        guard let site = sites[siteID] else {
            throw RegistryError.notFound("no site with id \"\(siteID)\"")
        }
        var checks = FieldChecks()
        checks.specified(status, .unspecified, "status")
        try checks.throwIfAny()
        guard site.kind == .crossing else {
            throw RegistryError.failedPrecondition("site \"\(siteID)\" is of kind \(site.kind.rawValue), not CROSSING; only crossings have a crossing status")
        }
        guard site.crossingStatus.allowedNext.contains(status) else {
            throw refusedTransition("crossing \(siteID)", is: site.crossingStatus, to: status, field: "status")
        }
        return [.crossingStatusChanged(CrossingStatusChanged(siteID: siteID, from: site.crossingStatus, to: status))]
    }

    private func checkSiteFields(_ site: Site, today: CivilDate, checks: inout FieldChecks) {
        checks.text(site.name, "site.name", required: true)
        checks.specified(site.kind, .unspecified, "site.kind")
        if !site.parentID.isEmpty {
            checks.require(sites[site.parentID] != nil, "site.parent_id", "no site with id \"\(site.parentID)\"")
            checks.require(site.parentID != site.id, "site.parent_id", "a site cannot lie within itself")
            checks.require(!isAncestor(site.id, of: site.parentID), "site.parent_id", "\"\(site.parentID)\" lies within \"\(site.id)\"; the parents would form a loop")
        }
        if !site.controlledBy.isEmpty {
            checks.require(parties[site.controlledBy] != nil, "site.controlled_by", "no party with id \"\(site.controlledBy)\"")
        }
        for (index, party) in site.besiegedBy.enumerated() {
            checks.require(parties[party] != nil, "site.besieged_by[\(index)]", "no party with id \"\(party)\"")
        }
        // A siege is recorded once it has begun.
        checks.date(site.besiegedSince, "site.besieged_since", required: false, notAfter: today)
        checks.require(site.besiegedSince.isEmpty || !site.besiegedBy.isEmpty, "site.besieged_since", "is set but no party besieges the site (site.besieged_by)")
        checks.require(site.kind == .crossing || site.crossingStatus == .unspecified, "site.crossing_status", "only a CROSSING has a crossing status")
        for (index, designation) in site.designations.enumerated() {
            checks.text(designation, "site.designations[\(index)]", required: true)
        }
    }

    private func isAncestor(_ id: String, of siteID: String) -> Bool {
        var current = sites[siteID]?.parentID ?? ""
        var seen: Set<String> = []
        while !current.isEmpty, seen.insert(current).inserted {
            if current == id { return true }
            current = sites[current]?.parentID ?? ""
        }
        return false
    }
}

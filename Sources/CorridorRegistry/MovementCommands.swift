import CorridorModel
import CorridorTimeZones

// The commands as the decide functions take them.

struct ChangeManifestCommand {
    var movementID: String
    var add: [Movement.Passenger]
    var removeCaseIDs: [String]
    var reason: String
}

struct SetMovementStatusCommand {
    var movementID: String
    var status: Movement.Status
    var at: String
    var timeZone: String
    var overrideReason: String
    var reason: String
}

struct RemoveCargoCommand {
    var movementID: String
    var lineID: String
    var quantity: UInt64
    var partyID: String
    var reason: String
    var stage: Movement.RemovalStage
    var siteID: String
    var at: String
    var timeZone: String
}

struct RecordDeliveryCommand {
    var movementID: String
    var lines: [LineDelivery]
    var restInFull: Bool
}

struct ReportIncidentCommand {
    var movementID: String
    var incident: Movement.Incident?
    var at: String
    var timeZone: String
}

// Movements: planning, manifests, the lifecycle (departure only inside an
// access window at the crossing, or with an override), cargo removed at
// loading or at a checkpoint, deliveries and incidents.

extension Movement.Status {
    /// The statuses a movement may move to from this one.
    public var allowedNext: [Movement.Status] {
        switch self {
        case .planned: [.notified, .aborted]
        case .notified: [.departed, .aborted]
        case .departed: [.arrived, .aborted]
        case .arrived: [.completed]
        case .unspecified, .completed, .aborted: []
        }
    }

    /// Not COMPLETED or ABORTED: its manifest still holds its cases.
    public var isActive: Bool { self != .completed && self != .aborted && self != .unspecified }
}

extension Movement {
    /// The passengers still on the manifest.
    public var activePassengers: [Passenger] { passengers.filter { !$0.removed } }
}

extension RegistryState {
    // MARK: Planning

    func decidePlanMovement(_ proposed: Movement?, nowMs: UInt64) throws(RegistryError) -> (events: [EventKind], movement: Movement) {
        guard var movement = proposed else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "movement", reason: "is required")])
        }
        var checks = FieldChecks()
        checks.identifier(movement.id, "movement.id")
        checks.specified(movement.kind, .unspecified, "movement.kind")
        checks.require(!movement.originSiteID.isEmpty, "movement.origin_site_id", "is required")
        checks.require(movement.originSiteID.isEmpty || sites[movement.originSiteID] != nil, "movement.origin_site_id", "no site with id \"\(movement.originSiteID)\"")
        checks.require(!movement.crossingSiteID.isEmpty, "movement.crossing_site_id", "is required")
        if let crossing = sites[movement.crossingSiteID] {
            checks.require(crossing.kind == .crossing, "movement.crossing_site_id", "site \"\(crossing.id)\" is of kind \(crossing.kind.rawValue), not CROSSING")
        } else if !movement.crossingSiteID.isEmpty {
            checks.require(false, "movement.crossing_site_id", "no site with id \"\(movement.crossingSiteID)\"")
        }
        checks.require(!movement.destinationSiteIDs.isEmpty, "movement.destination_site_ids", "is required: at least one destination")
        for (index, siteID) in movement.destinationSiteIDs.enumerated() {
            checks.require(sites[siteID] != nil, "movement.destination_site_ids[\(index)]", "no site with id \"\(siteID)\"")
        }
        checks.require(Set(movement.destinationSiteIDs).count == movement.destinationSiteIDs.count, "movement.destination_site_ids", "lists a site twice")
        if !movement.agreementID.isEmpty {
            checks.require(agreements[movement.agreementID] != nil, "movement.agreement_id", "no agreement with id \"\(movement.agreementID)\"")
        }
        if !movement.listID.isEmpty {
            if let list = lists[movement.listID] {
                checks.require(list.status == .approved || list.status == .inProgress, "movement.list_id",
                               "list \(list.id) is \(list.status.rawValue); a movement needs an APPROVED or IN_PROGRESS list")
                checks.require(movement.agreementID.isEmpty || list.agreementID == movement.agreementID, "movement.list_id",
                               "list \(list.id) belongs to agreement \"\(list.agreementID)\", not \(movement.agreementID)")
            } else {
                checks.require(false, "movement.list_id", "no list with id \"\(movement.listID)\"")
            }
        }
        for (index, vehicles) in movement.vehicles.enumerated() {
            checks.specified(vehicles.kind, .unspecified, "movement.vehicles[\(index)].kind")
            checks.require(vehicles.count >= 1, "movement.vehicles[\(index)].count", "must be at least 1")
        }
        checks.require(movement.kind != .evacuation || movement.cargo.isEmpty, "movement.cargo", "only an AID_CONVOY carries cargo")
        checks.require(movement.kind != .aidConvoy || movement.passengers.isEmpty, "movement.passengers", "only an EVACUATION carries passengers")
        var usedIDs = Set(movement.cargo.map(\.id).filter { !$0.isEmpty })
        checks.require(usedIDs.count == movement.cargo.filter({ !$0.id.isEmpty }).count, "movement.cargo", "two lines have the same id")
        var nextNumber = 1
        for index in movement.cargo.indices {
            let field = "movement.cargo[\(index)]"
            if movement.cargo[index].id.isEmpty {
                while usedIDs.contains(String(nextNumber)) { nextNumber += 1 }
                movement.cargo[index].id = String(nextNumber)
                usedIDs.insert(String(nextNumber))
            } else {
                checks.text(movement.cargo[index].id, "\(field).id", required: true, maxLength: 64)
            }
            let line = movement.cargo[index]
            checks.text(line.item, "\(field).item", required: true)
            checks.specified(line.category, .unspecified, "\(field).category")
            checks.require(line.quantity >= 1, "\(field).quantity", "must be at least 1")
            checks.text(line.unit, "\(field).unit", required: true, maxLength: 64)
            checks.require(line.removed == 0, "\(field).removed", "is recorded by cargo removals")
            checks.require(line.delivered == 0 && !line.deliveryRecorded, "\(field).delivered", "is recorded on arrival")
        }
        checks.require(movement.plannedArrivalMs == 0 || movement.plannedArrivalMs >= movement.plannedDepartureMs, "movement.planned_arrival_ms",
                       "is before planned_departure_ms")
        checks.require(movement.status == .unspecified || movement.status == .planned, "movement.status",
                       "a movement is planned PLANNED; it is \(movement.status.rawValue)")
        checks.require(movement.departedAtMs == 0 && movement.arrivedAtMs == 0 && movement.completedAtMs == 0, "movement.departed_at_ms",
                       "the actual times are set by status changes")
        checks.require(movement.removals.isEmpty, "movement.removals", "are recorded by RemoveCargo")
        checks.require(movement.incidents.isEmpty, "movement.incidents", "are recorded by ReportIncident")
        checks.require(movement.departureOverride.isEmpty && movement.abortReason.isEmpty, "movement.departure_override", "is set by status changes")
        checkManifestFields(movement.passengers, of: movement, field: "movement.passengers", checks: &checks)
        try checks.throwIfAny()
        guard movements[movement.id] == nil else {
            throw RegistryError.alreadyExists("a movement with id \"\(movement.id)\" already exists")
        }
        movement.status = .planned
        let requested = movement.passengers
        movement.passengers = []
        let (passengers, caseEvents) = try manifestAdditions(requested, to: movement, field: "movement.passengers", date: LocalTimestamp.utcDate(nowMs))
        movement.passengers = passengers
        return ([.movementPlanned(MovementPlanned(movement: movement))] + caseEvents, movement)
    }

    // MARK: Manifests

    /// The field checks of passengers to add (their cases are checked by `manifestAdditions`).
    private func checkManifestFields(_ add: [Movement.Passenger], of movement: Movement, field: String, checks: inout FieldChecks) {
        var seen = Set<String>()
        for (index, passenger) in add.enumerated() {
            checks.require(!passenger.caseID.isEmpty, "\(field)[\(index)].case_id", "is required")
            checks.require(seen.insert(passenger.caseID).inserted || passenger.caseID.isEmpty, "\(field)[\(index)].case_id", "case \(passenger.caseID) is given twice")
            checks.require(passenger.destinationSiteID.isEmpty || movement.destinationSiteIDs.contains(passenger.destinationSiteID),
                           "\(field)[\(index)].destination_site_id",
                           "\"\(passenger.destinationSiteID)\" is not a destination of the movement (\(movement.destinationSiteIDs.joined(separator: ", ")))")
            checks.require(!passenger.removed && passenger.removedReason.isEmpty, "\(field)[\(index)].removed", "is set by removing the case from the manifest")
            checks.require(passenger.companionOf.isEmpty, "\(field)[\(index)].companion_of", "is set by the registry")
            checks.require(passenger.companionsLeft.isEmpty, "\(field)[\(index)].companions_left", "is set by the registry")
            // Families are not split silently: leaving companions behind is a decision someone states.
            checks.require(!passenger.withoutCompanions || !passenger.companionsLeftReason.allSatisfy(\.isWhitespace),
                           "\(field)[\(index)].companions_left_reason",
                           "is required to board case \(passenger.caseID) without its companions: why they stay behind")
            checks.require(passenger.withoutCompanions || passenger.companionsLeftReason.isEmpty,
                           "\(field)[\(index)].companions_left_reason", "is given only with without_companions")
            checks.text(passenger.companionsLeftReason, "\(field)[\(index)].companions_left_reason", required: false, maxLength: 1000)
        }
    }

    /// The active movement whose manifest holds the case (not removed), if any.
    func activeManifest(of caseID: String) -> Movement? {
        movements.values.sorted { $0.id < $1.id }.first { movement in
            movement.status.isActive && movement.passengers.contains { $0.caseID == caseID && !$0.removed }
        }
    }

    /// Where a case stands on an open list: as an entry's case, or as one of
    /// its companions (who travel with or after it).
    struct ListPlace {
        var list: EvacuationList
        var entry: ListEntry
        var isCompanion: Bool
    }

    /// The APPROVED or IN_PROGRESS list (the given one, if any) with the case
    /// as an ACTIVE entry or a companion of one.
    func openListPlace(of caseID: String, listID: String = "") -> ListPlace? {
        let candidates = listID.isEmpty ? lists.values.sorted { $0.id < $1.id } : [lists[listID]].compactMap { $0 }
        for list in candidates where list.status == .approved || list.status == .inProgress {
            for entry in list.entries where entry.state == .active {
                if entry.caseID == caseID { return ListPlace(list: list, entry: entry, isCompanion: false) }
                if entry.companionIDs.contains(caseID) { return ListPlace(list: list, entry: entry, isCompanion: true) }
            }
        }
        return nil
    }

    /// The lists whose rules decide whether the case may board: its own list;
    /// for a case on none, the movement's list, or every open list whose origin
    /// holds its site (so a case a rule left out hears of the rule, not of
    /// being WAITING).
    private func listsRuling(_ record: Case, place: ListPlace?, movement: Movement) -> [EvacuationList] {
        if let place { return [place.list] }
        if let list = lists[movement.listID] { return [list] }
        return lists.values.filter { list in
            (list.status == .approved || list.status == .inProgress) && Self.siteTree(list.originSiteID, sites: sites).contains(record.siteID)
        }.sorted { $0.id < $1.id }
    }

    /// Every reason the case cannot board now, the rules (and their imposing
    /// parties) first; empty when it can. `boardingWith`: the cases this
    /// command puts on the manifest, for a companion travelling with its case.
    private func boardingRefusals(_ record: Case, place: ListPlace?, movement: Movement, boardingWith: Set<String>) -> [String] {
        var reasons: [String] = []
        var named = Set<String>()
        for list in listsRuling(record, place: place, movement: movement) {
            let onList = list.entries.filter { $0.state == .active }.compactMap { cases[$0.caseID] }
            for rule in excludingRules(for: record, under: list.ruleIDs, accompanying: casesAccompanied(by: record.id, among: onList))
            where named.insert(rule.id).inserted {
                reasons.append("case \(record.id) is \(rule.refusalText) (a rule of list \(list.id))")
            }
        }
        if let other = activeManifest(of: record.id) {
            let which = other.id == movement.id ? "this movement's manifest" : "the manifest of movement \(other.id) (\(other.status.rawValue))"
            reasons.append("case \(record.id) is already on \(which); a case can be on one active manifest only")
        } else if record.status != .listed {
            reasons.append("case \(record.id) is \(record.status.rawValue); a manifest takes LISTED cases (an ACTIVE entry of an APPROVED or IN_PROGRESS list, or a companion of one)")
        } else if let place {
            let entryCase = place.entry.caseID
            let entryStatus = cases[entryCase]?.status ?? .unspecified
            let entryAboard = boardingWith.contains(entryCase) || activeManifest(of: entryCase) != nil
                || entryStatus == .inTransit || entryStatus == .evacuated
            if place.isCompanion && !entryAboard {
                reasons.append("case \(record.id) is a companion of \(entryCase) and travels with or after it; \(entryCase) is \(entryStatus.rawValue) and on no manifest: add \(entryCase) (its companions come along)")
            }
        } else {
            let which = movement.listID.isEmpty ? "any APPROVED or IN_PROGRESS list" : "list \(movement.listID) (\(lists[movement.listID]?.status.rawValue ?? "missing"))"
            reasons.append("case \(record.id) is LISTED but not an ACTIVE entry of \(which), nor a companion of one")
        }
        return reasons
    }

    /// The passengers (with their destinations) the manifest gains, and the
    /// cases going LISTED → SCHEDULED. An entry's case brings its companions
    /// still to travel unless the passenger says `without_companions` (with a
    /// reason, kept on the manifest with who stays behind); a companion boards
    /// with or after its case. Refuses with every reason of every case that
    /// cannot board, one violation each, the rules first.
    func manifestAdditions(_ add: [Movement.Passenger], to movement: Movement, field: String, date: String) throws(RegistryError) -> (passengers: [Movement.Passenger], events: [EventKind]) {
        var passengers = movement.passengers
        var refusals: [FieldViolation] = []
        let requested = Set(add.map(\.caseID))
        var boarding = requested
        var added: [Movement.Passenger] = []
        for (index, wanted) in add.enumerated() {
            guard let record = cases[wanted.caseID] else {
                throw RegistryError.notFound("no case with id \"\(wanted.caseID)\"")
            }
            let place = openListPlace(of: record.id, listID: movement.listID)
            let reasons = boardingRefusals(record, place: place, movement: movement, boardingWith: requested)
            guard reasons.isEmpty else {
                refusals += reasons.map { FieldViolation(field: "\(field)[\(index)].case_id", reason: $0) }
                continue
            }
            let destination = wanted.destinationSiteID.isEmpty ? (movement.destinationSiteIDs.first ?? "") : wanted.destinationSiteID
            var passenger = Movement.Passenger(caseID: record.id, destinationSiteID: destination, companionOf: place.map { $0.isCompanion ? $0.entry.caseID : "" } ?? "")
            var companions: [Movement.Passenger] = []
            if let place, !place.isCompanion {
                // Companions already travelling (or no longer on the list) neither come along nor stay behind.
                let stillToTravel = place.entry.companionIDs.filter { id in
                    !requested.contains(id) && !boarding.contains(id) && cases[id]?.status == .listed && activeManifest(of: id) == nil
                }
                if wanted.withoutCompanions {
                    passenger.withoutCompanions = true
                    passenger.companionsLeftReason = wanted.companionsLeftReason
                    passenger.companionsLeft = stillToTravel
                } else {
                    let asCompanion = ListPlace(list: place.list, entry: place.entry, isCompanion: true)
                    for id in stillToTravel {
                        guard let companion = cases[id] else { continue }
                        let why = boardingRefusals(companion, place: asCompanion, movement: movement, boardingWith: requested)
                        guard why.isEmpty else {
                            refusals += why.map {
                                FieldViolation(field: "\(field)[\(index)].without_companions",
                                               reason: "companion \(id) of case \(record.id) cannot come along: \($0); board \(record.id) without_companions, with companions_left_reason, to leave it behind")
                            }
                            continue
                        }
                        boarding.insert(id)
                        companions.append(Movement.Passenger(caseID: id, destinationSiteID: destination, companionOf: record.id))
                    }
                }
            }
            added.append(passenger)
            added += companions
        }
        guard refusals.isEmpty else {
            throw RegistryError.failedPrecondition(
                "cannot go on the manifest of movement \(movement.id): \(refusals.map(\.reason).joined(separator: "; "))", violations: refusals)
        }
        var events: [EventKind] = []
        for passenger in added {
            passengers.append(passenger)
            events.append(.caseStatusChanged(CaseStatusChanged(caseID: passenger.caseID, from: .listed, to: .scheduled, date: date)))
        }
        return (passengers, events)
    }

    /// Where a case taken off a manifest (or off an aborted movement) goes back
    /// to: LISTED while it is an ACTIVE entry of an open list or a companion of
    /// one, else WAITING.
    func statusAfterLeavingManifest(_ caseID: String, listID: String) -> Case.Status {
        (openListPlace(of: caseID, listID: listID) ?? openListPlace(of: caseID)) != nil ? .listed : .waiting
    }

    func decideChangeManifest(_ request: ChangeManifestCommand, nowMs: UInt64) throws(RegistryError) -> (events: [EventKind], movement: Movement) {
        guard var movement = movements[request.movementID] else {
            throw RegistryError.notFound("no movement with id \"\(request.movementID)\"")
        }
        var checks = FieldChecks()
        checks.require(!request.add.isEmpty || !request.removeCaseIDs.isEmpty, "add", "name cases to add or remove_case_ids")
        checks.require(request.add.isEmpty || movement.kind == .evacuation, "add", "only an EVACUATION carries passengers; \(movement.id) is \(movement.kind.rawValue)")
        checkManifestFields(request.add, of: movement, field: "add", checks: &checks)
        for (index, caseID) in request.removeCaseIDs.enumerated() {
            checks.require(!caseID.isEmpty, "remove_case_ids[\(index)]", "is required")
            checks.require(!request.add.contains { $0.caseID == caseID }, "remove_case_ids[\(index)]", "case \(caseID) is also added")
        }
        checks.require(Set(request.removeCaseIDs).count == request.removeCaseIDs.count, "remove_case_ids", "lists a case twice")
        checks.require(request.removeCaseIDs.isEmpty || !request.reason.allSatisfy(\.isWhitespace), "reason", "is required to take cases off a manifest")
        checks.text(request.reason, "reason", required: false, maxLength: 1000)
        try checks.throwIfAny()
        let allowed: [Movement.Status] = [.planned, .notified]
        guard allowed.contains(movement.status) else {
            throw wrongState("movement \(movement.id)", is: movement.status, allowed: allowed, for: "changing its manifest")
        }
        let date = LocalTimestamp.utcDate(nowMs)
        var events: [EventKind] = []
        // A case taken off takes the companions that boarded with it (the
        // family stays together); they are named among the removed.
        var removed: [String] = []
        for caseID in request.removeCaseIDs {
            guard movement.passengers.contains(where: { $0.caseID == caseID && !$0.removed }) else {
                throw RegistryError.notFound("case \(caseID) is not on the manifest of movement \(movement.id)")
            }
            removed.append(caseID)
            for passenger in movement.passengers where passenger.companionOf == caseID && !passenger.removed && !removed.contains(passenger.caseID)
                && !request.removeCaseIDs.contains(passenger.caseID) {
                removed.append(passenger.caseID)
            }
        }
        for caseID in removed {
            guard let index = movement.passengers.firstIndex(where: { $0.caseID == caseID && !$0.removed }) else { continue }
            movement.passengers[index].removed = true
            movement.passengers[index].removedReason = request.reason
        }
        for caseID in removed {
            if let record = cases[caseID], record.status == .scheduled {
                events.append(.caseStatusChanged(CaseStatusChanged(caseID: caseID, from: .scheduled, to: statusAfterLeavingManifest(caseID, listID: movement.listID), date: date)))
            }
        }
        // Cases removed above no longer hold a place (on this manifest).
        var stateForAdditions = self
        stateForAdditions.movements[movement.id] = movement
        let before = movement.passengers.count
        let (passengers, added) = try stateForAdditions.manifestAdditions(request.add, to: movement, field: "add", date: date)
        movement.passengers = passengers
        let change = ManifestChanged(movement: movement, addedCaseIDs: passengers[before...].map(\.caseID), removedCaseIDs: removed)
        return ([.manifestChanged(change)] + events + added, movement)
    }

    // MARK: Status

    /// The zone to show a movement's times in: the asked one, else the zone of
    /// a daily window at its crossing, else UTC.
    func displayZone(for crossingSiteID: String, asked: String) -> String {
        if !asked.isEmpty { return asked }
        return windowsCovering(crossingSiteID).compactMap { $0.daily?.timeZone }.first ?? "UTC"
    }

    func decideSetMovementStatus(_ request: SetMovementStatusCommand, nowMs: UInt64) throws(RegistryError) -> (events: [EventKind], movement: Movement) {
        guard var movement = movements[request.movementID] else {
            throw RegistryError.notFound("no movement with id \"\(request.movementID)\"")
        }
        var checks = FieldChecks()
        checks.specified(request.status, .unspecified, "status")
        let given = checks.timestamp(request.at, timeZone: request.timeZone)
        checks.happened(given, "at", nowMs: nowMs)
        let atMs = given ?? nowMs
        let abortReason = request.reason.allSatisfy(\.isWhitespace) ? request.overrideReason : request.reason
        checks.require(request.status != .aborted || !abortReason.allSatisfy(\.isWhitespace), "reason", "is required for ABORTED: why the movement was called off")
        checks.text(request.reason, "reason", required: false, maxLength: 1000)
        checks.text(request.overrideReason, "override_reason", required: false, maxLength: 1000)
        try checks.throwIfAny()
        let from = movement.status
        let to = request.status
        guard from.allowedNext.contains(to) else {
            throw refusedTransition("movement \(movement.id)", is: from, to: to, field: "status")
        }
        let date = LocalTimestamp.utcDate(atMs)
        var followers: [EventKind] = []
        var overrideUsed = ""
        movement.status = to
        switch to {
        case .departed:
            let crossing = sites[movement.crossingSiteID]
            let zone = displayZone(for: movement.crossingSiteID, asked: request.timeZone)
            let overrideGiven = !request.overrideReason.allSatisfy(\.isWhitespace)
            if crossing?.crossingStatus == .closed {
                guard overrideGiven else {
                    throw RegistryError.failedPrecondition("crossing \(movement.crossingSiteID) is CLOSED at \(LocalTimestamp.format(atMs, zoneName: zone)); give override_reason to depart anyway")
                }
                overrideUsed = request.overrideReason
            }
            if activeWindows(at: movement.crossingSiteID, atMs: atMs).isEmpty {
                guard overrideGiven else {
                    let there = windowsCovering(movement.crossingSiteID).map { $0.scheduleText(zoneName: zone) }
                    throw RegistryError.failedPrecondition("crossing \(movement.crossingSiteID) has no access window in effect at \(LocalTimestamp.format(atMs, zoneName: zone)); windows there: \(there.isEmpty ? "none" : there.joined(separator: "; ")); give override_reason to depart anyway")
                }
                overrideUsed = request.overrideReason
            }
            movement.departedAtMs = atMs
            movement.departureOverride = overrideUsed
            for passenger in movement.activePassengers {
                if let record = cases[passenger.caseID], record.status == .scheduled {
                    followers.append(.caseStatusChanged(CaseStatusChanged(caseID: record.id, from: .scheduled, to: .inTransit, date: date)))
                }
            }
            followers += listDepartureEvents(listID: movement.listID)
            if let agreement = agreements[movement.agreementID], agreement.status == .agreed {
                var updated = agreement
                updated.status = .implementing
                if updated.implementationStartedOn.isEmpty { updated.implementationStartedOn = date }
                followers.append(.agreementStatusChanged(AgreementStatusChanged(agreement: updated, from: .agreed, to: .implementing)))
            }
        case .arrived:
            movement.arrivedAtMs = atMs
            for passenger in movement.activePassengers {
                guard let record = cases[passenger.caseID], record.status == .inTransit else { continue }
                var moved = record
                moved.originSiteID = record.siteID
                moved.siteID = passenger.destinationSiteID
                followers.append(.caseUpdated(CaseUpdated(case: moved, changedFields: ["site_id", "origin_site_id"])))
                followers.append(.caseStatusChanged(CaseStatusChanged(caseID: record.id, from: .inTransit, to: .evacuated, date: date)))
            }
        case .completed:
            if movement.kind == .aidConvoy {
                let missing = movement.cargo.filter { !$0.deliveryRecorded }.map(\.id)
                guard missing.isEmpty else {
                    throw RegistryError.failedPrecondition("movement \(movement.id) has no delivery recorded for cargo line\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); record the deliveries first")
                }
            }
            movement.completedAtMs = atMs
        case .aborted:
            movement.abortReason = abortReason
            for passenger in movement.activePassengers {
                guard let record = cases[passenger.caseID], record.status == .scheduled || record.status == .inTransit else { continue }
                followers.append(.caseStatusChanged(CaseStatusChanged(caseID: record.id, from: record.status, to: statusAfterLeavingManifest(record.id, listID: movement.listID), date: date)))
            }
        default:
            break
        }
        let change = MovementStatusChanged(movement: movement, from: from, to: to, atMs: atMs, overrideReason: overrideUsed)
        return ([.movementStatusChanged(change)] + followers, movement)
    }

    // MARK: Cargo, deliveries, incidents

    func decideRemoveCargo(_ request: RemoveCargoCommand, nowMs: UInt64) throws(RegistryError) -> (events: [EventKind], movement: Movement) {
        guard var movement = movements[request.movementID] else {
            throw RegistryError.notFound("no movement with id \"\(request.movementID)\"")
        }
        guard let index = movement.cargo.firstIndex(where: { $0.id == request.lineID }) else {
            throw RegistryError.notFound("no cargo line \"\(request.lineID)\" on movement \(movement.id) (lines: \(movement.cargo.map(\.id).joined(separator: ", ")))")
        }
        let line = movement.cargo[index]
        let left = line.quantity - line.removed
        var checks = FieldChecks()
        checks.require(request.quantity >= 1, "quantity", "must be at least 1")
        checks.require(request.quantity <= left, "quantity", "\(request.quantity) is more than the \(left) \(line.unit) left on line \(line.id) (\(line.quantity) planned, \(line.removed) removed)")
        checks.require(!request.partyID.isEmpty, "party_id", "is required: the party that took it")
        checks.require(request.partyID.isEmpty || parties[request.partyID] != nil, "party_id", "no party with id \"\(request.partyID)\"")
        checks.text(request.reason, "reason", required: true, maxLength: 1000)
        checks.specified(request.stage, .unspecified, "stage")
        checks.require(request.siteID.isEmpty || sites[request.siteID] != nil, "site_id", "no site with id \"\(request.siteID)\"")
        let given = checks.timestamp(request.at, timeZone: request.timeZone)
        checks.happened(given, "at", nowMs: nowMs)
        let atMs = given ?? nowMs
        try checks.throwIfAny()
        let allowed: [Movement.Status] = request.stage == .loading ? [.planned, .notified] : [.notified, .departed]
        guard allowed.contains(movement.status) else {
            throw wrongState("movement \(movement.id)", is: movement.status, allowed: allowed, for: "a removal at \(request.stage.rawValue)")
        }
        let removal = Movement.Removal(
            lineID: line.id, quantity: request.quantity, partyID: request.partyID, reason: request.reason,
            stage: request.stage, siteID: request.siteID, atMs: atMs
        )
        movement.cargo[index].removed += request.quantity
        movement.removals.append(removal)
        return ([.cargoRemoved(CargoRemoved(movement: movement, removal: removal))], movement)
    }

    /// Deliveries of an ARRIVED convoy: each named line's delivered quantity
    /// (at most what is left on it: quantity - removed); rest_in_full delivers
    /// all that is left on every line neither named nor recorded before. A line
    /// may be recorded again (a correction) by naming it.
    func decideRecordDelivery(_ request: RecordDeliveryCommand) throws(RegistryError) -> (events: [EventKind], movement: Movement) {
        guard var movement = movements[request.movementID] else {
            throw RegistryError.notFound("no movement with id \"\(request.movementID)\"")
        }
        var checks = FieldChecks()
        checks.require(!request.lines.isEmpty || request.restInFull, "lines", "name the lines delivered, or give rest_in_full")
        var named = Set<String>()
        for (index, delivery) in request.lines.enumerated() {
            checks.require(named.insert(delivery.lineID).inserted, "lines[\(index)].line_id", "line \(delivery.lineID) is named twice")
            guard let line = movement.cargo.first(where: { $0.id == delivery.lineID }) else {
                checks.require(false, "lines[\(index)].line_id", "no cargo line \"\(delivery.lineID)\" on movement \(movement.id)")
                continue
            }
            let left = line.quantity - line.removed
            checks.require(delivery.delivered <= left, "lines[\(index)].delivered",
                           "\(delivery.delivered) is more than the \(left) \(line.unit) left on line \(line.id) (\(line.quantity) planned, \(line.removed) removed)")
        }
        try checks.throwIfAny()
        guard movement.status == .arrived else {
            throw wrongState("movement \(movement.id)", is: movement.status, allowed: [Movement.Status.arrived], for: "recording deliveries")
        }
        var recorded: [String] = []
        for index in movement.cargo.indices {
            let line = movement.cargo[index]
            if let delivery = request.lines.first(where: { $0.lineID == line.id }) {
                movement.cargo[index].delivered = delivery.delivered
            } else if request.restInFull && !line.deliveryRecorded {
                movement.cargo[index].delivered = line.quantity - line.removed
            } else {
                continue
            }
            movement.cargo[index].deliveryRecorded = true
            recorded.append(line.id)
        }
        return ([.deliveryRecorded(DeliveryRecorded(movement: movement, lineIDs: recorded))], movement)
    }

    func decideReportIncident(_ request: ReportIncidentCommand, nowMs: UInt64) throws(RegistryError) -> (events: [EventKind], movement: Movement) {
        guard var movement = movements[request.movementID] else {
            throw RegistryError.notFound("no movement with id \"\(request.movementID)\"")
        }
        var checks = FieldChecks()
        var incident = request.incident ?? Movement.Incident()
        checks.require(request.incident != nil, "incident", "is required")
        checks.specified(incident.kind, .unspecified, "incident.kind")
        checks.text(incident.description, "incident.description", required: true, maxLength: 10_000)
        checks.text(incident.place, "incident.place", required: false)
        let given = checks.timestamp(request.at, timeZone: request.timeZone)
        checks.happened(given, "at", nowMs: nowMs)
        if incident.atMs != 0 { checks.happened(incident.atMs, "incident.at_ms", nowMs: nowMs) }
        try checks.throwIfAny()
        let allowed: [Movement.Status] = [.notified, .departed, .arrived]
        guard allowed.contains(movement.status) else {
            throw wrongState("movement \(movement.id)", is: movement.status, allowed: allowed, for: "reporting an incident")
        }
        incident.atMs = given ?? (incident.atMs != 0 ? incident.atMs : nowMs)
        movement.incidents.append(incident)
        return ([.incidentReported(IncidentReported(movement: movement, incident: incident))], movement)
    }
}

extension Registry {
    var wallClockMs: UInt64 { Self.unixNanoseconds() / 1_000_000 }

    /// Passengers and cargo may be given here or added later.
    public func planMovement(_ proposed: Movement?, actor: Actor) async throws(RegistryError) -> Movement {
        let (events, movement) = try currentState.decidePlanMovement(proposed, nowMs: wallClockMs)
        return try await commit(events, actor: actor) { currentState.movements[movement.id] ?? movement }
    }

    /// `at`: when it happened ("" for now), "2026-11-21T10:15" with
    /// `timeZone`, or with an offset or Z. `overrideReason`: for DEPARTED
    /// outside every window in effect at the crossing, why it goes anyway;
    /// for ABORTED, a reason is required.
    public func setMovementStatus(
        movementID: String, status: Movement.Status, at: String = "", timeZone: String = "", overrideReason: String = "", reason: String = "",
        actor: Actor
    ) async throws(RegistryError) -> Movement {
        let request = SetMovementStatusCommand(
            movementID: movementID, status: status, at: at, timeZone: timeZone, overrideReason: overrideReason, reason: reason
        )
        let nowNs = Self.unixNanoseconds()
        let (events, movement) = try currentState.decideSetMovementStatus(request, nowMs: nowNs / 1_000_000)
        let reason = request.reason.isEmpty && request.status == .aborted ? request.overrideReason : request.reason
        return try await commit(events, actor: actor, reason: reason, at: nowNs) { currentState.movements[movement.id] ?? movement }
    }

    public func changeManifest(
        movementID: String, add: [Movement.Passenger] = [], removeCaseIDs: [String] = [], reason: String = "", actor: Actor
    ) async throws(RegistryError) -> Movement {
        let request = ChangeManifestCommand(movementID: movementID, add: add, removeCaseIDs: removeCaseIDs, reason: reason)
        let (events, movement) = try currentState.decideChangeManifest(request, nowMs: wallClockMs)
        return try await commit(events, actor: actor, reason: request.reason) { currentState.movements[movement.id] ?? movement }
    }

    public func removeCargo(
        movementID: String, lineID: String, quantity: UInt64, partyID: String, reason: String, stage: Movement.RemovalStage,
        siteID: String = "", at: String = "", timeZone: String = "", actor: Actor
    ) async throws(RegistryError) -> Movement {
        let request = RemoveCargoCommand(
            movementID: movementID, lineID: lineID, quantity: quantity, partyID: partyID, reason: reason, stage: stage,
            siteID: siteID, at: at, timeZone: timeZone
        )
        let nowNs = Self.unixNanoseconds()
        let (events, movement) = try currentState.decideRemoveCargo(request, nowMs: nowNs / 1_000_000)
        return try await commit(events, actor: actor, reason: request.reason, at: nowNs) { currentState.movements[movement.id] ?? movement }
    }

    /// `restInFull`: every line not named delivers all that is left on it.
    public func recordDelivery(movementID: String, lines: [LineDelivery] = [], restInFull: Bool = false, actor: Actor) async throws(RegistryError) -> Movement {
        let request = RecordDeliveryCommand(movementID: movementID, lines: lines, restInFull: restInFull)
        let (events, movement) = try currentState.decideRecordDelivery(request)
        return try await commit(events, actor: actor) { currentState.movements[movement.id] ?? movement }
    }

    /// `at`: when ("" with the incident's at_ms 0 for now).
    public func reportIncident(movementID: String, incident: Movement.Incident?, at: String = "", timeZone: String = "", actor: Actor) async throws(RegistryError) -> Movement {
        let request = ReportIncidentCommand(movementID: movementID, incident: incident, at: at, timeZone: timeZone)
        let nowNs = Self.unixNanoseconds()
        let (events, movement) = try currentState.decideReportIncident(request, nowMs: nowNs / 1_000_000)
        return try await commit(events, actor: actor, at: nowNs) { currentState.movements[movement.id] ?? movement }
    }
}

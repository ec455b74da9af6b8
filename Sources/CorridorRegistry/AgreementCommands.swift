import CorridorModel

// The commands as the decide functions take them.

struct SetAgreementStatusCommand {
    var agreementID: String
    var status: Agreement.Status
    var reason: String
    var date: String
}

struct RecordFulfilmentCommand {
    var agreementID: String
    var termID: String
    var count: UInt32
    var date: String
    var reason: String
}

// Agreements: recording, updating, the status lifecycle and fulfilment counts.
// Progress per term is derived (AgreementProgress.swift).

extension Agreement.Status {
    /// The statuses an agreement may move to from this one.
    var allowedNext: [Agreement.Status] {
        switch self {
        case .unspecified: []
        case .negotiating: [.agreed, .collapsed]
        case .agreed: [.implementing, .suspended, .collapsed]
        case .implementing: [.completed, .suspended, .collapsed]
        case .suspended: [.agreed, .implementing, .collapsed]
        case .completed, .collapsed: []
        }
    }

    var isFinal: Bool { self == .completed || self == .collapsed }
}

extension Agreement.Measure {
    /// Counted terms take recorded fulfilments; EVACUATIONS come from movements.
    var isCounted: Bool { self == .detaineeReleases || self == .otherCount }
}

extension RegistryState {
    static let updatableAgreementFields: Set<String> = ["title", "parties", "terms", "agreed_on", "implementation_started_on"]

    func decideRecordAgreement(_ proposed: Agreement, today: CivilDate) throws(RegistryError) -> (events: [EventKind], agreement: Agreement) {
        var record = proposed
        var checks = FieldChecks()
        checks.identifier(record.id, "agreement.id")
        checks.require(
            record.status == .unspecified || record.status == .negotiating || record.status == .agreed, "agreement.status",
            "an agreement is recorded NEGOTIATING or AGREED; it is \(record.status.rawValue) (use SetAgreementStatus afterwards)"
        )
        if record.status == .unspecified { record.status = .negotiating }
        checks.text(record.statusReason, "agreement.status_reason", required: false, maxLength: 1000)
        for (index, term) in record.terms.enumerated() {
            checks.require(term.fulfilled == 0, "agreement.terms[\(index)].fulfilled", "is the sum of recorded fulfilments; it starts at 0 (record fulfilments afterwards)")
        }
        checkAgreementFields(record, today: today, checks: &checks)
        try checks.throwIfAny()
        guard agreements[record.id] == nil else {
            throw RegistryError.alreadyExists("an agreement with id \"\(record.id)\" already exists")
        }
        return ([.agreementRecorded(AgreementRecorded(agreement: record))], record)
    }

    func decideUpdateAgreement(_ changes: Agreement, fields: [String], today: CivilDate) throws(RegistryError) -> (events: [EventKind], agreement: Agreement) {
        guard let current = agreements[changes.id] else {
            throw RegistryError.notFound("no agreement with id \"\(changes.id)\"")
        }
        let names = try fieldNames(fields, allowed: Self.updatableAgreementFields, record: "agreement")
        guard !current.status.isFinal else {
            throw wrongState("agreement \(current.id)", is: current.status, allowed: [.negotiating, .agreed, .implementing, .suspended], for: "an update")
        }
        var updated = current
        var checks = FieldChecks()
        for name in names {
            switch name {
            case "title": updated.title = changes.title
            case "parties": updated.parties = changes.parties
            case "agreed_on": updated.agreedOn = changes.agreedOn
            case "implementation_started_on": updated.implementationStartedOn = changes.implementationStartedOn
            default:
                // Terms are replaced whole, but the fulfilments recorded against
                // an existing term stay with it.
                let recorded = Dictionary(current.terms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                var terms = changes.terms
                for index in terms.indices {
                    let field = "agreement.terms[\(index)]"
                    if let existing = recorded[terms[index].id] {
                        checks.require(
                            terms[index].fulfilled == 0 || terms[index].fulfilled == existing.fulfilled, "\(field).fulfilled",
                            "is the sum of recorded fulfilments (\(existing.fulfilled)); record a fulfilment to change it"
                        )
                        checks.require(
                            existing.fulfilled == 0 || terms[index].measure == existing.measure, "\(field).measure",
                            "term \"\(existing.id)\" has \(existing.fulfilled) recorded as fulfilled; its measure stays \(existing.measure.rawValue)"
                        )
                        terms[index].fulfilled = existing.fulfilled
                    } else {
                        checks.require(terms[index].fulfilled == 0, "\(field).fulfilled", "is the sum of recorded fulfilments; it starts at 0")
                    }
                }
                let kept = Set(terms.map(\.id))
                for dropped in current.terms where dropped.fulfilled > 0 && !kept.contains(dropped.id) {
                    checks.require(false, "agreement.terms", "would drop term \"\(dropped.id)\", which has \(dropped.fulfilled) recorded as fulfilled")
                }
                updated.terms = terms
            }
        }
        checkAgreementFields(updated, today: today, checks: &checks)
        try checks.throwIfAny()
        let changed = names.filter { agreementField($0, of: current) != agreementField($0, of: updated) }
        guard !changed.isEmpty else { return ([], current) }
        return ([.agreementUpdated(AgreementUpdated(agreement: updated, changedFields: changed))], updated)
    }

    func decideSetAgreementStatus(_ request: SetAgreementStatusCommand, today: CivilDate) throws(RegistryError) -> (events: [EventKind], agreement: Agreement) {
        guard let current = agreements[request.agreementID] else {
            throw RegistryError.notFound("no agreement with id \"\(request.agreementID)\"")
        }
        let status = request.status
        var checks = FieldChecks()
        checks.specified(status, .unspecified, "status")
        checks.date(request.date, "date", required: false, notAfter: today)
        checks.require(
            !(status == .suspended || status == .collapsed) || !request.reason.allSatisfy(\.isWhitespace), "reason",
            "is required for \(status.rawValue) (what happened)"
        )
        checks.text(request.reason, "reason", required: false, maxLength: 1000)
        try checks.throwIfAny()
        guard current.status.allowedNext.contains(status) else {
            throw refusedTransition("agreement \(current.id)", is: current.status, to: status, field: "status")
        }
        if status == .completed {
            let progress = agreementProgress(current)
            let unmet = progress.terms.filter { $0.done < $0.target }
            guard unmet.isEmpty else {
                let named = unmet.map { "term \"\($0.term?.id ?? "")\" \($0.done) of \($0.target)" }.joined(separator: ", ")
                throw RegistryError.failedPrecondition("agreement \(current.id) cannot be COMPLETED until every term has reached its target; not yet: \(named)")
            }
        }
        var updated = current
        updated.status = status
        updated.statusReason = request.reason
        let date = request.date.isEmpty ? today.description : request.date
        if status == .agreed && updated.agreedOn.isEmpty { updated.agreedOn = date }
        if status == .implementing && updated.implementationStartedOn.isEmpty { updated.implementationStartedOn = date }
        return ([.agreementStatusChanged(AgreementStatusChanged(agreement: updated, from: current.status, to: status))], updated)
    }

    func decideRecordFulfilment(_ request: RecordFulfilmentCommand, today: CivilDate) throws(RegistryError) -> [EventKind] {
        guard let current = agreements[request.agreementID] else {
            throw RegistryError.notFound("no agreement with id \"\(request.agreementID)\"")
        }
        var checks = FieldChecks()
        checks.require(!request.termID.isEmpty, "term_id", "is required: one of \(current.terms.map(\.id).joined(separator: ", "))")
        checks.require(request.count >= 1, "count", "must be at least 1")
        checks.date(request.date, "date", required: false, notAfter: today)
        checks.text(request.reason, "reason", required: false, maxLength: 1000)
        try checks.throwIfAny()
        guard let index = current.terms.firstIndex(where: { $0.id == request.termID }) else {
            throw RegistryError.notFound("agreement \(current.id) has no term \"\(request.termID)\"; its terms: \(current.terms.map(\.id).joined(separator: ", "))")
        }
        let term = current.terms[index]
        guard term.measure.isCounted else {
            throw RegistryError.failedPrecondition("term \"\(term.id)\" of agreement \(current.id) is \(term.measure.rawValue): evacuations are counted from movements, not recorded")
        }
        guard current.status == .agreed || current.status == .implementing else {
            throw wrongState("agreement \(current.id)", is: current.status, allowed: [Agreement.Status.agreed, .implementing], for: "recording a fulfilment")
        }
        let (sum, overflow) = term.fulfilled.addingReportingOverflow(request.count)
        guard !overflow else {
            throw RegistryError.invalidArgument(violations: [FieldViolation(field: "count", reason: "\(request.count) more than the \(term.fulfilled) recorded is more than can be counted")])
        }
        let date = request.date.isEmpty ? today.description : request.date
        var events: [EventKind] = []
        var updated = current
        if current.status == .agreed {
            // The first fulfilment is implementation starting.
            updated.status = .implementing
            updated.statusReason = request.reason
            if updated.implementationStartedOn.isEmpty { updated.implementationStartedOn = date }
            events.append(.agreementStatusChanged(AgreementStatusChanged(agreement: updated, from: .agreed, to: .implementing)))
        }
        updated.terms[index].fulfilled = sum
        events.append(.fulfilmentRecorded(FulfilmentRecorded(agreement: updated, termID: term.id, count: request.count, date: date)))
        return events
    }

    /// `today` bounds the dates: an agreement is recorded as agreed, or as
    /// implemented, once that has happened.
    private func checkAgreementFields(_ record: Agreement, today: CivilDate, checks: inout FieldChecks) {
        checks.text(record.title, "agreement.title", required: true)
        checks.date(record.agreedOn, "agreement.agreed_on", required: record.status == .agreed || record.status == .implementing, notAfter: today)
        checks.date(record.implementationStartedOn, "agreement.implementation_started_on", required: record.status == .implementing, notAfter: today)
        checks.require(!record.parties.isEmpty, "agreement.parties", "name at least one party with its role")
        var seenParties: Set<String> = []
        for (index, party) in record.parties.enumerated() {
            let field = "agreement.parties[\(index)]"
            if party.partyID.isEmpty {
                checks.require(false, "\(field).party_id", "is required")
            } else {
                checks.require(parties[party.partyID] != nil, "\(field).party_id", "no party with id \"\(party.partyID)\"")
                checks.require(seenParties.insert(party.partyID).inserted, "\(field).party_id", "\"\(party.partyID)\" is named twice; give each party one role")
            }
            checks.specified(party.role, .unspecified, "\(field).role")
        }
        var seenTerms: Set<String> = []
        for (index, term) in record.terms.enumerated() {
            let field = "agreement.terms[\(index)]"
            checks.identifier(term.id, "\(field).id")
            if !term.id.isEmpty {
                checks.require(seenTerms.insert(term.id).inserted, "\(field).id", "\"\(term.id)\" is used by another term of this agreement")
            }
            checks.text(term.description, "\(field).description", required: true, maxLength: 1000)
            checks.specified(term.measure, .unspecified, "\(field).measure")
            checks.require(term.target >= 1, "\(field).target", "must be at least 1")
            if term.obligorID.isEmpty {
                checks.require(false, "\(field).obligor_id", "is required: the party that owes it")
            } else {
                checks.require(seenParties.contains(term.obligorID), "\(field).obligor_id", "\"\(term.obligorID)\" is not a party of this agreement")
            }
            if !term.listID.isEmpty {
                checks.require(lists[term.listID] != nil, "\(field).list_id", "no list with id \"\(term.listID)\"")
                checks.require(term.measure == .evacuations || term.measure == .unspecified, "\(field).list_id", "only an EVACUATIONS term counts through a list")
            }
            checks.require(term.counting == .unspecified || term.measure == .evacuations || term.measure == .unspecified, "\(field).counting",
                           "only an EVACUATIONS term counts cases or people; a \(term.measure.rawValue) term counts what is recorded")
        }
    }

    private func agreementField(_ name: String, of record: Agreement) -> String {
        switch name {
        case "title": record.title
        case "parties": record.parties.map { "\($0.partyID)=\($0.role.rawValue)" }.joined(separator: ",")
        case "agreed_on": record.agreedOn
        case "implementation_started_on": record.implementationStartedOn
        default: String(describing: record.terms)
        }
    }
}

enum AgreementCalendar {
    /// The UTC date of a moment, YYYY-MM-DD: "today" for statuses and fulfilments given no date.
    static func utcDate(unixMilliseconds ms: UInt64) -> String {
        CivilDate(daysSinceEpoch: Int64(ms / 86_400_000)).description
    }
}

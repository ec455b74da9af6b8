import CorridorAudit
import CorridorModel
import CorridorStore
import CorridorWire

/// corridor.v1.Audit: the audit trail, listed. Admin only (docs/AUDIT.md;
/// the access policy's method table enforces it).
extension RegistryService {
    public static func auditMethods(audit: AuditTrail) -> MethodRouter {
        var router = MethodRouter()
        router.register(Corridor_V1_Audit.listAuditRecords) { request, _ in
            let (query, listing) = try auditQuery(request)
            let page: AuditPage
            do throws(AuditDecodingError) {
                page = try audit.records(query)
            } catch {
                throw RPCError(.dataLoss, "\(error.description); run `corridorctl inspect audit` on the data directory")
            }
            return Corridor_V1_ListAuditRecordsResponse(
                records: page.records.map(Corridor_V1_AuditRecord.init),
                nextPageToken: page.nextSequence.map { PageTokens.thisRun.token(position: sequenceBytes($0), for: listing) } ?? ""
            )
        }
        return router
    }

    /// The request's filters, each checked: a bad one is INVALID_ARGUMENT naming
    /// it. With them, the listing its page tokens belong to.
    static func auditQuery(_ request: Corridor_V1_ListAuditRecordsRequest) throws(RPCError) -> (AuditQuery, PageTokens.Query) {
        var query = AuditQuery()
        var violations: [FieldViolation] = []
        query.sinceMs = request.sinceMs
        query.untilMs = request.untilMs
        if request.sinceMs > 0 && request.untilMs > 0 && request.untilMs <= request.sinceMs {
            violations.append(FieldViolation(field: "until_ms", reason: "\(request.untilMs) is not after since_ms (\(request.sinceMs))"))
        }
        query.user = request.user
        query.caseID = request.caseID
        for (index, kind) in request.kinds.enumerated() {
            if let known = AuditRecord.Kind(proto: kind) {
                query.kinds.insert(known)
            } else {
                violations.append(FieldViolation(field: "kinds[\(index)]", reason: "\(kind.protoName) is not one of PERSONAL_READ, ADMIN_ACTION, DENIED, BREAK_GLASS, DISCLOSURE"))
            }
        }
        if request.limit > UInt32(AuditQuery.maximumPageSize) {
            violations.append(FieldViolation(field: "limit", reason: "\(request.limit) is more than \(AuditQuery.maximumPageSize)"))
        }
        query.limit = request.limit == 0 ? AuditQuery.defaultPageSize : Int(request.limit)
        // Paged by sequence, oldest first: the token holds the next page's first sequence.
        let listing = PageTokens.Query(method: Corridor_V1_Audit.listAuditRecords.path, [
            "since_ms": "\(request.sinceMs)", "until_ms": "\(request.untilMs)", "user": request.user, "case_id": request.caseID,
            "kinds": query.kinds.map { "\($0)" }.sorted().joined(separator: ","), "order": "sequence",
        ])
        do throws(RPCError) {
            if let position = try PageTokens.thisRun.position(of: request.pageToken, for: listing) {
                guard position.count == 8 else { throw PageTokens.refusal("does not hold a sequence number") }
                query.fromSequence = position.reduce(0) { $0 << 8 | UInt64($1) }
            }
        } catch {
            violations += error.fieldViolations
        }
        if !violations.isEmpty { throw RPCError.invalidArgument(violations) }
        return (query, listing)
    }

    /// A sequence number as a token's position: 8 bytes, big-endian.
    static func sequenceBytes(_ sequence: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: sequence >> (56 - 8 * $0)) }
    }
}

// The read sites: a response that carries a case's personal part is recorded,
// durably, before it is sent. One call at each site (RegistryService.swift).
extension AuditTrail {
    /// The cases among `views` whose personal part the response carries.
    func recordPersonalReads(of views: [CaseView], _ context: CallContext) async throws(StoreError) {
        let ids = views.compactMap { view in view.personal == nil ? nil : view.case?.id }
        try await recordPersonalReads(actor: context.actor, method: context.method, caseIDs: ids)
    }

    /// The cases whose personal part `events` carry (a registration or a
    /// change of the personal part), once each.
    func recordPersonalReads(in events: [RecordedEvent], _ context: CallContext) async throws(StoreError) {
        var seen = Set<String>()
        var ids: [String] = []
        for recorded in events {
            guard let id = recorded.event.flatMap(Self.personalCaseID), seen.insert(id).inserted else { continue }
            ids.append(id)
        }
        try await recordPersonalReads(actor: context.actor, method: context.method, caseIDs: ids)
    }

    /// The case whose personal part an event carries, if it carries one.
    /// Every kind is named: a new kind that carries a personal part must be
    /// seen here, or its reads would go unrecorded.
    static func personalCaseID(_ event: Event) -> String? {
        switch event.kind {
        case .caseRegistered(let registered): registered.personal == nil ? nil : registered.case?.id
        case .casePersonalUpdated(let updated): updated.personal == nil ? nil : updated.caseID
        case .partyRegistered,
             .partyUpdated,
             .siteRegistered,
             .siteUpdated,
             .crossingStatusChanged,
             .caseUpdated,
             .caseStatusChanged,
             .casePersonalErased,  // who, when and why: never the part it erased
             .listCreated,
             .listSelected,
             .listSubmitted,
             .listApproved,
             .listEntryStruck,
             .listToppedUp,
             .listStatusChanged,
             .listEntryDropped,
             .ruleImposed,
             .ruleLifted,
             .agreementRecorded,
             .agreementUpdated,
             .agreementStatusChanged,
             .fulfilmentRecorded,
             .windowAnnounced,
             .windowStatusChanged,
             .movementPlanned,
             .movementStatusChanged,
             .manifestChanged,
             .cargoRemoved,
             .deliveryRecorded,
             .incidentReported,
             .figureReported:
            nil
        }
    }
}

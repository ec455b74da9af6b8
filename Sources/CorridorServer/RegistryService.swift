import CorridorAudit
import CorridorModel
import CorridorRegistry
import CorridorWire
import Glibc

/// corridor.v1.Registry: the records' commands and queries, history and watch.
/// Each handler maps its generated request to model values (Mapping/), asks
/// the registry, and maps the model result back to the generated response.
public enum RegistryService {
    /// `audit`: where a response carrying a case's personal part is recorded
    /// before it is sent (docs/AUDIT.md). `access`: where disclosure profiles
    /// come from (the policy in force at each call); nil: the built-in ones.
    public static func methods(registry: Registry, audit: AuditTrail, access: AccessControl? = nil) -> MethodRouter {
        var router = MethodRouter()
        let rpc = Corridor_V1_Registry.self

        // Parties
        router.register(rpc.registerParty) { request, context in
            let party = try Party(proto: try required(request.party, "party"))
            return Corridor_V1_Party(try await registry.registerParty(party, actor: context.actor))
        }
        router.register(rpc.updateParty) { request, context in
            let party = try Party(proto: try required(request.party, "party"))
            return Corridor_V1_Party(try await registry.updateParty(party, fields: request.fields, reason: request.reason, actor: context.actor))
        }
        router.register(rpc.getParty) { request, _ in
            Corridor_V1_Party(try await registry.party(request.id))
        }
        router.register(rpc.listParties) { _, _ in
            Corridor_V1_ListPartiesResponse(parties: try await registry.parties().map(Corridor_V1_Party.init))
        }

        // Sites
        router.register(rpc.registerSite) { request, context in
            let site = try Site(proto: try required(request.site, "site"))
            return Corridor_V1_Site(try await registry.registerSite(site, actor: context.actor))
        }
        router.register(rpc.updateSite) { request, context in
            let site = try Site(proto: try required(request.site, "site"))
            return Corridor_V1_Site(try await registry.updateSite(site, fields: request.fields, reason: request.reason, actor: context.actor))
        }
        router.register(rpc.getSite) { request, _ in
            Corridor_V1_Site(try await registry.site(request.id))
        }
        router.register(rpc.listSites) { request, _ in
            let kind = try Site.Kind(proto: request.kind, field: "corridor.v1.ListSitesRequest.kind")
            return Corridor_V1_ListSitesResponse(sites: try await registry.sites(kind: kind, parentID: request.parentID).map(Corridor_V1_Site.init))
        }
        router.register(rpc.setCrossingStatus) { request, context in
            let status = try Site.CrossingStatus(proto: request.status, field: "corridor.v1.SetCrossingStatusRequest.status")
            return Corridor_V1_Site(try await registry.setCrossingStatus(siteID: request.siteID, status: status, reason: request.reason, actor: context.actor))
        }

        // Cases
        router.register(rpc.registerCase) { request, context in
            let proposed = try Case(proto: try required(request.case, "case"))
            let personal = request.personal.map { CasePersonal(proto: $0) }
            // Cut to the caller's role first: only a personal part the answer
            // really carries is a read to record.
            let view = context.withholding.view(try await registry.registerCase(proposed, personal: personal, actor: context.actor))
            try await audit.recordPersonalReads(of: [view], context)
            return Corridor_V1_CaseView(view)
        }
        router.register(rpc.updateCase) { request, context in
            let changes = try Case(proto: try required(request.case, "case"))
            let personal = request.personal.map { CasePersonal(proto: $0) }
            let view = context.withholding.view(try await registry.updateCase(
                changes, personal: personal, fields: request.fields, reason: request.reason, actor: context.actor
            ))
            try await audit.recordPersonalReads(of: [view], context)
            return Corridor_V1_CaseView(view)
        }
        router.register(rpc.setCaseStatus) { request, context in
            let status = try Case.Status(proto: request.status, field: "corridor.v1.SetCaseStatusRequest.status")
            let view = context.withholding.view(try await registry.setCaseStatus(
                caseID: request.caseID, status: status, date: request.date, reason: request.reason, actor: context.actor
            ))
            try await audit.recordPersonalReads(of: [view], context)
            return Corridor_V1_CaseView(view)
        }
        router.register(rpc.eraseCasePersonalData) { request, context in
            let view = context.withholding.view(try await registry.erasePersonalData(caseID: request.caseID, reason: request.reason, actor: context.actor))
            try await audit.record(adminAction: "erase personal part", actor: context.actor, caseID: request.caseID, detail: request.reason)
            return Corridor_V1_CaseView(view)
        }
        router.register(rpc.getCase) { request, context in
            let view = context.withholding.view(try await registry.caseView(request.id))
            try await audit.recordPersonalReads(of: [view], context)
            return Corridor_V1_CaseView(view)
        }
        router.register(rpc.listCases) { request, context in
            let status = try Case.Status(proto: request.status, field: "corridor.v1.ListCasesRequest.status")
            // Keyset paging by id: the token holds the last id of the page before.
            let query = PageTokens.Query(method: rpc.listCases.path, ["site_id": request.siteID, "status": "\(status)", "order": "id"])
            let after = try PageTokens.thisRun.position(of: request.pageToken, for: query).map { String(decoding: $0, as: UTF8.self) } ?? ""
            var listed = try await registry.cases(siteID: request.siteID, status: status, limit: request.limit, after: after)
            if !listed.nextPageToken.isEmpty {
                listed.nextPageToken = PageTokens.thisRun.token(position: Array(listed.nextPageToken.utf8), for: query)
            }
            let page = context.withholding.cases(listed)
            try await audit.recordPersonalReads(of: page.cases, context)
            return Corridor_V1_ListCasesResponse(page)
        }

        registerRules(registry, on: &router)
        registerLists(registry, on: &router)
        registerDisclosure(registry, audit: audit, access: access, on: &router)
        registerAgreements(registry, on: &router)
        registerWindows(registry, on: &router)
        registerMovements(registry, on: &router)
        registerFigures(registry, on: &router)
        registerReports(registry, on: &router)
        registerImport(registry, on: &router)
        router.merge(auditMethods(audit: audit))
        registerBreakGlass(registry, audit: audit, on: &router)

        // History and watch
        router.register(rpc.history) { request, context in
            let withholding = context.withholding
            let events = try await registry.history(of: request.id).map { withholding.event($0) }
            try await audit.recordPersonalReads(in: events, context)
            return Corridor_V1_HistoryResponse(entries: events.map { recorded in
                let event = Corridor_V1_WatchedEvent(recorded)
                return Corridor_V1_HistoryEntry(sequence: event.sequence, recordedAtNs: event.recordedAtNs, event: event.event)
            })
        }
        router.register(streaming: rpc.watch) { request, context, writer in
            let withholding = context.withholding
            var kinds: Set<RecordKind> = []
            var violations: [FieldViolation] = []
            for (index, name) in request.kinds.enumerated() {
                if let kind = RecordKind(rawValue: name) {
                    kinds.insert(kind)
                } else {
                    violations.append(FieldViolation(field: "kinds[\(index)]", reason: "\"\(name)\" is not one of \(RecordKind.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
            }
            if !violations.isEmpty { throw RPCError.invalidArgument(violations) }
            // One durable audit write per burst (every case whose personal
            // part it carries), before any of its events is sent: a replay of
            // a long history waits for a sync per 256 events, not per event.
            try await registry.watchBursts(from: request.fromSequence, kinds: kinds, recordID: request.recordID) { batch in
                let shown = batch.map { withholding.event($0) }
                try await audit.recordPersonalReads(in: shown, context)
                for event in shown { try await writer.send(Corridor_V1_WatchedEvent(event)) }
            }
        }
        return router
    }

    static func required<Value>(_ value: Value?, _ field: String) throws(RPCError) -> Value {
        guard let value else {
            throw RPCError.invalidArgument([FieldViolation(field: field, reason: "is required")])
        }
        return value
    }
}

extension CallContext {
    /// Who is asking: the kernel's word for uid and pid, the account's name
    /// (resolved when the connection opened), the role, the call's request id.
    public var actor: Actor {
        Actor(
            uid: peer?.uid ?? UInt32.max,
            userName: identity?.userName ?? "unknown",
            pid: peer?.pid ?? 0,
            role: role?.rawValue ?? "",
            requestID: requestID
        )
    }
}

extension Registry {
    /// The store's figures as System.Status reports them.
    public var storeStatus: Corridor_V1_StoreStatus {
        let figures = self.figures
        return Corridor_V1_StoreStatus(
            lastSequence: figures.log.lastSequence, segments: UInt32(figures.log.segments), recordBytes: figures.log.recordBytes,
            reservedBytes: figures.log.reservedBytes, lastSnapshotSequence: figures.lastSnapshotSequence,
            lastSnapshotAtMs: figures.lastSnapshotAtMs, syncs: figures.log.syncs, syncedRecords: figures.log.syncedRecords
        )
    }
}

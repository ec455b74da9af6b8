import CorridorModel
import CorridorRegistry
import CorridorWire
import Glibc

/// corridor.v1.Registry: the records' commands and queries, history and watch.
public enum RegistryService {
    public static func methods(registry: Registry) -> MethodRouter {
        var router = MethodRouter()
        let prefix = "/corridor.v1.Registry/"

        // Parties
        router.registerUnary(prefix + "RegisterParty") { (request: RegisterPartyRequest, context) in
            try await registry.registerParty(try required(request.party, "party"), actor: context.actor)
        }
        router.registerUnary(prefix + "UpdateParty") { (request: UpdatePartyRequest, context) in
            try await registry.updateParty(try required(request.party, "party"), fields: request.fields, reason: request.reason, actor: context.actor)
        }
        router.registerUnary(prefix + "GetParty") { (request: GetRequest, _) in
            try await registry.party(request.id)
        }
        router.registerUnary(prefix + "ListParties") { (_: ListPartiesRequest, _) in
            ListPartiesResponse(parties: try await registry.parties())
        }

        // Sites
        router.registerUnary(prefix + "RegisterSite") { (request: RegisterSiteRequest, context) in
            try await registry.registerSite(try required(request.site, "site"), actor: context.actor)
        }
        router.registerUnary(prefix + "UpdateSite") { (request: UpdateSiteRequest, context) in
            try await registry.updateSite(try required(request.site, "site"), fields: request.fields, reason: request.reason, actor: context.actor)
        }
        router.registerUnary(prefix + "GetSite") { (request: GetRequest, _) in
            try await registry.site(request.id)
        }
        router.registerUnary(prefix + "ListSites") { (request: ListSitesRequest, _) in
            ListSitesResponse(sites: try await registry.sites(kind: request.kind, parentID: request.parentID))
        }
        router.registerUnary(prefix + "SetCrossingStatus") { (request: SetCrossingStatusRequest, context) in
            try await registry.setCrossingStatus(siteID: request.siteID, status: request.status, reason: request.reason, actor: context.actor)
        }

        // Cases
        router.registerUnary(prefix + "RegisterCase") { (request: RegisterCaseRequest, context) in
            try await registry.registerCase(try required(request.case, "case"), personal: request.personal, actor: context.actor)
        }
        router.registerUnary(prefix + "UpdateCase") { (request: UpdateCaseRequest, context) in
            try await registry.updateCase(try required(request.case, "case"), personal: request.personal, fields: request.fields, reason: request.reason, actor: context.actor)
        }
        router.registerUnary(prefix + "SetCaseStatus") { (request: SetCaseStatusRequest, context) in
            try await registry.setCaseStatus(caseID: request.caseID, status: request.status, date: request.date, reason: request.reason, actor: context.actor)
        }
        router.registerUnary(prefix + "GetCase") { (request: GetRequest, _) in
            try await registry.caseView(request.id)
        }
        router.registerUnary(prefix + "ListCases") { (request: ListCasesRequest, _) in
            try await registry.cases(siteID: request.siteID, status: request.status, limit: request.limit, pageToken: request.pageToken)
        }

        registerRules(registry, on: &router)
        registerLists(registry, on: &router)
        registerAgreements(registry, on: &router)
        registerWindows(registry, on: &router)
        registerMovements(registry, on: &router)
        registerFigures(registry, on: &router)
        registerReports(registry, on: &router)
        registerImport(registry, on: &router)

        // History and watch
        router.registerUnary(prefix + "History") { (request: GetRequest, _) in
            HistoryResponse(entries: try await registry.history(of: request.id))
        }
        router.registerServerStreaming(prefix + "Watch") { (request: WatchRequest, _, writer: ServerStreamWriter<RecordedEvent>) in
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
            try await registry.watch(from: request.fromSequence, kinds: kinds, recordID: request.recordID) { event in
                try await writer.send(event)
            }
        }
        return router
    }

    private static func required<Value>(_ value: Value?, _ field: String) throws(RPCError) -> Value {
        guard let value else {
            throw RPCError.invalidArgument([FieldViolation(field: field, reason: "is required")])
        }
        return value
    }
}

extension CallContext {
    /// Who is asking: the kernel's word for uid and pid, the account's name, the call's request id.
    public var actor: Actor {
        Actor(
            uid: peer?.uid ?? UInt32.max,
            userName: peer.map { UserNames.name(of: $0.uid) } ?? "unknown",
            pid: peer?.pid ?? 0,
            role: "",
            requestID: requestID
        )
    }
}

/// User names by uid, looked up once each (getpwuid_r).
enum UserNames {
    static func name(of uid: UInt32) -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 1024)
        let status = getpwuid_r(uid, &entry, &buffer, buffer.count, &result)
        guard status == 0, result != nil, let name = entry.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }
}

extension Registry {
    /// The store's figures as System.Status reports them.
    public var storeStatus: StoreStatus {
        let figures = self.figures
        return StoreStatus(
            lastSequence: figures.log.lastSequence, segments: UInt32(figures.log.segments), recordBytes: figures.log.recordBytes,
            reservedBytes: figures.log.reservedBytes, lastSnapshotSequence: figures.lastSnapshotSequence,
            lastSnapshotAtMs: figures.lastSnapshotAtMs, syncs: figures.log.syncs, syncedRecords: figures.log.syncedRecords
        )
    }
}

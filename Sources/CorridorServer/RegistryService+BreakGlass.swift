import CorridorAudit
import CorridorModel
import CorridorRegistry
import CorridorWire

/// Registry/OpenBreakGlass: a caller whose role lacks personal data opens
/// time-limited access to one case, with a reason (docs/ACCESS.md). The
/// method table admits only those roles (MethodAccess, `.breakGlass`).
extension RegistryService {
    static func registerBreakGlass(_ registry: Registry, audit: AuditTrail, on router: inout MethodRouter) {
        router.register(Corridor_V1_Registry.openBreakGlass) { request, context in
            let seconds = try breakGlassSeconds(request)
            // An unknown case is NOT_FOUND, not a grant to nothing.
            _ = try await registry.caseView(request.caseID)
            guard let grants = context.breakGlass, let uid = context.peer?.uid else {
                throw RPCError(.failedPrecondition, "break-glass needs the caller's uid (SO_PEERCRED) and a server that keeps grants")
            }
            let actor = context.actor
            // Recorded, durably, before the grant opens: no access without its record.
            try await audit.record([AuditRecord(
                kind: .breakGlass, actor: actor, method: context.method, caseID: request.caseID,
                detail: "for \(seconds) s: \(request.reason)"
            )])
            let grant = grants.open(caseID: request.caseID, uid: uid, userName: actor.userName, role: actor.role, reason: request.reason, seconds: seconds)
            context.logger.notice("break-glass opened", metadata: [
                "case": "\(grant.caseID)", "uid": "\(grant.uid)", "user": "\(grant.userName)", "expires_at_ms": "\(grant.expiresAtMs)",
            ])
            return Corridor_V1_BreakGlassGrant(grant)
        }
        // Admin only (MethodAccess): who holds which case open, for review.
        router.register(Corridor_V1_Registry.listBreakGlassGrants) { _, context in
            let grants = context.breakGlass?.openGrants() ?? []
            return Corridor_V1_ListBreakGlassGrantsResponse(grants: grants.map(Corridor_V1_BreakGlassGrant.init))
        }
    }

    /// The request's fields, each checked; the grant's length in seconds.
    static func breakGlassSeconds(_ request: Corridor_V1_OpenBreakGlassRequest) throws(RPCError) -> UInt32 {
        var violations: [FieldViolation] = []
        if request.caseID.isEmpty {
            violations.append(FieldViolation(field: "case_id", reason: "is required"))
        }
        if request.reason.allSatisfy(\.isWhitespace) {
            violations.append(FieldViolation(field: "reason", reason: "is required: say why this case's personal data must be seen"))
        }
        if request.durationSeconds > BreakGlassGrants.maximumSeconds {
            violations.append(FieldViolation(
                field: "duration_seconds",
                reason: "\(request.durationSeconds) is more than \(BreakGlassGrants.maximumSeconds) (24 hours)"
            ))
        }
        if !violations.isEmpty { throw RPCError.invalidArgument(violations) }
        return request.durationSeconds == 0 ? BreakGlassGrants.defaultSeconds : request.durationSeconds
    }
}

extension Corridor_V1_BreakGlassGrant {
    init(_ grant: BreakGlassGrant) {
        self.init(
            caseID: grant.caseID, uid: grant.uid, userName: grant.userName, role: grant.role,
            reason: grant.reason, openedAtMs: grant.openedAtMs, expiresAtMs: grant.expiresAtMs
        )
    }
}

import CorridorWire

// Break-glass (proto/corridor/v1/registry.proto, OpenBreakGlass). The grant is
// not a stored record and has no model of its own: the generated message is
// the answer, as `corridorctl case break-glass --json` prints it.

extension CorridorClient {
    /// Opens time-limited access to one case's personal part, with a reason;
    /// `seconds` 0 asks for the server's default (an hour).
    public func openBreakGlass(_ caseID: String, reason: String, seconds: UInt32 = 0, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Corridor_V1_BreakGlassGrant {
        let request = Corridor_V1_OpenBreakGlassRequest(caseID: caseID, reason: reason, durationSeconds: seconds)
        return try await unary(Corridor_V1_Registry.openBreakGlass, request, timeout: timeout)
    }

    /// The break-glass grants still open. Admin only.
    public func breakGlassGrants(timeout: Duration? = .seconds(30)) async throws(RPCError) -> [Corridor_V1_BreakGlassGrant] {
        try await unary(Corridor_V1_Registry.listBreakGlassGrants, Corridor_V1_ListBreakGlassGrantsRequest(), timeout: timeout).grants
    }
}

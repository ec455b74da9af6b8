import CorridorWire

// Typed calls of the Audit service (proto/corridor/v1/audit.proto). The audit
// record has no model of its own on the client: the generated message is the
// answer, as `corridorctl audit --json` prints it.

extension CorridorClient {
    /// One page of the audit trail. Admin only.
    public func listAuditRecords(_ request: Corridor_V1_ListAuditRecordsRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Corridor_V1_ListAuditRecordsResponse {
        try await unary(Corridor_V1_Audit.listAuditRecords, request, timeout: timeout)
    }

    /// Every record the request's filters match, page after page.
    public func allAuditRecords(_ request: Corridor_V1_ListAuditRecordsRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> [Corridor_V1_AuditRecord] {
        var request = request
        var records: [Corridor_V1_AuditRecord] = []
        while true {
            let page = try await listAuditRecords(request, timeout: timeout)
            records += page.records
            guard !page.nextPageToken.isEmpty else { return records }
            request.pageToken = page.nextPageToken
        }
    }
}

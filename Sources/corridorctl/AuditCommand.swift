import ArgumentParser
import CorridorAudit
import CorridorClient
import CorridorModel
import CorridorTimeZones
import CorridorWire
import Glibc

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List the audit trail: reads of personal data, admin actions, refused calls.",
        discussion: """
            Oldest first. Only an admin may read the trail (docs/AUDIT.md). --since and --until take a date \
            (2026-11-21, midnight UTC), a time with its offset (2026-11-21T09:00+02:00, or Z), or a duration back \
            from now (30m, 12h, 7d). `corridorctl inspect audit DIR` reads the same trail without the daemon.
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var filters: AuditFilterOptions
    @Flag(help: "Print JSON (corridor.v1.ListAuditRecordsResponse) instead of text.") var json = false

    func run() async throws {
        let request = try filters.request()
        let client = try await connection.connect()
        let records = try await calling { () async throws(RPCError) in try await client.allAuditRecords(request, timeout: connection.callTimeout) }
        await client.close()
        if json { return printJSON(Corridor_V1_ListAuditRecordsResponse(records: records, nextPageToken: "")) }
        printAuditTable(records)
    }
}

/// The filters `audit` and `inspect audit` share.
struct AuditFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Records at or after this time: a date, a time with offset, or a duration back from now (7d).", valueName: "when"))
    var since: String?
    @Option(help: ArgumentHelp("Records before this time, written as for --since.", valueName: "when"))
    var until: String?
    @Option(help: ArgumentHelp("Only this user: a user name or a uid.", valueName: "name-or-uid"))
    var user: String?
    @Option(name: .customLong("case"), help: ArgumentHelp("Only records about this case.", valueName: "id"))
    var caseID: String?
    @Option(help: ArgumentHelp("Only this kind: personal-read, admin-action, denied, break-glass or disclosure. Repeat it for several.", valueName: "kind"))
    var kind: [String] = []

    func validate() throws {
        _ = try request()
    }

    /// The wire request these filters make (page token and limit left to the caller).
    func request(nowMs: UInt64 = AuditFilterOptions.nowMs()) throws -> Corridor_V1_ListAuditRecordsRequest {
        let sinceMs = try since.map { try Self.moment($0, option: "--since", nowMs: nowMs) } ?? 0
        let untilMs = try until.map { try Self.moment($0, option: "--until", nowMs: nowMs) } ?? 0
        if sinceMs > 0 && untilMs > 0 && untilMs <= sinceMs {
            throw ValidationError("--until (\(until ?? "")) must be after --since (\(since ?? "")).")
        }
        let kinds = try kind.map { name -> Corridor_V1_AuditRecord.Kind in
            guard let known = AuditRecord.Kind.allCases.first(where: { $0.name == name.lowercased().replacingOccurrences(of: "_", with: "-") }) else {
                throw ValidationError("Unknown kind '\(name)'. Valid kinds are \(AuditRecord.Kind.allCases.map(\.name).joined(separator: ", ")).")
            }
            return Corridor_V1_AuditRecord.Kind(known)
        }
        return Corridor_V1_ListAuditRecordsRequest(
            sinceMs: sinceMs, untilMs: untilMs, user: user ?? "", caseID: caseID ?? "", kinds: kinds, limit: 0, pageToken: ""
        )
    }

    /// The same filters as a query on a trail read directly (`inspect audit`).
    func query() throws -> AuditQuery {
        let request = try request()
        var query = AuditQuery()
        query.sinceMs = request.sinceMs
        query.untilMs = request.untilMs
        query.user = request.user
        query.caseID = request.caseID
        query.kinds = Set(request.kinds.compactMap { AuditRecord.Kind(proto: $0) })
        query.limit = Int.max
        return query
    }

    /// Unix milliseconds of a date (UTC midnight), a time with its offset, or now minus a duration.
    static func moment(_ text: String, option: String, nowMs: UInt64) throws -> UInt64 {
        if let last = text.last, let unit: UInt64 = ["s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000][last],
           let amount = UInt64(text.dropLast()) {
            let (span, overflow) = amount.multipliedReportingOverflow(by: unit)
            guard !overflow, span < nowMs else { throw ValidationError("\(option) \(text) reaches back before 1970.") }
            return nowMs - span
        }
        if let date = CivilDate(text) {
            guard date.daysSinceEpoch >= 0 else { throw ValidationError("\(option) \(text) is before 1970.") }
            return UInt64(date.daysSinceEpoch) * 86_400_000
        }
        switch LocalTimestamp.parse(text, timeZone: "") {
        case .success(let ms): return ms
        case .failure(let failure):
            throw ValidationError("\(option) '\(text)' is not a date (2026-11-21), a time with its offset (2026-11-21T09:00Z) or a duration (30m, 12h, 7d): \(failure)")
        }
    }

    static func nowMs() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
    }
}

/// One row per record: sequence, time, kind, who, method or action, case, detail.
func printAuditTable(_ records: [Corridor_V1_AuditRecord]) {
    var table = TextTable("SEQ", "TIME", "KIND", "WHO", "METHOD", "CASE", "DETAIL")
    for record in records {
        let kind = AuditRecord.Kind(proto: record.kind)?.name ?? record.kind.protoName
        let who = record.actor.map { "\($0.userName) (uid \($0.uid), pid \($0.pid)\($0.role.isEmpty ? "" : ", \($0.role)"))" } ?? "unknown"
        table.add(String(record.sequence), formatTimestamp(nanoseconds: record.recordedAtNs), kind, who, record.method, record.caseID, record.detail)
    }
    print(table.render())
}

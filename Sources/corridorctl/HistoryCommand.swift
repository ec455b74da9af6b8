import ArgumentParser
import CorridorClient
import Foundation

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show every event of one record, oldest first, with who did it and when.",
        discussion: "Where a party, a site and a case share an id, say which: case:ID, site:ID or party:ID."
    )

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The record's id.") var id: String
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() async throws {
        let client = try await connection.connect()
        let entries = try await calling { () async throws(RPCError) in try await client.history(of: id, timeout: connection.callTimeout) }
        await client.close()
        if json { return printJSON(entries) }
        for entry in entries { print(describe(entry)) }
    }
}

/// One line per event: sequence, time, kind, what changed, who, why.
func describe(_ entry: RecordedEvent) -> String {
    let time = formatTimestamp(nanoseconds: entry.recordedAtNs)
    // A newer daemon's event of a kind this build does not know: the client hands it over without one.
    guard let event = entry.event else { return "\(entry.sequence)  \(time)  an event this corridorctl does not know" }
    let actor = event.actor.map { "\($0.userName) (uid \($0.uid), pid \($0.pid))" } ?? "unknown"
    var line = "\(entry.sequence)  \(time)  "
    let kind = event.kind
    let subject = kind.subject
    line += "\(kind.name)  \(subject.kind.rawValue) \(subject.id)"
    switch kind {
    case .caseStatusChanged(let change):
        line += ": \(change.from.rawValue) → \(change.to.rawValue)" + (change.date.isEmpty ? "" : " on \(change.date)")
    case .crossingStatusChanged(let change):
        line += ": \(change.from.rawValue) → \(change.to.rawValue)"
    case .caseRegistered(let registered):
        line += ": \(registered.case?.status.rawValue ?? "")"
    case .partyUpdated(let updated):
        line += ": \(updated.changedFields.joined(separator: ", "))"
    case .siteUpdated(let updated):
        line += ": \(updated.changedFields.joined(separator: ", "))"
    case .caseUpdated(let updated):
        line += ": \(updated.changedFields.joined(separator: ", "))"
    case .casePersonalUpdated(let updated):
        line += ": personal \(updated.changedFields.joined(separator: ", "))"
    case .listStatusChanged(let change):
        line += ": \(change.from.rawValue) → \(change.to.rawValue)"
    case .listApproved(let approved):
        line += ": by \(approved.partyID)"
    case .listEntryStruck(let struck):
        line += ": \(struck.caseID) struck by \(struck.partyID)"
    case .listToppedUp(let toppedUp):
        line += ": added \(toppedUp.addedCaseIDs.joined(separator: ", "))"
    case .listSelected(let selected):
        line += ": version \(selected.list?.version ?? 0), \(selected.list?.entries.count ?? 0) entries, \(selected.leftOut) of \(selected.considered) left out"
    case .agreementStatusChanged(let change):
        line += ": \(change.from.rawValue) → \(change.to.rawValue)"
    case .fulfilmentRecorded(let recorded):
        line += ": \(recorded.count) on term \(recorded.termID)" + (recorded.date.isEmpty ? "" : " on \(recorded.date)")
    case .windowStatusChanged(let change):
        line += ": \(change.from.rawValue) → \(change.to.rawValue)" + (change.report.isEmpty ? "" : " (\(change.report))")
    case .movementStatusChanged(let change):
        line += ": \(change.from.rawValue) → \(change.to.rawValue)" + (change.overrideReason.isEmpty ? "" : " (override: \(change.overrideReason))")
    case .manifestChanged(let change):
        line += ": " + (change.addedCaseIDs.isEmpty ? "" : "added \(change.addedCaseIDs.joined(separator: ", ")) ") + (change.removedCaseIDs.isEmpty ? "" : "removed \(change.removedCaseIDs.joined(separator: ", "))")
    case .cargoRemoved(let removed):
        if let removal = removed.removal { line += ": \(removal.quantity) from line \(removal.lineID) by \(removal.partyID) (\(removal.reason))" }
    case .incidentReported(let reported):
        if let incident = reported.incident { line += ": \(incident.kind.rawValue) \(incident.description)" }
    case .casePersonalErased:
        // The reason follows below; the date is the event's.
        line += ": personal part erased on \(CivilDate.utcDay(ofUnixMs: event.atMs))"
    case .partyRegistered, .siteRegistered, .listCreated, .listSubmitted, .listEntryDropped, .ruleImposed, .ruleLifted,
         .agreementRecorded, .agreementUpdated, .windowAnnounced, .movementPlanned, .deliveryRecorded, .figureReported:
        break
    }
    line += "  by \(actor)"
    if !event.reason.isEmpty { line += "  reason: \(event.reason)" }
    return line
}

/// ISO 8601 in UTC with milliseconds.
func formatTimestamp(nanoseconds: UInt64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: Date(timeIntervalSince1970: Double(nanoseconds) / 1e9))
}

import ArgumentParser
import CorridorClient
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the daemon's version, uptime, socket, data directory, protocol and connections."
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let client = try await connection.connect()
        let status = try await calling { () async throws(RPCError) in try await client.status(timeout: connection.callTimeout) }
        await client.close()
        if json {
            printJSON(status)
            return
        }
        let rows: [(String, String)] = [
            ("version", "\(status.serverName) \(status.serverVersion)"),
            ("protocol", status.protocolVersion.map { "\($0.major).\($0.minor)" } ?? ""),
            ("uptime", formatUptime(milliseconds: status.uptimeMs)),
            ("socket", status.socketPath),
            ("data directory", status.dataDirectory),
            ("connections", "\(status.openConnections)"),
            ("calls served", "\(status.callsServed)"),
            ("pid", "\(status.pid)"),
        ] + callerRows(status.caller) + storeRows(status.store) + replicationRows(status.replication)
        let width = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows {
            print(label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
        }
    }
}

/// "3d 4h 5m 6s", leaving out leading zero units.
func formatUptime(milliseconds: UInt64) -> String {
    var seconds = milliseconds / 1000
    let days = seconds / 86_400
    seconds %= 86_400
    let hours = seconds / 3600
    seconds %= 3600
    let minutes = seconds / 60
    seconds %= 60
    var parts: [String] = []
    if days > 0 { parts.append("\(days)d") }
    if days > 0 || hours > 0 { parts.append("\(hours)h") }
    if days > 0 || hours > 0 || minutes > 0 { parts.append("\(minutes)m") }
    parts.append("\(seconds)s")
    return parts.joined(separator: " ")
}

/// Who the daemon takes the caller to be (`access whoami` says more).
private func callerRows(_ caller: Corridor_V1_Caller?) -> [(String, String)] {
    guard let caller, !caller.userName.isEmpty else { return [] }
    return [("you", "\(caller.userName) (uid \(caller.uid)), role \(caller.role.isEmpty ? "none" : caller.role)")]
}

/// The event log's figures, when the daemon has a store.
private func storeRows(_ store: Corridor_V1_StoreStatus?) -> [(String, String)] {
    guard let store else { return [] }
    let snapshot = store.lastSnapshotSequence == 0
        ? "none yet"
        : "sequence \(store.lastSnapshotSequence), \(formatTimestamp(nanoseconds: store.lastSnapshotAtMs * 1_000_000))"
    return [
        ("last sequence", "\(store.lastSequence)"),
        ("segments", "\(store.segments) (\(formatBytes(store.recordBytes)) of records in \(formatBytes(store.reservedBytes)) reserved)"),
        ("last snapshot", snapshot),
        ("group commit", "\(store.syncs) syncs, \(String(format: "%.1f", store.syncs == 0 ? 0 : Double(store.syncedRecords) / Double(store.syncs))) records per sync"),
    ]
}

/// Where the server stands in replication (docs/REPLICATION.md); nothing
/// for a server that replicates nothing.
func replicationRows(_ replication: Corridor_V1_ReplicationStatus?) -> [(String, String)] {
    guard let replication, replication.role != .standalone else { return [] }
    let lag = replication.lagEvents == 0 ? "none" : "\(replication.lagEvents) events, oldest \(formatUptime(milliseconds: replication.lagMs)) ago"
    var rows: [(String, String)] = []
    switch replication.role {
    case .primary:
        rows.append(("replication", "primary, \(replication.mode == .sync ? "sync" : "async"), to \(replication.replicaStore)"))
        rows.append(("replicated through", "sequence \(replication.replicatedSequence)"))
    default:
        rows.append(("replication", "follower of \(replication.primaryNode.isEmpty ? "an unknown primary" : replication.primaryNode), from \(replication.replicaStore)"))
        rows.append(("applied through", "sequence \(replication.replicatedSequence)"))
    }
    rows.append(("replication lag", lag))
    rows.append(("node", "\(replication.node), epoch \(replication.epoch)"))
    rows.append(("replica store", replication.connected ? "connected" : "unreachable: \(replication.lastError)"))
    rows.append(("writes", replication.writable ? "accepted" : "refused"))
    return rows
}

func formatBytes(_ bytes: UInt64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
}

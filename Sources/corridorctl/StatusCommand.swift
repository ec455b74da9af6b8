import ArgumentParser
import CorridorClient

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
            try printJSON(status)
            return
        }
        let rows: [(String, String)] = [
            ("version", "\(status.serverName) \(status.serverVersion)"),
            ("protocol", status.protocolVersion),
            ("uptime", formatUptime(milliseconds: status.uptimeMilliseconds)),
            ("socket", status.socketPath),
            ("data directory", status.dataDirectory),
            ("connections", "\(status.openConnections)"),
            ("calls served", "\(status.callsServed)"),
            ("pid", "\(status.pid)"),
        ]
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

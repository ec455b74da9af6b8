import ArgumentParser
import CorridorClient
import CorridorTimeZones

struct WindowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "window",
        abstract: "Access windows: ceasefires, pauses, corridor openings.",
        subcommands: [Announce.self, Status.self, Show.self, List.self, Active.self]
    )

    struct Announce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Announce a window: daily hours (--daily 09:00-14:00 --tz ZONE --first-date --last-date) or one interval (--from T --until T).",
            discussion: """
                Times are YYYY-MM-DDTHH:MM in --tz (a tz database name, e.g. Asia/Damascus, required), or end in Z or ±HH:MM.
                A local time the clocks skip is refused; one they repeat is the first of the two.
                Example: corridorctl window announce pause-1 --name "Daily pause" --kind humanitarian-pause --site xing-1 \\
                  --by gov --daily 09:00-14:00 --tz Asia/Damascus --first-date 2026-11-01 --last-date 2026-11-30
                """
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The window's id.") var id: String
        @Option(help: "Its name.") var name = ""
        @Option(help: "The kind of window.") var kind: AccessWindow.Kind?
        @Option(name: .customLong("site"), help: "A site or crossing it covers (repeatable).") var sites: [String] = []
        @Option(name: .customLong("by"), help: "The party that announced it.") var announcedBy = ""
        @Option(help: "Daily local hours, HH:MM-HH:MM (an end before the start runs past midnight).") var daily: String?
        @Option(help: "First day of the daily hours, YYYY-MM-DD.") var firstDate = ""
        @Option(help: "Last day of the daily hours, YYYY-MM-DD.") var lastDate = ""
        @Option(help: "Start of a one-off window.") var from: String?
        @Option(help: "End of a one-off window.") var until: String?
        @Option(help: "The time zone of the hours and times.") var tz = ""
        @Flag(help: "It is already in effect (status IN_EFFECT).") var inEffect = false
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            var window = AccessWindow(id: id, name: name, kind: kind ?? .unspecified, siteIDs: sites, announcedBy: announcedBy, status: inEffect ? .inEffect : .unspecified)
            if let daily {
                let parts = daily.split(separator: "-", omittingEmptySubsequences: false)
                guard parts.count == 2 else { throw InputError("--daily takes HH:MM-HH:MM, e.g. 09:00-14:00.") }
                window.daily = .init(startTime: String(parts[0]), endTime: String(parts[1]), timeZone: tz, firstDate: firstDate, lastDate: lastDate)
            }
            // The registry does the zone's arithmetic (and refuses a time the clocks skip).
            if from != nil || until != nil { window.oneOff = .init(startsAt: from ?? "", endsAt: until ?? "", timeZone: tz) }
            let client = try await connection.connect()
            let announced = try await calling { () async throws(RPCError) in
                try await client.announceWindow(Corridor_V1_AnnounceWindowRequest(window: window), timeout: connection.callTimeout)
            }
            await client.close()
            try WindowCommand.show(announced, json: json, tz: tz)
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a window's status: in-effect, violated (with --report), ended, cancelled.",
            discussion: "ANNOUNCED → IN_EFFECT | CANCELLED | ENDED; IN_EFFECT → VIOLATED | ENDED; VIOLATED → VIOLATED | IN_EFFECT | ENDED."
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The window's id.") var id: String
        @Argument(help: "The new status.") var status: AccessWindow.Status
        @Option(help: "What happened (required for violated).") var report = ""
        @Option(help: "Why, kept with the change.") var reason = ""
        @Option(help: "When it happened (default now): YYYY-MM-DDTHH:MM with --tz, or ending in Z or ±HH:MM.") var at = ""
        @Option(help: "The time zone of --at.") var tz = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let window = try await calling { () async throws(RPCError) in
                try await client.setWindowStatus(
                    Corridor_V1_SetWindowStatusRequest(windowID: id, status: status, report: report, reason: reason, at: at, timeZone: tz), timeout: connection.callTimeout
                )
            }
            await client.close()
            try WindowCommand.show(window, json: json, tz: tz)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one window.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The window's id.") var id: String
        @Option(help: "Show times in this zone (default: the window's, else UTC).") var tz = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let window = try await calling { () async throws(RPCError) in try await client.getWindow(Corridor_V1_GetRequest(id: id), timeout: connection.callTimeout) }
            await client.close()
            try WindowCommand.show(window, json: json, tz: tz)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List windows, optionally those covering a site.", aliases: ["list"])
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only windows covering this site (directly or a site it lies within).") var site = ""
        @Option(help: "Show one-off times in this zone (default: each window's, else UTC).") var tz = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let response = try await calling { () async throws(RPCError) in
                try await client.listWindows(Corridor_V1_ListWindowsRequest(siteID: site), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            var table = TextTable("ID", "KIND", "STATUS", "SITES", "SCHEDULE", "NAME")
            for window in try models(response.windows, AccessWindow.init(proto:)) {
                table.add(window.id, window.kind.rawValue, window.status.rawValue, window.siteIDs.joined(separator: ","), WindowCommand.schedule(window, tz: tz), window.name)
            }
            print(table.render())
            print("\(response.windows.count) window\(response.windows.count == 1 ? "" : "s")")
        }
    }

    struct Active: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Which windows are in effect at a site at a time (default now)?")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "The site or crossing.") var site: String
        @Option(help: "The time: YYYY-MM-DDTHH:MM with --tz, or ending in Z or ±HH:MM.") var at = ""
        @Option(help: "The time zone of --at, and of the times shown.") var tz = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let response = try await calling { () async throws(RPCError) in
                try await client.activeWindows(Corridor_V1_ActiveWindowsRequest(siteID: site, at: at, timeZone: tz), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            let zone = tz.isEmpty ? "UTC" : tz
            let when = LocalTimestamp.format(response.atMs, zoneName: zone)
            guard !response.windows.isEmpty else {
                print("No window in effect at \(site) at \(when).")
                return
            }
            print("In effect at \(site) at \(when):")
            var table = TextTable("ID", "KIND", "STATUS", "HOURS", "FROM", "UNTIL", "NAME")
            for active in response.windows {
                guard let window = active.window else { continue }
                let shown = window.daily?.timeZone ?? zone
                table.add(window.id, window.kind.rawValue, window.status.rawValue, active.hours,
                          LocalTimestamp.format(active.fromMs, zoneName: shown), LocalTimestamp.format(active.untilMs, zoneName: shown), window.name)
            }
            print(table.render())
        }
    }

    static func schedule(_ window: AccessWindow, tz: String) -> String {
        if let daily = window.daily { return "daily \(daily.startTime)-\(daily.endTime) \(daily.timeZone) \(daily.firstDate)..\(daily.lastDate)" }
        let own = window.oneOff?.timeZone ?? ""
        let zone = !tz.isEmpty ? tz : (own.isEmpty ? "UTC" : own)
        return "\(LocalTimestamp.format(window.startsAtMs, zoneName: zone))..\(LocalTimestamp.format(window.endsAtMs, zoneName: zone))"
    }

    static func show(_ window: AccessWindow, json: Bool, tz: String) throws {
        if json { return printJSON(window) }
        let zone = !tz.isEmpty ? tz : (window.daily?.timeZone ?? window.oneOff?.timeZone ?? "UTC")
        printFields([
            ("id", window.id), ("name", window.name), ("kind", window.kind.rawValue), ("status", window.status.rawValue),
            ("sites", window.siteIDs.joined(separator: ", ")), ("announced by", window.announcedBy),
            ("schedule", schedule(window, tz: zone)),
            ("closed at", window.closedAtMs == 0 ? "" : LocalTimestamp.format(window.closedAtMs, zoneName: zone)),
        ])
        for violation in window.violations {
            print("violation  \(LocalTimestamp.format(violation.atMs, zoneName: zone)): \(violation.report)")
        }
    }
}

/// A time given on the command line, as unix milliseconds.
func parseTime(_ text: String, tz: String, option: String) throws -> UInt64 {
    switch LocalTimestamp.parse(text, timeZone: tz) {
    case .success(let ms): return ms
    case .failure(let failure):
        throw InputError("\(failure.field == "time_zone" ? "--tz" : option): \(failure.description)")
    }
}

extension AccessWindow.Kind: ProtoNamedArgument {}
extension AccessWindow.Status: ProtoNamedArgument {}
extension Movement.Kind: ProtoNamedArgument {}
extension Movement.Status: ProtoNamedArgument {}
extension Movement.VehicleKind: ProtoNamedArgument {}
extension Movement.CargoCategory: ProtoNamedArgument {}
extension Movement.RemovalStage: ProtoNamedArgument {}
extension Movement.IncidentKind: ProtoNamedArgument {}

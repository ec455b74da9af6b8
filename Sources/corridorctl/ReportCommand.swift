import ArgumentParser
import CorridorClient
import Foundation

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The daily questions: waiting cases, deaths while waiting, lists, movements, convoys.",
        subcommands: [Waiting.self, Deaths.self, Lists.self, MovementsToday.self, Convoys.self]
    )

    struct Waiting: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cases still waiting (WAITING, LISTED, SCHEDULED): most urgent first, then longest waiting; with counts by precedence."
        )
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only at this site and the sites within it.") var site = ""
        @Option(help: "Only this precedence.") var precedence: Case.Precedence?
        @Option(help: "At most this many cases (at most 10000).") var limit: UInt32 = 100
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let request = Corridor_V1_WaitingCasesRequest(siteID: site, precedence: precedence ?? .unspecified, limit: limit)
            let response = try await calling { () async throws(RPCError) in
                try await client.waitingCases(request, timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            var counts = TextTable("PRECEDENCE", "WAITING", "LONGEST WAIT (DAYS)")
            for row in response.byPrecedence {
                counts.add(row.precedence.rawValue, "\(row.count)", row.count == 0 ? "" : "\(row.longestWaitDays)")
            }
            counts.add("total", "\(response.total)", "")
            print(counts.render())
            guard !response.cases.isEmpty else { return }
            print("")
            var table = TextTable("CASE", "SITE", "PRECEDENCE", "DAYS", "STATUS", "AGE", "CONDITIONS")
            for row in response.cases {
                table.add(row.caseID, row.siteID, row.precedence.rawValue, "\(row.daysWaited)", row.status.rawValue, formatAge(row.ageMonths),
                          row.conditions.map(\.rawValue).joined(separator: ","))
            }
            print(table.render())
            print("\(response.cases.count) of \(response.total) shown")
        }
    }

    struct Deaths: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deaths while waiting, by site, in a period of dates of death (inclusive).")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only at this site and the sites within it.") var site = ""
        @Option(help: "From this date of death, YYYY-MM-DD.") var from = ""
        @Option(help: "To this date of death, YYYY-MM-DD.") var to = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let request = Corridor_V1_DeathsWhileWaitingRequest(siteID: site, from: from, to: to)
            let response = try await calling { () async throws(RPCError) in
                try await client.deathsWhileWaiting(request, timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            var table = TextTable("SITE", "DEATHS", "CASES")
            for row in response.sites { table.add(row.siteID, "\(row.count)", row.caseIDs.joined(separator: ", ")) }
            table.add("total", "\(response.total)", "")
            print(table.render())
        }
    }

    struct Lists: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Evacuation lists and their progress.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only the lists of this agreement.") var agreement = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let response = try await calling { () async throws(RPCError) in
                try await client.listLists(Corridor_V1_ListListsRequest(agreementID: agreement), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            var table = TextTable("LIST", "AGREEMENT", "STATUS", "QUOTA", "PLACES", "WAITING", "SCHEDULED", "IN TRANSIT", "EVACUATED", "DIED", "WITHDRAWN", "STRUCK")
            for summary in try models(response.lists, ListSummary.init(proto:)) {
                let list = summary.list ?? EvacuationList()
                table.add(list.id, list.agreementID, list.status.rawValue, "\(list.quota)", "\(summary.placesTaken)", "\(summary.waiting)",
                          "\(summary.scheduled)", "\(summary.inTransit)", "\(summary.evacuated)", "\(summary.died)", "\(summary.withdrawn)", "\(summary.struck)")
            }
            print(table.render())
            print("\(response.lists.count) list\(response.lists.count == 1 ? "" : "s")")
        }
    }

    struct MovementsToday: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "movements-today",
            abstract: "Movements planned, departing or arriving today (in --tz, else this machine's time zone)."
        )
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "A time zone of the tz database, e.g. Asia/Damascus.") var tz: String?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let zone: TimeZone
            if let tz {
                guard let named = TimeZone(identifier: tz) else { throw InputError("--tz \(tz) is not a time zone of the tz database.") }
                zone = named
            } else {
                zone = TimeZone.current
            }
            let day = ReportCommand.day(Date(), in: zone)
            let zoneName = zone.identifier == "GMT" ? "UTC" : zone.identifier
            let client = try await connection.connect()
            let response = try await calling { () async throws(RPCError) in
                try await client.listMovements(Corridor_V1_ListMovementsRequest(day: day, timeZone: zoneName), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            print("movements on \(day) (\(zoneName))")
            var table = TextTable("MOVEMENT", "KIND", "STATUS", "FROM", "CROSSING", "TO", "DEPARTURE", "ARRIVAL", "CARRIES")
            for movement in try models(response.movements, Movement.init(proto:)) {
                let departure = movement.departedAtMs != 0 ? movement.departedAtMs : movement.plannedDepartureMs
                let arrival = movement.arrivedAtMs != 0 ? movement.arrivedAtMs : movement.plannedArrivalMs
                let carries = movement.kind == .aidConvoy
                    ? "\(movement.cargo.count) cargo line\(movement.cargo.count == 1 ? "" : "s")"
                    : "\(movement.passengers.filter { !$0.removed }.count) case(s)"
                table.add(movement.id, movement.kind.rawValue, movement.status.rawValue, movement.originSiteID, movement.crossingSiteID,
                          movement.destinationSiteIDs.joined(separator: ","), ReportCommand.time(departure, in: zone),
                          ReportCommand.time(arrival, in: zone), carries)
            }
            print(table.render())
            print("\(response.movements.count) movement\(response.movements.count == 1 ? "" : "s")")
        }
    }

    struct Convoys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Aid convoys with cargo removed: what was taken, by whom, where and why.")
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let response = try await calling { () async throws(RPCError) in
                try await client.listMovements(Corridor_V1_ListMovementsRequest(kind: .aidConvoy, withRemovals: true), timeout: connection.callTimeout)
            }
            await client.close()
            if json { return printJSON(response) }
            var table = TextTable("CONVOY", "STATUS", "ITEM", "PLANNED", "REMOVED", "DELIVERED", "BY", "STAGE", "WHERE", "WHY")
            for movement in try models(response.movements, Movement.init(proto:)) {
                let lines = Dictionary(movement.cargo.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                for removal in movement.removals {
                    let line = lines[removal.lineID]
                    let unit = line.map { $0.unit.isEmpty ? "" : " \($0.unit)" } ?? ""
                    table.add(movement.id, movement.status.rawValue, line?.item ?? removal.lineID, line.map { "\($0.quantity)\(unit)" } ?? "",
                              "\(removal.quantity)\(unit)", line.map { $0.deliveryRecorded ? "\($0.delivered)\(unit)" : "" } ?? "",
                              removal.partyID, removal.stage.rawValue, removal.siteID, removal.reason)
                }
            }
            print(table.render())
            print("\(response.movements.count) convoy\(response.movements.count == 1 ? "" : "s") with removals")
        }
    }

    /// YYYY-MM-DD of a moment in a zone.
    static func day(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// "HH:MM" (or "YYYY-MM-DD HH:MM" another day) of unix milliseconds in a zone; "" for none.
    static func time(_ ms: UInt64, in zone: TimeZone) -> String {
        guard ms != 0 else { return "" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }
}

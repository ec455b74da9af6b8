import ArgumentParser
import CorridorClient
import CorridorTimeZones
import Foundation

struct MovementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "movement",
        abstract: "Evacuation movements and aid convoys.",
        subcommands: [
            Plan.self, Notify.self, Depart.self, Arrive.self, Complete.self, Abort.self, Manifest.self, Cargo.self, Deliver.self,
            Incident.self, Show.self, List.self,
        ]
    )

    /// When a step happened, and the zone times are shown in.
    struct TimeOptions: ParsableArguments {
        @Option(help: "When (default now): YYYY-MM-DDTHH:MM with --tz, or ending in Z or ±HH:MM.") var at = ""
        @Option(help: "The time zone of --at (e.g. Asia/Damascus), and of the times shown.") var tz = ""
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a movement.",
            discussion: """
                --cargo is ITEM:CATEGORY:QUANTITY:UNIT[:PEOPLE SERVED]; --vehicle KIND:COUNT; --passenger CASE[:DESTINATION].
                --file reads the movement as JSON in the shape `movement show --json` prints (proto3 JSON of \
                corridor.v1.Movement, every field optional, an unknown field refused), e.g. {"id": "m1", "kind": "AID_CONVOY", \
                "originSiteId": "damascus", "crossingSiteId": "xing-1", "destinationSiteIds": ["douma"], \
                "vehicles": [{"kind": "TRUCK", "count": 13}], "cargo": [{"item": "flour", "category": "FOOD", \
                "quantity": "40", "unit": "tonnes", "peopleServed": 3000}], "passengers": [{"caseId": "C-000001", \
                "destinationSiteId": "damascus"}], "plannedDepartureMs": "1795255200000"};
                the other options then add to it.

                Example:
                  corridorctl movement plan convoy-1 --kind aid-convoy \\
                    --from damascus --crossing xing-1 --to douma \\
                    --vehicle truck:13 \\
                    --cargo "food parcels:food:5000:parcels:8000" \\
                    --cargo "medical kits:medical:400:kits:1000" \\
                    --departs 2026-11-21T10:00 --tz Asia/Damascus
                """
        )
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The movement's id.") var id: String?
        @Option(help: "The kind of movement.") var kind: Movement.Kind?
        @Option(help: "The origin site.") var from: String?
        @Option(help: "The crossing it passes.") var crossing: String?
        @Option(name: .customLong("to"), help: "A destination (repeatable; the first is the default for passengers).") var destinations: [String] = []
        @Option(help: "The agreement it implements.") var agreement: String?
        @Option(help: "The evacuation list its passengers come from.") var list: String?
        @Option(name: .customLong("vehicle"), help: "KIND:COUNT, e.g. truck:13 (repeatable).") var vehicles: [String] = []
        @Option(name: .customLong("cargo"), help: "ITEM:CATEGORY:QUANTITY:UNIT[:PEOPLE] (repeatable).") var cargo: [String] = []
        @Option(name: .customLong("passenger"), help: "CASE[:DESTINATION] (repeatable); a list entry's companions come along.") var passengers: [String] = []
        @Option(name: .customLong("without-companions"), help: ArgumentHelp("Board the --passenger cases without their companions, who stay behind; REASON says why.", valueName: "reason"))
        var withoutCompanions: String?
        @Option(help: "Planned departure.") var departs: String?
        @Option(help: "Planned arrival.") var arrives: String?
        @Option(help: "The time zone of --departs and --arrives.") var tz = ""
        @Option(help: "A JSON file with the movement.") var file: String?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            var movement = Movement()
            if let file {
                let message = try readMessageFile(file, as: Corridor_V1_Movement.self)
                movement = try model(of: message, in: file) { (message) throws(MappingError) in try Movement(proto: message) }
            }
            if let id { movement.id = id }
            if let kind { movement.kind = kind }
            if let from { movement.originSiteID = from }
            if let crossing { movement.crossingSiteID = crossing }
            movement.destinationSiteIDs += destinations
            if let agreement { movement.agreementID = agreement }
            if let list { movement.listID = list }
            for text in vehicles {
                let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2, let kind = Movement.VehicleKind(argument: parts[0]), let count = UInt32(parts[1]) else {
                    throw InputError("--vehicle \"\(text)\": KIND:COUNT with KIND one of \(Movement.VehicleKind.allValueStrings.joined(separator: ", ")).")
                }
                movement.vehicles.append(.init(kind: kind, count: count))
            }
            for text in cargo { movement.cargo.append(try parseCargo(text)) }
            for text in passengers { movement.passengers.append(parsePassenger(text, withoutCompanions: withoutCompanions)) }
            if let departs { movement.plannedDepartureMs = try parseTime(departs, tz: tz, option: "--departs") }
            if let arrives { movement.plannedArrivalMs = try parseTime(arrives, tz: tz, option: "--arrives") }
            let client = try await connection.connect()
            let planned = try await calling { () async throws(RPCError) in
                try await client.planMovement(Corridor_V1_PlanMovementRequest(movement: movement), timeout: connection.callTimeout)
            }
            await client.close()
            try MovementCommand.show(planned, json: json, tz: tz)
        }

        func parseCargo(_ text: String) throws -> Movement.CargoLine {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4 || parts.count == 5, let category = Movement.CargoCategory(argument: parts[1]), let quantity = UInt64(parts[2]) else {
                throw InputError("--cargo \"\(text)\": ITEM:CATEGORY:QUANTITY:UNIT[:PEOPLE] with CATEGORY one of \(Movement.CargoCategory.allValueStrings.joined(separator: ", ")).")
            }
            var people: UInt32 = 0
            if parts.count == 5 {
                guard let value = UInt32(parts[4]) else { throw InputError("--cargo \"\(text)\": PEOPLE must be a number.") }
                people = value
            }
            return .init(item: parts[0], category: category, quantity: quantity, unit: parts[3], peopleServed: people)
        }
    }

    /// A status change; each step is its own subcommand.
    struct StatusChange: ParsableArguments {
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The movement's id.") var id: String
        @OptionGroup var time: TimeOptions
        @Option(help: "Why, kept with the change.") var reason = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run(_ status: Movement.Status, override: String = "") async throws {
            let client = try await connection.connect()
            let movement = try await calling { () async throws(RPCError) in
                try await client.setMovementStatus(
                    Corridor_V1_SetMovementStatusRequest(movementID: id, status: status, at: time.at, timeZone: time.tz, overrideReason: override, reason: reason),
                    timeout: connection.callTimeout
                )
            }
            await client.close()
            try MovementCommand.show(movement, json: json, tz: time.tz)
        }
    }

    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The parties were informed (notification is not permission).")
        @OptionGroup var change: StatusChange
        func run() async throws { try await change.run(.notified) }
    }

    struct Depart: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "It departed: refused outside every access window in effect at its crossing (or with the crossing CLOSED) unless --override gives why."
        )
        @OptionGroup var change: StatusChange
        @Option(help: "Why it goes outside every window (kept with the event).") var override = ""
        func run() async throws { try await change.run(.departed, override: override) }
    }

    struct Arrive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "It arrived: its passengers are EVACUATED, at their destinations.")
        @OptionGroup var change: StatusChange
        func run() async throws { try await change.run(.arrived) }
    }

    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "It is over (a convoy needs its deliveries recorded).")
        @OptionGroup var change: StatusChange
        func run() async throws { try await change.run(.completed) }
    }

    struct Abort: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Call it off (--reason required); its passengers go back to LISTED or WAITING.")
        @OptionGroup var change: StatusChange
        func run() async throws { try await change.run(.aborted) }
    }

    struct Manifest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add cases to an evacuation's manifest, or take them off.", subcommands: [Add.self, Remove.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add LISTED cases: CASE or CASE:DESTINATION (default: the first destination).",
                discussion: """
                    A list entry's case brings its companions still to travel (LISTED, on no manifest) to the same \
                    destination, unless --without-companions gives why they stay behind. A companion may also be added \
                    on its own, with or after its case.
                    """
            )
            @OptionGroup var connection: ConnectionOptions
            @Argument(help: "The movement's id.") var id: String
            @Argument(help: "CASE[:DESTINATION] …") var cases: [String]
            @Option(name: .customLong("without-companions"), help: ArgumentHelp("Board the cases without their companions, who stay behind; REASON says why.", valueName: "reason"))
            var withoutCompanions: String?
            @Flag(help: "Print JSON instead of text.") var json = false

            func run() async throws {
                let request = Corridor_V1_ChangeManifestRequest(movementID: id, add: cases.map { parsePassenger($0, withoutCompanions: withoutCompanions) })
                let client = try await connection.connect()
                let movement = try await calling { () async throws(RPCError) in try await client.changeManifest(request, timeout: connection.callTimeout) }
                await client.close()
                try MovementCommand.show(movement, json: json, tz: "")
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Take cases off the manifest (--reason required); they are LISTED again, with the companions that boarded with them."
            )
            @OptionGroup var connection: ConnectionOptions
            @Argument(help: "The movement's id.") var id: String
            @Argument(help: "The cases.") var cases: [String]
            @Option(help: "Why (e.g. too ill to travel).") var reason = ""
            @Flag(help: "Print JSON instead of text.") var json = false

            func run() async throws {
                let request = Corridor_V1_ChangeManifestRequest(movementID: id, removeCaseIDs: cases, reason: reason)
                let client = try await connection.connect()
                let movement = try await calling { () async throws(RPCError) in try await client.changeManifest(request, timeout: connection.callTimeout) }
                await client.close()
                try MovementCommand.show(movement, json: json, tz: "")
            }
        }
    }

    struct Cargo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cargo taken off a convoy.", subcommands: [Remove.self])

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Record a quantity removed from a cargo line, by whom and why (loading: while planned or notified; checkpoint: notified or departed)."
            )
            @OptionGroup var connection: ConnectionOptions
            @Argument(help: "The movement's id.") var id: String
            @Option(help: "The cargo line's id.") var line: String
            @Option(help: "How much (in the line's unit).") var quantity: UInt64
            @Option(name: .customLong("by"), help: "The party that took it.") var party: String
            @Option(help: "The reason it gave.") var reason = ""
            @Option(help: "The stage it was taken at.") var stage: Movement.RemovalStage
            @Option(help: "Where (a site id).") var site = ""
            @OptionGroup var time: TimeOptions
            @Flag(help: "Print JSON instead of text.") var json = false

            func run() async throws {
                let request = Corridor_V1_RemoveCargoRequest(
                    movementID: id, lineID: line, quantity: quantity, partyID: party, reason: reason, stage: stage, siteID: site, at: time.at, timeZone: time.tz
                )
                let client = try await connection.connect()
                let movement = try await calling { () async throws(RPCError) in try await client.removeCargo(request, timeout: connection.callTimeout) }
                await client.close()
                try MovementCommand.show(movement, json: json, tz: time.tz)
            }
        }
    }

    struct Deliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record what an arrived convoy delivered: --line LINE:QUANTITY (repeatable), --rest for all that is left on the others.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The movement's id.") var id: String
        @Option(name: .customLong("line"), help: "LINE:QUANTITY delivered (repeatable).") var lines: [String] = []
        @Flag(help: "Every line neither named nor recorded before delivers all that is left on it.") var rest = false
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            var deliveries: [LineDelivery] = []
            for text in lines {
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2, let quantity = UInt64(parts[1]) else { throw InputError("--line \"\(text)\": LINE:QUANTITY, e.g. 3:30.") }
                deliveries.append(LineDelivery(lineID: String(parts[0]), delivered: quantity))
            }
            let request = Corridor_V1_RecordDeliveryRequest(movementID: id, lines: deliveries, restInFull: rest)
            let client = try await connection.connect()
            let movement = try await calling { () async throws(RPCError) in try await client.recordDelivery(request, timeout: connection.callTimeout) }
            await client.close()
            try MovementCommand.show(movement, json: json, tz: "")
        }
    }

    struct Incident: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Report an incident (after notification, until the movement ends).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The movement's id.") var id: String
        @Option(help: "The kind of incident.") var kind: Movement.IncidentKind
        @Option(help: "What happened.") var description = ""
        @Option(help: "Where (a site id or a description).") var place = ""
        @Option(help: "People injured.") var injured: UInt32 = 0
        @Option(help: "People killed.") var killed: UInt32 = 0
        @OptionGroup var time: TimeOptions
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let request = Corridor_V1_ReportIncidentRequest(
                movementID: id, incident: .init(kind: kind, place: place, description: description, injured: injured, killed: killed), at: time.at, timeZone: time.tz
            )
            let client = try await connection.connect()
            let movement = try await calling { () async throws(RPCError) in try await client.reportIncident(request, timeout: connection.callTimeout) }
            await client.close()
            try MovementCommand.show(movement, json: json, tz: time.tz)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a movement: manifest or cargo lines (planned, removed by whom and why, delivered), incidents.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The movement's id.") var id: String
        @Option(help: "Show times in this zone (default UTC).") var tz = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let client = try await connection.connect()
            let movement = try await calling { () async throws(RPCError) in try await client.getMovement(Corridor_V1_GetRequest(id: id), timeout: connection.callTimeout) }
            await client.close()
            try MovementCommand.show(movement, json: json, tz: tz)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ls", abstract: "List movements: of a kind, status, agreement, day (--day YYYY-MM-DD --tz ZONE), or with cargo removed.", aliases: ["list"]
        )
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only of this kind.") var kind: Movement.Kind?
        @Option(help: "Only in this status.") var status: Movement.Status?
        @Option(help: "Only of this agreement.") var agreement = ""
        @Option(help: "Only those planned, departing or arriving on this local day (YYYY-MM-DD in --tz, UTC by default).") var day = ""
        @Flag(help: "Only those planned, departing or arriving today (in --tz, UTC by default).") var today = false
        @Flag(help: "Only those from which cargo was removed.") var withRemovals = false
        @Option(help: "The time zone of --day, and of the times shown.") var tz = ""
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            var day = day
            if today {
                guard day.isEmpty else { throw InputError("Give --day or --today, not both.") }
                guard let zone = TimeZoneDatabase.zone(named: tz.isEmpty ? "UTC" : tz) else { throw InputError("--tz: \"\(tz)\" is not a time zone of the tz database.") }
                let nowMs = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
                day = LocalTimestamp.local(nowMs, in: zone).date.description
            }
            let request = Corridor_V1_ListMovementsRequest(kind: kind ?? .unspecified, status: status ?? .unspecified, day: day, timeZone: tz, withRemovals: withRemovals, agreementID: agreement)
            let client = try await connection.connect()
            let response = try await calling { () async throws(RPCError) in try await client.listMovements(request, timeout: connection.callTimeout) }
            await client.close()
            if json { return printJSON(response) }
            var table = TextTable("ID", "KIND", "STATUS", "FROM", "CROSSING", "TO", "DEPARTS", "PEOPLE/LINES", "REMOVALS")
            for movement in try models(response.movements, Movement.init(proto:)) {
                let departs = movement.departedAtMs != 0 ? movement.departedAtMs : movement.plannedDepartureMs
                let load = movement.kind == .evacuation ? "\(movement.passengers.filter { !$0.removed }.count) people" : "\(movement.cargo.count) lines"
                table.add(movement.id, movement.kind.rawValue, movement.status.rawValue, movement.originSiteID, movement.crossingSiteID,
                          movement.destinationSiteIDs.joined(separator: ","), MovementCommand.time(departs, tz: tz), load,
                          movement.removals.isEmpty ? "" : "\(movement.removals.count)")
            }
            print(table.render())
            print("\(response.movements.count) movement\(response.movements.count == 1 ? "" : "s")")
        }
    }

    static func time(_ ms: UInt64, tz: String) -> String {
        ms == 0 ? "" : LocalTimestamp.format(ms, zoneName: tz.isEmpty ? "UTC" : tz)
    }

    static func show(_ movement: Movement, json: Bool, tz: String) throws {
        if json { return printJSON(movement) }
        printFields([
            ("id", movement.id), ("kind", movement.kind.rawValue), ("status", movement.status.rawValue),
            ("agreement", movement.agreementID), ("list", movement.listID), ("from", movement.originSiteID),
            ("crossing", movement.crossingSiteID), ("to", movement.destinationSiteIDs.joined(separator: ", ")),
            ("vehicles", movement.vehicles.map { "\($0.count) \($0.kind.rawValue)" }.joined(separator: ", ")),
            ("planned departure", time(movement.plannedDepartureMs, tz: tz)), ("planned arrival", time(movement.plannedArrivalMs, tz: tz)),
            ("departed", time(movement.departedAtMs, tz: tz)), ("departure override", movement.departureOverride),
            ("arrived", time(movement.arrivedAtMs, tz: tz)), ("completed", time(movement.completedAtMs, tz: tz)),
            ("abort reason", movement.abortReason),
        ])
        if !movement.passengers.isEmpty {
            print("\nManifest:")
            var table = TextTable("CASE", "TRAVELS WITH", "DESTINATION", "NOTE")
            for passenger in movement.passengers {
                var notes: [String] = []
                if passenger.removed { notes.append("removed: \(passenger.removedReason)") }
                if !passenger.companionsLeft.isEmpty {
                    let one = passenger.companionsLeft.count == 1
                    notes.append("companion\(one ? "" : "s") \(passenger.companionsLeft.joined(separator: ", ")) \(one ? "stays" : "stay") behind: \(passenger.companionsLeftReason)")
                }
                let with = passenger.companionOf.isEmpty ? "" : "companion of \(passenger.companionOf)"
                table.add(passenger.companionOf.isEmpty ? passenger.caseID : "└ " + passenger.caseID, with, passenger.destinationSiteID, notes.joined(separator: "; "))
            }
            print(table.render())
        }
        if !movement.cargo.isEmpty {
            print("\nCargo:")
            var table = TextTable("LINE", "ITEM", "CATEGORY", "UNIT", "PLANNED", "REMOVED", "DELIVERED", "PEOPLE SERVED")
            for line in movement.cargo {
                table.add(line.id, line.item, line.category.rawValue, line.unit, "\(line.quantity)", "\(line.removed)",
                          line.deliveryRecorded ? "\(line.delivered)" : "-", line.peopleServed == 0 ? "" : "\(line.peopleServed)")
            }
            print(table.render())
        }
        if !movement.removals.isEmpty {
            print("\nRemovals:")
            var table = TextTable("LINE", "QUANTITY", "BY", "STAGE", "SITE", "AT", "REASON")
            for removal in movement.removals {
                table.add(removal.lineID, "\(removal.quantity)", removal.partyID, removal.stage.rawValue, removal.siteID, time(removal.atMs, tz: tz), removal.reason)
            }
            print(table.render())
        }
        if !movement.incidents.isEmpty {
            print("\nIncidents:")
            var table = TextTable("AT", "KIND", "PLACE", "INJURED", "KILLED", "DESCRIPTION")
            for incident in movement.incidents {
                table.add(time(incident.atMs, tz: tz), incident.kind.rawValue, incident.place, "\(incident.injured)", "\(incident.killed)", incident.description)
            }
            print(table.render())
        }
    }
}

/// "C-000001" or "C-000001:damascus"; `withoutCompanions`: the reason its
/// companions stay behind (the registry refuses an empty one).
func parsePassenger(_ text: String, withoutCompanions: String? = nil) -> Movement.Passenger {
    let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
    return Movement.Passenger(
        caseID: String(parts[0]), destinationSiteID: parts.count > 1 ? String(parts[1]) : "",
        withoutCompanions: withoutCompanions != nil, companionsLeftReason: withoutCompanions ?? ""
    )
}

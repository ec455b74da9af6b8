import ArgumentParser
import CorridorClient
import CorridorExport
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export cases, lists, movements or figures as JSON or HXL-tagged CSV.",
        discussion: """
        HXL-tagged CSV (https://hxlstandard.org): a row of headers, a row of hashtags, then \
        the data; docs/hxl/ describes every column and holds the schema libhxl validates \
        it with. JSON: {"<kind>": [...], "count", "export", "exported_at"}, keys sorted, \
        times ISO 8601 in UTC. Case exports carry the pseudonymous id and the operational \
        part only: never a name, date of birth, contact, identity number or clinical note.
        """,
        subcommands: [Cases.self, Lists.self, Movements.self, Figures.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case hxl
    }

    struct OutputOptions: ParsableArguments {
        @Option(help: "json or hxl (HXL-tagged CSV).") var format: Format = .hxl
        @Option(help: "Write to this file (replaced whole once the export is complete) instead of standard output.") var output: String?
    }

    /// Where an export goes: standard output as it comes, or a temporary file
    /// renamed over --output at the end, so a failed export leaves no half file.
    final class Sink {
        private let handle: FileHandle
        private let temporary: String?
        private let destination: String?
        private var buffer = ""

        init(output: String?) throws {
            if let output {
                let temporary = output + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
                guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
                    throw InputError("cannot write \(output)")
                }
                self.handle = handle
                self.temporary = temporary
                self.destination = output
            } else {
                handle = FileHandle.standardOutput
                temporary = nil
                destination = nil
            }
        }

        func write(_ text: String) {
            buffer += text
            if buffer.utf8.count >= 1 << 16 { flush() }
        }

        private func flush() {
            handle.write(Data(buffer.utf8))
            buffer = ""
        }

        func finish() throws {
            flush()
            guard let temporary, let destination else { return }
            try handle.close()
            if FileManager.default.fileExists(atPath: destination) { try FileManager.default.removeItem(atPath: destination) }
            try FileManager.default.moveItem(atPath: temporary, toPath: destination)
        }

        func abandon() {
            guard let temporary else { return }
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    /// Writes the records of `pages` in the chosen format; `pages` calls its
    /// argument with each page as it arrives.
    static func export<E: RecordExport>(
        _ export: E.Type, options: OutputOptions,
        pages: (_ deliver: ([E.Record]) -> Void) async throws -> Void
    ) async throws {
        let sink = try Sink(output: options.output)
        do {
            var writer = JSONExportWriter(kind: E.kind, exportedAtMs: UInt64(Date().timeIntervalSince1970 * 1000))
            var count = 0
            switch options.format {
            case .hxl: sink.write(E.hxlHeader())
            case .json: sink.write(writer.begin())
            }
            try await pages { records in
                for record in records {
                    switch options.format {
                    case .hxl: sink.write(E.hxlLines(record))
                    case .json: sink.write(writer.element(E.json(record)))
                    }
                }
                count += records.count
            }
            if options.format == .json { sink.write(writer.end()) }
            try sink.finish()
            if let output = options.output {
                FileHandle.standardError.write(Data("exported \(count) \(E.kind) to \(output)\n".utf8))
            }
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// Runs `body`, then closes the connection, also when `body` throws.
    static func closing(_ client: CorridorClient, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            await client.close()
            throw error
        }
        await client.close()
    }

    /// A proto enum value from the command line: its name in any case, '-' for '_'.
    static func enumValue<E: RawRepresentable & CaseIterable>(_ text: String?, _ option: String) throws -> E? where E.RawValue == String {
        guard let text else { return nil }
        let wanted = text.uppercased().replacingOccurrences(of: "-", with: "_")
        guard let value = E.allCases.first(where: { $0.rawValue == wanted && !$0.rawValue.hasSuffix("UNSPECIFIED") }) else {
            let allowed = E.allCases.map(\.rawValue).filter { !$0.hasSuffix("UNSPECIFIED") }.map { $0.lowercased().replacingOccurrences(of: "_", with: "-") }
            throw InputError("\(option) must be one of: \(allowed.joined(separator: ", ")).")
        }
        return value
    }

    struct Cases: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cases, one row each: pseudonymous id and operational part, never the personal part.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var options: OutputOptions
        @Option(help: "Only cases at this site.") var site = ""
        @Option(help: "Only cases in this status.") var status: Case.Status?
        @Option(help: "Cases fetched per call (at most 10000).") var pageSize: UInt32 = 1000

        func validate() throws {
            guard (1...10_000).contains(pageSize) else { throw ValidationError("--page-size must be from 1 to 10000.") }
        }

        func run() async throws {
            let client = try await connection.connect()
            try await ExportCommand.closing(client) {
                try await ExportCommand.export(CaseExport.self, options: options) { deliver in
                    var token = ""
                    var done = 0
                    var progress: ProgressLine?
                    repeat {
                        let page = try await calling { () async throws(RPCError) in
                            try await client.cases(siteID: site, status: status ?? .unspecified, limit: pageSize, pageToken: token, timeout: connection.callTimeout)
                        }
                        if progress == nil { progress = ProgressLine(total: Int(page.total), label: "exporting cases") }
                        deliver(page.cases)
                        done += page.cases.count
                        progress?.update(done)
                        token = page.nextPageToken
                    } while !token.isEmpty
                    progress?.finish()
                }
            }
        }
    }

    struct Lists: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Evacuation lists, one row per entry.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var options: OutputOptions
        @Option(help: "Only lists of this agreement.") var agreement = ""
        @Option(help: "Only lists in this status (draft, submitted, approved, in-progress, closed).") var status: String?
        @Option(name: .customLong("list"), help: "Only this list (repeatable).") var lists: [String] = []

        func run() async throws {
            let status: EvacuationList.Status? = try ExportCommand.enumValue(self.status, "--status")
            let client = try await connection.connect()
            try await ExportCommand.closing(client) {
                try await ExportCommand.export(ListExport.self, options: options) { deliver in
                    let response = try await calling { () async throws(RPCError) in
                        try await client.listLists(ListListsRequest(agreementID: agreement, status: status ?? .unspecified), timeout: connection.callTimeout)
                    }
                    deliver(response.lists.filter { lists.isEmpty || lists.contains($0.list?.id ?? "") })
                }
            }
        }
    }

    struct Movements: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Movements: one row per cargo line of a convoy, one per passenger of an evacuation.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var options: OutputOptions
        @Option(help: "evacuation or aid-convoy.") var kind: String?
        @Option(help: "Only movements in this status.") var status: String?
        @Option(help: "Only movements of this agreement.") var agreement = ""
        @Option(name: .customLong("list"), help: "Only movements of this list.") var list = ""
        @Option(help: "Only movements planned, departing or arriving on this day (YYYY-MM-DD).") var day = ""
        @Option(help: "The time zone of --day (UTC if not given).") var timeZone = ""
        @Flag(help: "Only convoys with cargo removed.") var withRemovals = false

        func run() async throws {
            let kind: Movement.Kind? = try ExportCommand.enumValue(self.kind, "--kind")
            let status: Movement.Status? = try ExportCommand.enumValue(self.status, "--status")
            let client = try await connection.connect()
            try await ExportCommand.closing(client) {
                try await ExportCommand.export(MovementExport.self, options: options) { deliver in
                    let request = ListMovementsRequest(
                        kind: kind ?? .unspecified, status: status ?? .unspecified, day: day, timeZone: timeZone,
                        withRemovals: withRemovals, agreementID: agreement
                    )
                    let response = try await calling { () async throws(RPCError) in
                        try await client.listMovements(request, timeout: connection.callTimeout)
                    }
                    deliver(response.movements.filter { list.isEmpty || $0.listID == list })
                }
            }
        }
    }

    struct Figures: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Figures, one row each, with their source (#meta+source).")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var options: OutputOptions
        @Option(help: "Only figures about this subject (a site, agreement or movement id, or an event's name).") var subject = ""
        @Option(help: "Only subjects of this kind: site, agreement, movement, named-event.") var subjectKind: String?
        @Option(help: "Only this measure (killed, injured, population, children, trapped, needing-evacuation, …).") var measure: String?
        @Option(help: "Only figures from this source party.") var source = ""

        func run() async throws {
            let subjectKind: Figure.SubjectKind? = try ExportCommand.enumValue(self.subjectKind, "--subject-kind")
            let measure: Figure.Measure? = try ExportCommand.enumValue(self.measure, "--measure")
            let client = try await connection.connect()
            try await ExportCommand.closing(client) {
                try await ExportCommand.export(FigureExport.self, options: options) { deliver in
                    let request = ListFiguresRequest(subjectKind: subjectKind ?? .unspecified, subjectID: subject, measure: measure ?? .unspecified)
                    let response = try await calling { () async throws(RPCError) in
                        try await client.listFigures(request, timeout: connection.callTimeout)
                    }
                    deliver(response.figures.filter { source.isEmpty || $0.sourcePartyID == source })
                }
            }
        }
    }
}

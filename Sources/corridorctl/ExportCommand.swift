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

        Example:
          corridorctl export cases --status waiting --output waiting.csv
          corridorctl export movements --day 2026-11-21 --format json
        """,
        subcommands: [Cases.self, Lists.self, Movements.self, Figures.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case hxl
    }

    struct OutputOptions: ParsableArguments {
        @Option(help: "The format: JSON (proto3), or HXL-tagged CSV.") var format: Format = .hxl
        @Option(help: "Write to this file (replaced whole once the export is complete, readable by you alone) instead of standard output.") var output: String?
        @Flag(help: "Let the file's group read the --output file too (mode 0640 instead of 0600).") var groupReadable = false

        func validate() throws {
            if groupReadable && output == nil {
                throw ValidationError("--group-readable applies to an --output file only.")
            }
        }
    }

    /// Where an export goes: standard output as it comes, or a new private
    /// file renamed over --output at the end, so a failed export leaves no
    /// half file and an existing file or symbolic link at --output is
    /// replaced, never written through.
    final class Sink {
        private let descriptor: Int32
        private let temporary: String?
        private let destination: String?
        private var buffer: [UInt8] = []
        /// The temporary file is closed and renamed or removed: nothing is left to undo.
        private var isSettled = false

        init(output: String?, groupReadable: Bool) throws {
            guard let output else {
                descriptor = STDOUT_FILENO
                temporary = nil
                destination = nil
                return
            }
            let mode: mode_t = groupReadable ? 0o640 : 0o600
            let (descriptor, temporary) = try Self.createPrivateFile(beside: output, mode: mode)
            self.descriptor = descriptor
            self.temporary = temporary
            self.destination = output
        }

        /// A file that did not exist before (O_EXCL, O_NOFOLLOW: no existing
        /// file or link is reused), next to `output` so that the final rename
        /// stays within one file system, with exactly `mode`.
        private static func createPrivateFile(beside output: String, mode: mode_t) throws -> (Int32, String) {
            for attempt in 0..<16 {
                let temporary = output + ".partial-\(getpid())-\(attempt)-\(UInt32.random(in: 0...UInt32.max))"
                let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
                if descriptor < 0 {
                    if errno == EEXIST { continue }
                    throw InputError(option: "--output", "cannot write \(output): \(String(cString: strerror(errno)))")
                }
                // The umask may have narrowed the mode; widen it to exactly what was asked, never more.
                guard fchmod(descriptor, mode) == 0 else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    unlink(temporary)
                    throw InputError(option: "--output", "cannot set mode \(String(mode, radix: 8)) on \(temporary): \(reason)")
                }
                return (descriptor, temporary)
            }
            throw InputError(option: "--output", "cannot write \(output): could not create a temporary file beside it")
        }

        /// The first write error, reported by `finish`: the pages keep
        /// arriving, but nothing more is written once one write failed.
        private var failure: InputError?

        func write(_ text: String) {
            guard failure == nil else { return }
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 16 {
                do { try flush() } catch { failure = error }
            }
        }

        private func flush() throws(InputError) {
            var offset = 0
            while offset < buffer.count {
                let written = buffer[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw InputError(option: "--output", "cannot write \(destination ?? "standard output"): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
            buffer.removeAll(keepingCapacity: true)
        }

        func finish() throws {
            if let failure { throw failure }
            try flush()
            guard let temporary, let destination else { return }
            isSettled = true
            let synced = fsync(descriptor) == 0
            let syncError = errno
            close(descriptor)
            guard synced else {
                unlink(temporary)
                throw InputError(option: "--output", "cannot write \(destination): \(String(cString: strerror(syncError)))")
            }
            // rename replaces a link at the destination, it does not follow it.
            guard rename(temporary, destination) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw InputError(option: "--output", "cannot replace \(destination): \(reason)")
            }
        }

        func abandon() {
            guard let temporary, !isSettled else { return }
            isSettled = true
            close(descriptor)
            unlink(temporary)
        }
    }

    /// Writes the records of `pages` in the chosen format; `pages` calls its
    /// argument with each page as it arrives.
    static func export<E: RecordExport>(
        _ export: E.Type, options: OutputOptions,
        pages: (_ deliver: ([E.Record]) -> Void) async throws -> Void
    ) async throws {
        let sink = try Sink(output: options.output, groupReadable: options.groupReadable)
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
                        try await client.listLists(Corridor_V1_ListListsRequest(agreementID: agreement, status: status ?? .unspecified), timeout: connection.callTimeout)
                    }
                    deliver(try models(response.lists, ListSummary.init(proto:)).filter { lists.isEmpty || lists.contains($0.list?.id ?? "") })
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
                    let request = Corridor_V1_ListMovementsRequest(
                        kind: kind ?? .unspecified, status: status ?? .unspecified, day: day, timeZone: timeZone,
                        withRemovals: withRemovals, agreementID: agreement
                    )
                    let response = try await calling { () async throws(RPCError) in
                        try await client.listMovements(request, timeout: connection.callTimeout)
                    }
                    deliver(try models(response.movements, Movement.init(proto:)).filter { list.isEmpty || $0.listID == list })
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
        @Option(name: .customLong("by"), help: ArgumentHelp("Only figures from this source party.", valueName: "party")) var by: String?
        @Option(name: .customLong("source"), help: ArgumentHelp("The old name of --by.", valueName: "party", visibility: .hidden)) var oldSource: String?
        var source: String { by ?? oldSource ?? "" }

        func validate() throws {
            try PartySpelling.check(by: by, old: oldSource, oldName: "--source", required: false)
        }

        func run() async throws {
            let subjectKind: Figure.SubjectKind? = try ExportCommand.enumValue(self.subjectKind, "--subject-kind")
            let measure: Figure.Measure? = try ExportCommand.enumValue(self.measure, "--measure")
            let client = try await connection.connect()
            try await ExportCommand.closing(client) {
                try await ExportCommand.export(FigureExport.self, options: options) { deliver in
                    let request = Corridor_V1_ListFiguresRequest(subjectKind: subjectKind ?? .unspecified, subjectID: subject, measure: measure ?? .unspecified)
                    let response = try await calling { () async throws(RPCError) in
                        try await client.listFigures(request, timeout: connection.callTimeout)
                    }
                    deliver(try models(response.figures, Figure.init(proto:)).filter { source.isEmpty || $0.sourcePartyIDs.contains(source) })
                }
            }
        }
    }
}

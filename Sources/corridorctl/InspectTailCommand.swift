import ArgumentParser
import CorridorStore
import Foundation

struct InspectTailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print a data directory's last records; with --follow, keep printing new ones as corridord writes them.",
        discussion: """
            Reads the files directly, like the other inspect subcommands, so it needs no connection to the \
            daemon. A record is printed once its command is whole (its commit mark is written); that can be \
            a moment before corridord has made it durable and answered the client, so a power cut right \
            then could still take back a record shown here. `corridorctl watch` shows only durable records.
            """
    )

    @OptionGroup var location: DataDirectoryArgument

    @Option(name: [.customShort("n"), .customLong("lines")], help: "How many of the last records to print first.")
    var lines = 10

    @Flag(name: [.customShort("f"), .long], help: "Keep printing records as they are written, until Ctrl-C.")
    var follow = false

    @Flag(help: "Print one JSON object per line instead of text.")
    var json = false

    /// How often --follow looks for new records. A poll, not a wake-up,
    /// because the writer is another process with no channel to us; 200 ms
    /// is prompt for a person watching and costs little (a re-scan starts
    /// where the last one stopped).
    private static let followInterval = Duration.milliseconds(200)

    func validate() throws {
        guard lines >= 0 else { throw ValidationError("--lines must not be negative.") }
    }

    func run() async throws {
        let inspector = try location.inspector()
        let last: UInt64
        do {
            last = try inspector.lastSequence()
        } catch {
            throw InspectFailure(error.description)
        }
        let count = UInt64(lines)
        let cursor = inspector.records(from: last >= count ? last - count + 1 : 1)
        let printer = InspectRecordPrinter(json: json, vault: try location.vault())
        var findingsReported = 0

        func printNewRecords() throws {
            for record in cursor {
                try printer.print(record)
            }
            // Flushed per batch: a pipe would otherwise hold lines back, and
            // Ctrl-C (which simply ends the process) would lose them. nil
            // flushes every stream: `stdout` itself is a C global Swift 6 will not touch.
            fflush(nil)
            reportFindings(cursor.findings.dropFirst(findingsReported), json: json)
            findingsReported = cursor.findings.count
        }

        try printNewRecords()
        guard follow else {
            if let damage = cursor.findings.first(where: { $0.severity == .error }) {
                throw InspectFailure("records were skipped at the damage listed above, first in \(damage.file); run `corridorctl inspect verify \(location.directory)` for a full check", code: .dataLoss)
            }
            return
        }
        while true {
            try await Task.sleep(for: Self.followInterval)
            try printNewRecords()
        }
    }
}

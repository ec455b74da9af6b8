import ArgumentParser
import CorridorStore

struct InspectDumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print a data directory's records, decoded, one per line, oldest first.",
        discussion: """
            Prints whole commands only: records after the last commit mark of the last segment (a command \
            being written, or a torn tail) are left out. With --json each line is one JSON object, like \
            `journalctl -o json`. Damage met on the way is reported on stderr (with --json, one InspectFinding per line) and makes the exit status 15 (DATA_LOSS); \
            records in later segments are still printed.
            """
    )

    @OptionGroup var location: DataDirectoryArgument

    @Option(help: ArgumentHelp("The first sequence to print.", valueName: "sequence"))
    var from: UInt64?

    @Option(help: ArgumentHelp("The last sequence to print.", valueName: "sequence"))
    var to: UInt64?

    @Option(name: .customLong("type"), help: "Print only records of this type: a name such as case_registered, or a number. Repeat it for several types.")
    var types: [String] = []

    @Flag(help: "Print one JSON object per line instead of text.")
    var json = false

    func validate() throws {
        if let from, let to, from > to {
            throw ValidationError("--from (\(from)) must not be after --to (\(to)).")
        }
        _ = try InspectFormat.recordTypes(types)
    }

    func run() throws {
        let inspector = try location.inspector()
        let cursor = inspector.records(from: from ?? 1, to: to, types: try InspectFormat.recordTypes(types))
        let printer = InspectRecordPrinter(json: json, vault: try location.vault())
        for record in cursor {
            try printer.print(record)
        }
        reportFindings(cursor.findings, json: json)
        // With corridord running, records after the last commit mark are usually a write in progress.
        if inspector.lockState() == .free, let tail = cursor.unreadTail() {
            reportFindings([InspectionFinding(severity: tail.severity, file: tail.file, offset: tail.offset, fault: tail.fault + " (run `corridorctl inspect verify` to tell a torn tail from damage)")], json: json)
        }
        if let damage = cursor.findings.first(where: { $0.severity == .error }) {
            throw InspectFailure("records were skipped at the damage listed above, first in \(damage.file); run `corridorctl inspect verify \(location.directory)` for a full check", code: .dataLoss)
        }
    }
}

import ArgumentParser
import CorridorWire
import CorridorStore

struct InspectVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every segment, record and snapshot of a data directory; exits 0 only when it is clean.",
        discussion: """
            Checks each segment's header, that its name matches its first sequence, that sequences run on \
            from one segment to the next, every record's length, checksum and sequence, that sealed segments \
            end where their header says, and every snapshot's header and checksum. Records after the last \
            commit mark of the last segment, or stray bytes after its end, are a torn tail: a warning while \
            corridord runs (it may be writing them), an error otherwise. Exits 15 (DATA_LOSS) naming the first fault's \
            file and offset.

            Example (as the directory's owner; before starting corridord with --repair):
              sudo -u corridor corridorctl inspect verify /var/lib/corridor
            """
    )

    @OptionGroup var location: DataDirectoryArgument

    @Flag(help: "Print JSON instead of text.")
    var json = false

    /// One finding as cli.proto's InspectFinding.
    static func finding(_ finding: InspectionFinding) -> Corridor_V1_InspectFinding {
        Corridor_V1_InspectFinding(
            severity: finding.severity.rawValue, file: finding.file, hasOffset: finding.offset != nil,
            offset: finding.offset.map { UInt64(clamping: $0) } ?? 0, fault: finding.fault
        )
    }

    func run() throws {
        let inspector = try location.inspector()
        // The bar's total is known only once the segments are listed.
        var progressLine: ProgressLine?
        let report = inspector.verify { progress in
            if progressLine == nil { progressLine = ProgressLine(total: progress.segmentsTotal, label: "verify") }
            progressLine?.update(progress.segmentsChecked)
        }
        progressLine?.finish()

        if json {
            printJSON(Corridor_V1_VerifyReport(
                directory: report.directory, clean: report.isClean, lock: lockMessage(report.lock),
                segments: UInt32(clamping: report.segments), records: UInt64(report.records),
                firstSequence: report.firstSequence ?? 0, lastSequence: report.lastSequence ?? 0,
                snapshots: UInt32(clamping: report.snapshots), firstFault: report.firstFault.map(Self.finding),
                findings: report.findings.map(Self.finding)
            ))
        } else {
            if report.lock != .free { print("\(report.directory): \(report.lock)") }
            for finding in report.findings { print("\(finding.severity.rawValue): \(finding)") }
            print(summary(report))
        }
        if let fault = report.firstFault {
            throw InspectFailure("first fault: \(fault)", code: .dataLoss)
        }
    }

    /// "3 segments, 120,431 records, sequences 1-120431, 2 snapshots: clean".
    private func summary(_ report: VerificationReport) -> String {
        var parts = [InspectFormat.counted(report.segments, "segment"), InspectFormat.counted(report.records, "record")]
        if let first = report.firstSequence, let last = report.lastSequence {
            parts.append("sequences \(first)-\(last)")
        }
        parts.append(InspectFormat.counted(report.snapshots, "snapshot"))
        let errors = report.findings.count { $0.severity == .error }
        let warnings = report.findings.count { $0.severity == .warning }
        let verdict: String
        if errors > 0 {
            verdict = "DAMAGED (" + [InspectFormat.counted(errors, "error"), warnings > 0 ? InspectFormat.counted(warnings, "warning") : nil]
                .compactMap { $0 }.joined(separator: ", ") + ")"
        } else {
            verdict = "clean" + (warnings > 0 ? " (\(InspectFormat.counted(warnings, "warning")))" : "")
        }
        return parts.joined(separator: ", ") + ": " + verdict
    }
}

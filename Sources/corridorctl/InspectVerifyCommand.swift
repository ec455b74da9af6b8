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
            corridord runs (it may be writing them), an error otherwise. With --key-file it also opens every \
            sealed personal part in the log with the key file and the key store, and reports each that does not \
            open, or whose data key is gone with no erasure recorded (case and sequence); without it, it says that \
            it did not. Exits 15 (DATA_LOSS) naming the first fault's file and offset.

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
        // Sealed parts: opened only with the key file; the report says which.
        var findings = report.findings
        let sealed = try location.vault().map { SealedPartCheck(inspector: inspector, vault: $0) }
        if let sealed { findings += sealed.findings }
        let firstFault = findings.first { $0.severity == .error }
        let sealedLine = sealed.map {
            "sealed personal parts: \(InspectFormat.grouped($0.checked)) checked with the key file, \(InspectFormat.grouped($0.findings.count)) do not open"
        } ?? "sealed personal parts: not checked (give --key-file to open each)"

        if json {
            printJSON(Corridor_V1_VerifyReport(
                directory: report.directory, clean: firstFault == nil, lock: lockMessage(report.lock),
                segments: UInt32(clamping: report.segments), records: UInt64(report.records),
                firstSequence: report.firstSequence ?? 0, lastSequence: report.lastSequence ?? 0,
                snapshots: UInt32(clamping: report.snapshots), firstFault: firstFault.map(Self.finding),
                findings: findings.map(Self.finding)
            ))
        } else {
            if report.lock != .free { print("\(report.directory): \(report.lock)") }
            for finding in findings { print("\(finding.severity.rawValue): \(finding)") }
            print(sealedLine)
            print(summary(report, findings: findings))
        }
        if let fault = firstFault {
            throw InspectFailure("first fault: \(fault)", code: .dataLoss)
        }
    }

    /// "3 segments, 120,431 records, sequences 1-120431, 2 snapshots: clean".
    private func summary(_ report: VerificationReport, findings: [InspectionFinding]) -> String {
        var parts = [InspectFormat.counted(report.segments, "segment"), InspectFormat.counted(report.records, "record")]
        if let first = report.firstSequence, let last = report.lastSequence {
            parts.append("sequences \(first)-\(last)")
        }
        parts.append(InspectFormat.counted(report.snapshots, "snapshot"))
        let errors = findings.count { $0.severity == .error }
        let warnings = findings.count { $0.severity == .warning }
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

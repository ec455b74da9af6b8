import ArgumentParser
import CorridorStore
import CorridorWire
import Foundation

struct InspectStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show a data directory's segments, records per type, sequence range and snapshots.",
        discussion: """
            Counts whole commands only, as dump does. It reads every record but checks less than verify: \
            run verify to look for damage.
            """
    )

    @OptionGroup var location: DataDirectoryArgument

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let inspector = try location.inspector()
        let stats: DataDirectoryStatistics
        do {
            stats = try inspector.stats()
        } catch {
            throw InspectFailure(error.description)
        }
        let time = { (nanoseconds: UInt64?) in nanoseconds.map { InspectFormat.timestamp(nanoseconds: $0) } }
        if json {
            // cli.proto's DirectoryStats: record types by name, in name order.
            let byType = stats.recordsByType.map { (InspectFormat.typeName($0.key) ?? "type_\($0.key)", $0.value) }.sorted { $0.0 < $1.0 }
            return printJSON(Corridor_V1_DirectoryStats(
                directory: stats.directory, lock: lockMessage(stats.lock), records: UInt64(stats.records),
                firstSequence: stats.first?.sequence ?? 0, firstRecordedAt: time(stats.first?.timestampNanoseconds) ?? "",
                lastSequence: stats.last?.sequence ?? 0, lastRecordedAt: time(stats.last?.timestampNanoseconds) ?? "",
                recordBytes: UInt64(stats.recordBytes), reservedBytes: UInt64(stats.reservedBytes),
                recordsByType: byType.map { Corridor_V1_DirectoryStats.TypeCount(type: $0.0, records: UInt64($0.1)) },
                segments: stats.segments.map {
                    Corridor_V1_DirectoryStats.Segment(
                        file: $0.file, state: $0.state?.description ?? "", firstSequence: $0.firstSequence, lastSequence: $0.lastSequence ?? 0,
                        records: UInt64($0.records), bytesUsed: UInt64($0.bytesUsed), sizeBytes: UInt64($0.size),
                        createdAt: time($0.createdAtNanoseconds) ?? "", fault: $0.fault ?? ""
                    )
                },
                snapshots: stats.snapshots.map {
                    Corridor_V1_DirectoryStats.Snapshot(
                        file: $0.file, sequence: $0.sequence ?? 0, createdAt: time($0.createdAtNanoseconds) ?? "", sizeBytes: UInt64($0.size),
                        valid: $0.isValid, fault: $0.fault ?? ""
                    )
                }
            ))
        }

        printFields([
            ("directory", stats.directory),
            ("in use", inUse(stats.lock)),
            ("records", InspectFormat.grouped(stats.records) + (stats.first.map { first in "  (sequences \(first.sequence)-\(stats.last?.sequence ?? first.sequence))" } ?? "")),
            ("first record", stats.first.map { "#\($0.sequence)  \(InspectFormat.timestamp(nanoseconds: $0.timestampNanoseconds))" } ?? ""),
            ("last record", stats.last.map { "#\($0.sequence)  \(InspectFormat.timestamp(nanoseconds: $0.timestampNanoseconds))" } ?? ""),
            ("record bytes", "\(InspectFormat.bytes(stats.recordBytes)) in \(InspectFormat.counted(stats.segments.count, "segment")) of \(InspectFormat.bytes(stats.reservedBytes)) reserved"),
        ])

        // The NOTE column only when a segment has something to say, so rows carry no trailing blanks.
        let noted = stats.segments.contains { $0.fault != nil }
        var segments = noted
            ? TextTable("SEGMENT", "STATE", "SEQUENCES", "RECORDS", "USED", "SIZE", "NOTE")
            : TextTable("SEGMENT", "STATE", "SEQUENCES", "RECORDS", "USED", "SIZE")
        for segment in stats.segments {
            let cells = [
                (segment.file as NSString).lastPathComponent, segment.state?.description ?? "?",
                InspectFormat.sequences(segment.firstSequence, segment.lastSequence), InspectFormat.grouped(segment.records),
                InspectFormat.bytes(segment.bytesUsed), InspectFormat.bytes(segment.size),
            ]
            segments.rows.append(noted ? cells + [segment.fault ?? ""] : cells)
        }
        print("\n" + segments.render())

        if !stats.recordsByType.isEmpty {
            var types = TextTable("TYPE", "NUMBER", "RECORDS")
            for (type, count) in stats.recordsByType.sorted(by: { $0.key < $1.key }) {
                types.add(InspectFormat.typeName(type) ?? "unknown", "\(type)", InspectFormat.grouped(count))
            }
            print("\n" + types.render())
        }

        if !stats.snapshots.isEmpty {
            var snapshots = TextTable("SNAPSHOT", "SEQUENCE", "CREATED", "SIZE", "VALID")
            for snapshot in stats.snapshots {
                snapshots.add(
                    (snapshot.file as NSString).lastPathComponent, snapshot.sequence.map { "\($0)" } ?? "?",
                    time(snapshot.createdAtNanoseconds) ?? "?", InspectFormat.bytes(snapshot.size),
                    snapshot.fault.map { "no: \($0)" } ?? "yes"
                )
            }
            print("\n" + snapshots.render())
        }
    }

    private func inUse(_ lock: DataDirectoryLockState) -> String {
        switch lock {
        case .free: "no"
        case .held(let pid): "by corridord, pid \(pid.map(String.init) ?? "unknown")"
        case .unknown(let reason): "cannot tell: \(reason)"
        }
    }
}

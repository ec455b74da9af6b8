import CorridorModel
import CorridorStore
import CorridorTestSupport
import CorridorWire
import Foundation
import Logging
import Testing

/// A data directory written through the real EventLog (64 KiB segments, so
/// a few hundred records span several), closed, for `inspect` to read.
struct InspectFixture {
    static let recordCount = 600
    /// Records per appended command: only every fifth carries the commit mark.
    static let commandSize = 5
    /// 2026-11-21T09:12:26.646Z; each record is 1 ms after the one before.
    static let firstTimestamp: UInt64 = 1_795_252_346_646_000_000

    let directory: String
    var segmentsDirectory: String { directory + "/segments" }

    var segmentFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: segmentsDirectory)) ?? []).filter { $0.hasSuffix(".log") }.sorted()
    }

    /// The event at 0-based `index`: a party, a site and a case status change in turn.
    static func event(_ index: Int) -> Event {
        let actor = Actor(uid: 1000, userName: "medco", pid: 4242)
        switch index % 3 {
        case 0:
            return Event(actor: actor, atMs: 1, .partyRegistered(PartyRegistered(
                party: Party(id: "p\(index)", shortName: "P", fullName: String(repeating: "x", count: 200), kind: .ngo)
            )))
        case 1:
            return Event(actor: actor, atMs: 1, .siteRegistered(SiteRegistered(
                site: Site(id: "s\(index)", name: String(repeating: "y", count: 200), kind: .hospital)
            )))
        default:
            return Event(actor: actor, atMs: 1, .caseStatusChanged(CaseStatusChanged(caseID: "C-\(index)", from: .waiting, to: .listed, date: "2026-11-21")))
        }
    }

    static func expectedType(ofSequence sequence: UInt64) -> (name: String, number: Int) {
        switch (sequence - 1) % 3 {
        case 0: ("party_registered", 10)
        case 1: ("site_registered", 20)
        default: ("case_status_changed", 33)
        }
    }

    /// Writes `recordCount` events and, if asked, one snapshot; `extra`
    /// records (raw payloads) are appended last, one command each.
    static func make(snapshotAt: UInt64? = 300, extra: [PendingRecord] = []) async throws -> InspectFixture {
        let directory = try TemporaryDirectory().path
        var options = StoreOptions()
        options.segmentBytes = 64 * 1024
        let logger = Logger(label: "inspect-tests") { _ in SwiftLogNoOpLogHandler() }
        let (log, _) = try EventLog.open(directory: directory, options: options, logger: logger)
        var command: [PendingRecord] = []
        for index in 0..<recordCount {
            let event = event(index)
            command.append(PendingRecord(
                type: event.kind.recordType, payload: try testRecordCoding.encode(event),
                timestampNanoseconds: firstTimestamp + UInt64(index) * 1_000_000
            ))
            if command.count == commandSize {
                _ = try await log.appendDurably(command)
                command.removeAll()
            }
        }
        for record in extra {
            _ = try await log.appendDurably([record])
        }
        try log.close()
        if let snapshotAt {
            try SnapshotStore(dataDirectory: directory, logger: logger).write(sequence: snapshotAt, payload: Array(repeating: 7, count: 100))
        }
        return InspectFixture(directory: directory)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Where the record at 0-based `index` of a segment starts, walking the record lengths.
    func recordOffset(inSegment name: String, index: Int) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: segmentsDirectory + "/" + name))
        var offset = 4096
        for _ in 0..<index {
            let length = data[offset..<(offset + 4)].withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
            offset += (length + 7) / 8 * 8
        }
        return offset
    }

    /// How many records a segment holds, walking the record lengths to the first zero.
    func recordCount(inSegment name: String) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: segmentsDirectory + "/" + name))
        var offset = 4096
        var count = 0
        while offset + 4 <= data.count {
            let length = data[offset..<(offset + 4)].withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
            if length == 0 { break }
            offset += (length + 7) / 8 * 8
            count += 1
        }
        return count
    }

    /// Overwrites bytes of a segment in place, as damage on disk would.
    func overwrite(segment name: String, at offset: Int, with bytes: [UInt8]) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: segmentsDirectory + "/" + name))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        let original = try handle.read(upToCount: bytes.count) ?? Data()
        try handle.seek(toOffset: UInt64(offset))
        // XOR, so that the byte surely changes.
        try handle.write(contentsOf: Data(zip(bytes, original + Data(count: bytes.count)).map { $0 ^ $1 }))
    }
}

/// A uint64 of proto3 JSON: a string of digits (a number is accepted too).
func u64(_ value: Any?) -> Int? {
    if let text = value as? String { return Int(text) }
    return value as? Int
}

/// Each line of a `--json` dump, parsed.
func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { line in
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
    }
}

@Suite struct InspectCommandTests {
    @Test func verifyOfACleanDirectoryExitsZeroWithASummary() async throws {
        let fixture = try await InspectFixture.make()
        defer { fixture.remove() }
        let segments = fixture.segmentFiles.count
        #expect(segments >= 3, "600 records of ~250 bytes need several 64 KiB segments")

        let run = try await Corridorctl.run(["inspect", "verify", fixture.directory])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("\(segments) segments, 600 records, sequences 1-600, 1 snapshot: clean"), "\(run.stdout)")
        #expect(!run.stdout.contains("warning"), "\(run.stdout)")
    }

    @Test func verifyJSONCarriesTheSameFigures() async throws {
        let fixture = try await InspectFixture.make()
        defer { fixture.remove() }
        let run = try await Corridorctl.run(["inspect", "verify", "--json", fixture.directory])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["clean"] as? Bool == true)
        #expect(u64(object["records"]) == 600)
        #expect(u64(object["firstSequence"]) == 1)
        #expect(u64(object["lastSequence"]) == 600)
        #expect(object["segments"] as? Int == fixture.segmentFiles.count)
        #expect(object["snapshots"] as? Int == 1)
        #expect(object["findings"] == nil, "no findings: the empty list is left out")
        #expect((object["lock"] as? [String: Any])?["state"] as? String == "free")
    }

    @Test func statsJSONCountsRecordsSegmentsAndSnapshots() async throws {
        let fixture = try await InspectFixture.make()
        defer { fixture.remove() }
        let run = try await Corridorctl.run(["inspect", "stats", "--json", fixture.directory])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(u64(object["records"]) == 600)
        let byType = (object["recordsByType"] as? [[String: Any]] ?? []).map { ($0["type"] as? String ?? "", u64($0["records"]) ?? 0) }
        #expect(byType.map(\.0) == ["case_status_changed", "party_registered", "site_registered"], "by name, in name order")
        #expect(byType.map(\.1) == [200, 200, 200])
        #expect(u64(object["firstSequence"]) == 1)
        #expect(u64(object["lastSequence"]) == 600)
        #expect(object["firstRecordedAt"] as? String == "2026-11-21T09:12:26.646Z")
        #expect(object["lastRecordedAt"] as? String == "2026-11-21T09:12:27.245Z")

        let segments = try #require(object["segments"] as? [[String: Any]])
        #expect(segments.count == fixture.segmentFiles.count)
        #expect(segments.reduce(0) { $0 + (u64($1["records"]) ?? 0) } == 600)
        #expect(segments.dropLast().allSatisfy { $0["state"] as? String == "sealed" })
        #expect(segments.last?["state"] as? String == "offline", "a cleanly closed log's last segment is offline")
        #expect(segments.allSatisfy { u64($0["sizeBytes"]) == 64 * 1024 })
        #expect(u64(segments.first?["firstSequence"]) == 1)
        #expect(u64(segments.last?["lastSequence"]) == 600)

        let snapshots = try #require(object["snapshots"] as? [[String: Any]])
        #expect(snapshots.count == 1)
        #expect(u64(snapshots.first?["sequence"]) == 300)
        #expect(snapshots.first?["valid"] as? Bool == true)
    }

    @Test func statsTextShowsTheTables() async throws {
        let fixture = try await InspectFixture.make()
        defer { fixture.remove() }
        let run = try await Corridorctl.run(["inspect", "stats", fixture.directory])
        #expect(run.status == 0, "\(run.stderr)")
        for expected in ["records", "(sequences 1-600)", "SEGMENT", "00000000000000000001.log", "sealed", "party_registered", "SNAPSHOT", "00000000000000000300.snap"] {
            #expect(run.stdout.contains(expected), "no \(expected) in:\n\(run.stdout)")
        }
    }

    @Test func dumpJSONIsOneObjectPerRecordInOrder() async throws {
        let fixture = try await InspectFixture.make()
        defer { fixture.remove() }
        let run = try await Corridorctl.run(["inspect", "dump", "--json", fixture.directory])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try jsonLines(run.stdout)
        #expect(lines.map { u64($0["sequence"]) } == (1...600).map { $0 })
        for line in lines {
            let sequence = UInt64(u64(line["sequence"]) ?? 0)
            let expected = InspectFixture.expectedType(ofSequence: sequence)
            #expect(line["type"] as? String == expected.name)
            #expect(line["typeNumber"] as? Int == expected.number)
            #expect((line["commit"] as? Bool ?? false) == (sequence % UInt64(InspectFixture.commandSize) == 0), "only a command's last record carries the commit mark")
            #expect(line["event"] is [String: Any])
        }
        let first = try #require(lines.first)
        #expect(first["recordedAt"] as? String == "2026-11-21T09:12:26.646Z")
        let event = try #require(first["event"] as? [String: Any])
        let party = try #require((event["partyRegistered"] as? [String: Any])?["party"] as? [String: Any])
        #expect(party["id"] as? String == "p0")
        #expect((event["actor"] as? [String: Any])?["userName"] as? String == "medco")
        // cli.proto's InspectedRecord, its event the generated Event's proto3 JSON, on one line.
        let firstLine = try #require(run.stdout.split(separator: "\n").first)
        #expect(firstLine.contains(#""event":{"actor":{"uid":1000,"userName":"medco","pid":4242},"#), "\(firstLine)")
        #expect(try Corridor_V1_InspectedRecord(jsonText: String(firstLine)).event?.actor?.pid == 4242)
    }

    @Test func dumpFiltersBySequenceAndType() async throws {
        let fixture = try await InspectFixture.make()
        defer { fixture.remove() }

        let range = try await Corridorctl.run(["inspect", "dump", "--json", "--from", "100", "--to", "150", fixture.directory])
        #expect(range.status == 0, "\(range.stderr)")
        #expect(try jsonLines(range.stdout).map { u64($0["sequence"]) } == (100...150).map { $0 })

        let typed = try await Corridorctl.run(["inspect", "dump", "--json", "--type", "party_registered", "--type", "33", fixture.directory])
        #expect(typed.status == 0, "\(typed.stderr)")
        let typedLines = try jsonLines(typed.stdout)
        #expect(typedLines.count == 400)
        #expect(Set(typedLines.compactMap { $0["type"] as? String }) == ["party_registered", "case_status_changed"])

        let both = try await Corridorctl.run(["inspect", "dump", "--json", "--from", "290", "--to", "310", "--type", "site-registered", fixture.directory])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(try jsonLines(both.stdout).map { u64($0["sequence"]) } == [290, 293, 296, 299, 302, 305, 308])
    }

    @Test func dumpTextIsOneReadableLinePerRecord() async throws {
        let fixture = try await InspectFixture.make()
        defer { fixture.remove() }
        let run = try await Corridorctl.run(["inspect", "dump", "--to", "3", fixture.directory])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n") == [
            "1  2026-11-21T09:12:26.646Z  party_registered  party p0 by medco (uid 1000, pid 4242)",
            "2  2026-11-21T09:12:26.647Z  site_registered  site s1 by medco (uid 1000, pid 4242)",
            "3  2026-11-21T09:12:26.648Z  case_status_changed  case C-2 by medco (uid 1000, pid 4242)",
        ])
    }

    @Test func anUndecodablePayloadIsPrintedNotFatal() async throws {
        // Field 1, length-delimited, claiming more bytes than follow.
        let garbage = PendingRecord(type: 30, payload: [0x0A, 0x7F, 0x01], timestampNanoseconds: InspectFixture.firstTimestamp)
        let fixture = try await InspectFixture.make(snapshotAt: nil, extra: [garbage])
        defer { fixture.remove() }

        let text = try await Corridorctl.run(["inspect", "dump", "--from", "601", fixture.directory])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("601  2026-11-21T09:12:26.646Z  case_registered  undecodable (3 bytes)"), "\(text.stdout)")

        let json = try await Corridorctl.run(["inspect", "dump", "--json", "--from", "601", fixture.directory])
        #expect(json.status == 0, "\(json.stderr)")
        let line = try #require(try jsonLines(json.stdout).first)
        #expect(line["event"] == nil)
        #expect(line["undecodable"] is String)
        #expect(line["payload"] as? String == "Cn8B")
    }

    @Test func tailPrintsTheLastRecords() async throws {
        let fixture = try await InspectFixture.make()
        defer { fixture.remove() }
        let run = try await Corridorctl.run(["inspect", "tail", "-n", "3", "--json", fixture.directory])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try jsonLines(run.stdout).map { u64($0["sequence"]) } == [598, 599, 600])

        let defaulted = try await Corridorctl.run(["inspect", "tail", fixture.directory])
        #expect(defaulted.stdout.split(separator: "\n").count == 10)
        #expect(defaulted.stdout.hasPrefix("591  "))
    }

    @Test func aDamagedRecordInASealedSegmentFailsVerifyNamingFileAndOffset() async throws {
        let fixture = try await InspectFixture.make()
        defer { fixture.remove() }
        let first = try #require(fixture.segmentFiles.first)
        let offset = try fixture.recordOffset(inSegment: first, index: 10)
        try fixture.overwrite(segment: first, at: offset + 40, with: [0x01])

        let run = try await Corridorctl.run(["inspect", "verify", fixture.directory])
        #expect(run.status == 15, "\(run.stdout)\(run.stderr)")
        let named = "segments/\(first) at offset \(offset)"
        #expect(run.stderr.contains("first fault: \(fixture.directory)/\(named): damaged record: checksum mismatch"), "\(run.stderr)")
        #expect(run.stdout.contains("error: \(fixture.directory)/\(named)"), "\(run.stdout)")
        #expect(run.stdout.contains(": DAMAGED"), "\(run.stdout)")

        let json = try await Corridorctl.run(["inspect", "verify", "--json", fixture.directory])
        #expect(json.status == 15)
        let refusal = try #require(try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any], "\(json.stderr)")
        #expect(refusal["code"] as? String == "DATA_LOSS")
        #expect((refusal["message"] as? String)?.hasPrefix("first fault: ") == true, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["clean"] == nil, "false is left out in proto3 JSON")
        let fault = try #require(object["firstFault"] as? [String: Any])
        #expect(fault["file"] as? String == "\(fixture.segmentsDirectory)/\(first)")
        #expect(u64(fault["offset"]) == offset)

        // dump reads on past the damage, into the next segment, and says what it skipped.
        let dump = try await Corridorctl.run(["inspect", "dump", "--json", fixture.directory])
        #expect(dump.status == 15)
        // With --json every line of stderr is JSON: each finding an
        // InspectFinding, then the failure, a CliError.
        let reported = try jsonLines(dump.stderr)
        let damage = try #require(reported.first, "\(dump.stderr)")
        #expect(damage["severity"] as? String == "error" && damage["file"] as? String == "\(fixture.segmentsDirectory)/\(first)", "\(dump.stderr)")
        #expect(u64(damage["offset"]) == offset)
        #expect(reported.last?["code"] as? String == "DATA_LOSS", "\(dump.stderr)")
        let text = try await Corridorctl.run(["inspect", "dump", fixture.directory])
        #expect(text.status == 15)
        #expect(text.stderr.contains(named), "\(text.stderr)")
        let sequences = try jsonLines(dump.stdout).compactMap { u64($0["sequence"]) }
        #expect(Array(sequences.prefix(10)) == Array(1...10))
        #expect(!sequences.contains(11))
        #expect(sequences.last == 600)
    }

    @Test func aTornTailIsAnErrorWhenIdleAndAWarningWhileTheDirectoryIsLocked() async throws {
        let fixture = try await InspectFixture.make(snapshotAt: nil)
        defer { fixture.remove() }
        let last = try #require(fixture.segmentFiles.last)
        // Stray bytes at the very end of the preallocated file, well after
        // the last record, as a torn write can leave.
        try fixture.overwrite(segment: last, at: 64 * 1024 - 16, with: [0xAB, 0xCD])

        let idle = try await Corridorctl.run(["inspect", "verify", fixture.directory])
        #expect(idle.status == 15, "\(idle.stdout)\(idle.stderr)")
        #expect(idle.stdout.contains("error: \(fixture.segmentsDirectory)/\(last)"), "\(idle.stdout)")
        #expect(idle.stdout.contains("torn tail"), "\(idle.stdout)")

        // The lock a running corridord holds: the probe must see it, and the
        // tail becomes a write that may be in progress.
        let lock = try StoreDirectoryLock(directory: fixture.directory)
        let running = try await Corridorctl.run(["inspect", "verify", fixture.directory])
        withExtendedLifetime(lock) {}
        #expect(running.status == 0, "\(running.stdout)\(running.stderr)")
        #expect(running.stdout.contains("in use by corridord (pid \(getpid()))"), "\(running.stdout)")
        #expect(running.stdout.contains("warning: \(fixture.segmentsDirectory)/\(last)"), "\(running.stdout)")
        #expect(running.stdout.contains("clean (1 warning)"), "\(running.stdout)")
    }

    @Test func damageInTheMiddleOfTheLastSegmentIsNotMistakenForATornTail() async throws {
        let fixture = try await InspectFixture.make(snapshotAt: nil)
        defer { fixture.remove() }
        let last = try #require(fixture.segmentFiles.last)
        let records = try fixture.recordCount(inSegment: last)
        #expect(records >= 10, "the fixture's last segment holds \(records) records")
        let offset = try fixture.recordOffset(inSegment: last, index: records / 2)
        try fixture.overwrite(segment: last, at: offset + 40, with: [0x01])

        // Valid records after the damage: a torn write cannot leave those,
        // and recovery would cut them off, so it is an error even while the
        // directory is locked (a second look rules out a write in progress).
        let idle = try await Corridorctl.run(["inspect", "verify", fixture.directory])
        #expect(idle.status == 15, "\(idle.stdout)\(idle.stderr)")
        #expect(idle.stderr.contains("first fault: \(fixture.segmentsDirectory)/\(last) at offset \(offset)"), "\(idle.stderr)")
        #expect(idle.stdout.contains("not a torn write"), "\(idle.stdout)")
        #expect(idle.stdout.contains("valid record(s)"), "\(idle.stdout)")

        do {
            let lock = try StoreDirectoryLock(directory: fixture.directory)
            let running = try await Corridorctl.run(["inspect", "verify", fixture.directory])
            withExtendedLifetime(lock) {}
            #expect(running.status == 15, "\(running.stdout)\(running.stderr)")
            #expect(running.stdout.contains("not a torn write"), "\(running.stdout)")
        }

        // dump prints what it can read and says where the records stop.
        let dump = try await Corridorctl.run(["inspect", "dump", "--json", fixture.directory])
        #expect(dump.status == 0, "\(dump.stderr)")
        let warning = try #require(try jsonLines(dump.stderr).first, "\(dump.stderr)")
        #expect(warning["severity"] as? String == "warning" && warning["file"] as? String == "\(fixture.segmentsDirectory)/\(last)", "\(dump.stderr)")
        #expect(u64(warning["offset"]) == offset)
        #expect((warning["fault"] as? String)?.contains("the readable records stop here") == true, "\(dump.stderr)")
    }

    @Test func damageAtTheEndOfACleanlyClosedLastSegmentIsNotATornTail() async throws {
        let fixture = try await InspectFixture.make(snapshotAt: nil)
        defer { fixture.remove() }
        let last = try #require(fixture.segmentFiles.last)
        let offset = try fixture.recordOffset(inSegment: last, index: try fixture.recordCount(inSegment: last) - 1)
        try fixture.overwrite(segment: last, at: offset + 40, with: [0x01])

        let run = try await Corridorctl.run(["inspect", "verify", fixture.directory])
        #expect(run.status == 15, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("error: \(fixture.segmentsDirectory)/\(last) at offset \(offset)"), "\(run.stdout)")
        // Either rule recovery applies says so: closed cleanly, or below the durability watermark.
        #expect(run.stdout.contains("not a torn write"), "\(run.stdout)")
        #expect(run.stdout.contains("DATA_LOSS"), "\(run.stdout)")
    }

    @Test func aDirectoryThatDoesNotExistIsAClearError() async throws {
        let path = "/tmp/ctl-inspect-nothing-\(getpid())"
        for subcommand in ["verify", "dump", "stats", "tail"] {
            let run = try await Corridorctl.run(["inspect", subcommand, path])
            #expect(run.status == 1, "\(subcommand): \(run.stderr)")
            #expect(run.stderr.contains("\(path) does not exist"), "\(subcommand): \(run.stderr)")
        }
    }

    @Test func aDirectoryWithoutSegmentsIsNotADataDirectory() async throws {
        let directory = try TemporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try await Corridorctl.run(["inspect", "verify", directory])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is not a Corridor data directory"), "\(run.stderr)")
    }

    @Test(arguments: [
        (["--from", "10", "--to", "5"], "must not be after --to"),
        (["--type", "case_exploded"], "case_registered (30)"),
    ])
    func badDumpArgumentsAreValidationErrors(arguments: [String], message: String) async throws {
        let run = try await Corridorctl.run(["inspect", "dump", "/nonexistent"] + arguments)
        #expect(run.status == 64, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }
}

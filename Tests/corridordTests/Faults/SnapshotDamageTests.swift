import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// Issue 12: a damaged snapshot. corridord falls back to an older snapshot,
/// or to the log alone, logs a warning naming the file and why, moves the
/// file to DATA_DIR/quarantine (never deletes it), and serves every
/// acknowledged record.
@Suite("corridord with a damaged snapshot", .serialized)
struct SnapshotDamageTests {
    @Test func aFlippedByteFallsBackToTheOlderSnapshotAndATruncatedOneToTheLog() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("data")
        let socket = scratch.file("s.sock")
        let arguments = ["--socket", socket, "--data-dir", data]
        let snapshots = data + "/snapshots"
        let quarantine = data + "/quarantine"

        // Two stops, two snapshots: through 10 and through 20.
        var acknowledged = try await StartRefusalTests.registerParties(arguments: arguments, socket: socket, scratch: scratch, count: 10)
        acknowledged += try await registerMore(10..<20, arguments: arguments, socket: socket, scratch: scratch)
        let older = snapshots + "/" + Self.name(10)
        let newer = snapshots + "/" + Self.name(20)
        try #require(FileManager.default.fileExists(atPath: older) && FileManager.default.fileExists(atPath: newer), "\(Self.list(snapshots))")

        // A flipped byte in the newest: the older one is used, the newest set aside.
        try Self.flip(newer, at: 64 + 20)
        do {
            let (log, present) = try await startAndRead(arguments: arguments, socket: socket, scratch: scratch)
            #expect(Set(present) == Set(acknowledged), "every acknowledged record is served")
            let warning = log.split(separator: "\n").first { $0.contains("a snapshot is damaged") }.map(String.init) ?? ""
            #expect(warning.contains(newer) && warning.contains("payload checksum mismatch"), "names the file and why:\n\(log)")
            #expect(warning.contains(quarantine + "/" + Self.name(20)), "says where it went:\n\(log)")
            #expect(log.contains("loaded snapshot") && log.contains(older), "the older snapshot was used:\n\(log)")
        }
        #expect(FileManager.default.fileExists(atPath: quarantine + "/" + Self.name(20)), "kept, in quarantine: \(Self.list(quarantine))")

        // That start wrote a new snapshot through 20 at its stop. Now truncate
        // it and damage the older one's header: nothing left but the log.
        try #require(FileManager.default.fileExists(atPath: newer), "\(Self.list(snapshots))")
        try Self.truncate(newer, to: 100)
        try Self.flip(older, at: 3)
        do {
            let (log, present) = try await startAndRead(arguments: arguments, socket: socket, scratch: scratch)
            #expect(Set(present) == Set(acknowledged), "every acknowledged record is served from the log alone")
            let warnings = log.split(separator: "\n").filter { $0.contains("a snapshot is damaged") }
            #expect(warnings.count == 2, "one warning per damaged file:\n\(log)")
            #expect(warnings.contains { $0.contains(newer) && $0.contains("payload is 36 bytes, the header says") }, "\(log)")
            #expect(warnings.contains { $0.contains(older) && $0.contains("bad magic") }, "\(log)")
            #expect(!log.contains("loaded snapshot"), "\(log)")
        }
        #expect(FileManager.default.fileExists(atPath: quarantine + "/" + Self.name(20) + ".2"), "a second damaged file of the same name is kept beside the first: \(Self.list(quarantine))")
        #expect(FileManager.default.fileExists(atPath: quarantine + "/" + Self.name(10)), "\(Self.list(quarantine))")
    }

    private func registerMore(_ range: Range<Int>, arguments: [String], socket: String, scratch: TemporaryDirectory) async throws -> [String] {
        let daemon = try await Harness.startReady(arguments, in: scratch)
        defer { daemon.process.kill() }
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        var ids: [String] = []
        for index in range { ids.append(try await client.registerParty(StartRefusalTests.party(index)).id) }
        await client.close()
        try await daemon.stopWhileReading()
        return ids
    }

    /// Starts, reads every party, stops; returns the log and the party ids.
    private func startAndRead(arguments: [String], socket: String, scratch: TemporaryDirectory) async throws -> (String, [String]) {
        let daemon = try await Harness.startReady(arguments, in: scratch)
        defer { daemon.process.kill() }
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        let present = try await client.parties().map(\.id)
        await client.close()
        try await daemon.stopWhileReading()
        return (try await daemon.process.stderr.untilEOF(), present)
    }

    static func name(_ sequence: Int) -> String {
        String(repeating: "0", count: 20 - String(sequence).count) + String(sequence) + ".snap"
    }

    static func flip(_ path: String, at offset: Int) throws {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[offset] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func truncate(_ path: String, to length: Int) throws {
        guard Glibc.truncate(path, off_t(length)) == 0 else { throw DaemonTestError("truncate \(path): errno \(errno)") }
    }

    static func list(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
}

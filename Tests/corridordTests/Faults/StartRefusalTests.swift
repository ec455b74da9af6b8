import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// Issue 12, faults at start: a data directory that is missing and cannot be
/// made, cannot be written, or is read-only, and a socket directory that is
/// someone else's or a symbolic link. Each refuses the start in one sentence
/// naming the path, with the exit status docs/OPERATIONS.md gives it, and
/// what was acknowledged before is all there once the fault is fixed.
@Suite("corridord refuses to start on a fault, with its exit status", .serialized)
struct StartRefusalTests {
    static func start(_ arguments: [String]) async throws -> ProcessOutcome {
        try await TestProcess.run(try CorridordBinary.url().path, arguments, environment: ["NOTIFY_SOCKET": nil, "LISTEN_FDS": nil])
    }

    /// The one sentence of the refusal: the critical line.
    static func refusal(_ outcome: ProcessOutcome) -> String {
        outcome.stderr.split(separator: "\n").first { $0.contains("cannot run:") }.map(String.init) ?? ""
    }

    @Test("a data directory under a regular file cannot be created: exit 73, the path named")
    func dataDirectoryCannotBeCreated() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        try scratch.write("plain", "not a directory")
        let data = scratch.file("plain/data")
        let outcome = try await Self.start(["--socket", scratch.file("s.sock"), "--data-dir", data])
        #expect(outcome.status == 73, "\(outcome.transcript)")
        let line = Self.refusal(outcome)
        #expect(line.contains("cannot create the data directory \(data): Not a directory"), "\(outcome.transcript)")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("s.sock")), "it never listened")
    }

    @Test("a data directory that cannot be written: exit 73, the path and the reason named; fixed, every record is back")
    func dataDirectoryNotWritable() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("data")
        let socket = scratch.file("s.sock")
        let arguments = ["--socket", socket, "--data-dir", data]
        let acknowledged = try await Self.registerParties(arguments: arguments, socket: socket, scratch: scratch, count: 5)

        // Root ignores mode bits: an immutable directory is one root cannot write either.
        let root = geteuid() == 0
        if root {
            try #require(try await TestProcess.run("/usr/bin/chattr", ["+i", data], combiningOutput: true).status == 0)
        } else {
            try #require(chmod(data, 0o500) == 0)
        }
        let outcome = try await Self.start(arguments)
        if root { _ = try await TestProcess.run("/usr/bin/chattr", ["-i", data]) } else { _ = chmod(data, 0o700) }
        #expect(outcome.status == 73, "\(outcome.transcript)")
        #expect(Self.refusal(outcome).contains("cannot write the data directory \(data): "), "\(outcome.transcript)")
        #expect(Self.refusal(outcome).contains(root ? "Operation not permitted" : "Permission denied"), "\(outcome.transcript)")

        try await Self.expectParties(acknowledged, arguments: arguments, socket: socket, scratch: scratch)
    }

    // Needs root to mount; CI runs the suites as root.
    @Test("a data directory on a read-only file system: exit 74, said so; remounted read-write, every record is back",
          .enabled(if: Tmpfs.canMount, "needs root: it mounts a tmpfs and remounts it read-only"))
    func dataDirectoryReadOnly() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let tmpfs = try await Tmpfs.mount(size: "16m")
        do {
            let data = tmpfs.file("data")
            let socket = scratch.file("s.sock")
            let arguments = ["--socket", socket, "--data-dir", data, "--config", try Self.smallSegments(scratch)]
            let acknowledged = try await Self.registerParties(arguments: arguments, socket: socket, scratch: scratch, count: 5)
            try await tmpfs.remount(readOnly: true)
            let outcome = try await Self.start(arguments)
            try await tmpfs.remount(readOnly: false)
            #expect(outcome.status == 74, "\(outcome.transcript)")
            #expect(Self.refusal(outcome).contains("cannot write the data directory \(data): it is on a read-only file system"), "\(outcome.transcript)")
            #expect(!FileManager.default.fileExists(atPath: socket), "it never listened")
            try await Self.expectParties(acknowledged, arguments: arguments, socket: socket, scratch: scratch)
        } catch {
            await tmpfs.remove()
            throw error
        }
        await tmpfs.remove()
    }

    @Test("a socket directory that belongs to another user: exit 77, path, owner and mode named",
          .enabled(if: geteuid() == 0, "needs root: it gives a directory to another uid"))
    func socketDirectoryOfAnotherUser() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let directory = scratch.file("theirs")
        try #require(mkdir(directory, 0o700) == 0 && chmod(directory, 0o755) == 0 && chown(directory, 65534, 65534) == 0)
        let outcome = try await Self.start(["--socket", directory + "/d.sock", "--data-dir", scratch.file("data")])
        #expect(outcome.status == 77, "\(outcome.transcript)")
        let line = Self.refusal(outcome)
        #expect(line.contains("the socket directory \(directory) belongs to uid 65534 (mode 0755)"), "\(outcome.transcript)")
        #expect(UnixSocket.kind(directory + "/d.sock") == "missing")
    }

    @Test("a socket directory that is a symbolic link: exit 77, the link named, not followed")
    func socketDirectoryIsASymlink() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let target = scratch.file("private")
        try #require(mkdir(target, 0o700) == 0)
        let link = scratch.file("link")
        try #require(symlink(target, link) == 0)
        let outcome = try await Self.start(["--socket", link + "/d.sock", "--data-dir", scratch.file("data")])
        #expect(outcome.status == 77, "\(outcome.transcript)")
        #expect(Self.refusal(outcome).contains("the socket directory \(link) is a symbolic link"), "\(outcome.transcript)")
        #expect(UnixSocket.kind(target + "/d.sock") == "missing", "the link was not followed")
    }

    @Test("a socket directory others may write: exit 77")
    func socketDirectoryWritableByOthers() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let directory = scratch.file("shared")
        try #require(mkdir(directory, 0o700) == 0 && chmod(directory, 0o777) == 0)
        let outcome = try await Self.start(["--socket", directory + "/d.sock", "--data-dir", scratch.file("data")])
        #expect(outcome.status == 77, "\(outcome.transcript)")
    }

    @Test("a second daemon on a data directory in use: exit 75")
    func dataDirectoryInUse() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("data")
        let first = try await Harness.startReady(["--socket", scratch.file("a.sock"), "--data-dir", data], in: scratch)
        defer { first.process.kill() }
        let outcome = try await Self.start(["--socket", scratch.file("b.sock"), "--data-dir", data])
        #expect(outcome.status == 75, "\(outcome.transcript)")
        #expect(Self.refusal(outcome).contains("data directory \(data) is in use by another corridord (pid \(first.process.pid))"), "\(outcome.transcript)")
        try await first.stopWhileReading()
    }

    @Test("a configuration file that does not parse: exit 78")
    func badConfiguration() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        try scratch.write("c.json", #"{"store": {"segmentBytes": "many"}}"#)
        let outcome = try await Self.start(["--socket", scratch.file("s.sock"), "--data-dir", scratch.file("data"), "--config", scratch.file("c.json")])
        #expect(outcome.status == 78, "\(outcome.transcript)")
        #expect(outcome.stderr.contains("segmentBytes"), "\(outcome.transcript)")
    }

    // MARK: Helpers shared by the fault tests

    /// A configuration with 64 KiB segments, so that a test fills one quickly.
    static func smallSegments(_ scratch: TemporaryDirectory, extra: String = "") throws -> String {
        try scratch.write("small.json", #"{"store": {"segmentBytes": 65536}"# + extra + "}")
        return scratch.file("small.json")
    }

    static func party(_ index: Int) -> Party {
        Party(id: "p\(index)", shortName: "P\(index)", fullName: "Party \(index) of the fault tests, with a name long enough to fill segments", kind: .ngo)
    }

    /// Starts, registers `count` parties (each acknowledged), stops cleanly.
    static func registerParties(arguments: [String], socket: String, scratch: TemporaryDirectory, count: Int) async throws -> [String] {
        let daemon = try await Harness.startReady(arguments, in: scratch)
        defer { daemon.process.kill() }
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        var acknowledged: [String] = []
        for index in 0..<count { acknowledged.append(try await client.registerParty(party(index)).id) }
        await client.close()
        try await daemon.stopWhileReading()
        return acknowledged
    }

    /// Starts, checks that exactly `ids` are there, stops cleanly. Its own
    /// notify socket: the caller's daemon may still hold the one in `scratch`.
    static func expectParties(_ ids: [String], arguments: [String], socket: String, scratch: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let notify = try TemporaryDirectory()
        defer { notify.remove() }
        let daemon = try await Harness.startReady(arguments, in: notify)
        defer { daemon.process.kill() }
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        let present = try await client.parties().map(\.id)
        #expect(Set(present) == Set(ids), "acknowledged \(ids.count), present \(present.count)", sourceLocation: sourceLocation)
        await client.close()
        try await daemon.stopWhileReading()
    }
}

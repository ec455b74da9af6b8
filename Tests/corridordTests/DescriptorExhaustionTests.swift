import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// Issue 8, finding 2: with more clients than descriptors, corridord spun in
/// accept(2) (EMFILE), logged nothing, and new clients timed out on hello.
/// Now it pauses accepting, says so once, and serves again when clients leave.
@Suite("corridord out of descriptors")
struct DescriptorExhaustionTests {
    /// corridord holds about 21 descriptors when idle; 48 leaves room for a
    /// couple of dozen clients, and 64 clients are more than that.
    static let descriptorLimit = 48
    static let clients = 64

    /// "accept paused" at most once between two "accepting connections
    /// again": a daemon that logged every failed accept (or every retry of
    /// the back-off) would log it many times in a row.
    static func eachPauseEndsBeforeTheNext(_ lines: [String]) -> Bool {
        var paused = false
        for line in lines {
            if line.contains("accept paused") {
                if paused { return false }
                paused = true
            } else if line.contains("accepting connections again") {
                paused = false
            }
        }
        return true
    }

    @Test("more clients than descriptors: accept pauses, logged once; once they leave, a new client is served")
    func moreClientsThanDescriptors() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("d.sock")
        let prlimit = try CorridordBinary.tool("prlimit", hint: "It is in util-linux: apt-get install -y util-linux.")
        let daemon = try await Harness.startReady(
            executable: prlimit,
            ["--nofile=\(Self.descriptorLimit):\(Self.descriptorLimit)", try CorridordBinary.url().path,
             "--socket", socket, "--data-dir", scratch.file("data")],
            in: scratch
        )
        defer { daemon.process.kill() }
        let stderr = try #require(daemon.process.stderrLines)
        // The hard limit is the soft one here, so there is nothing to raise; the value is logged.
        _ = try await stderr.line(containing: "descriptorLimit=\(Self.descriptorLimit)")

        var descriptors: [Int32] = []
        defer { descriptors.forEach { close($0) } }
        for _ in 0..<Self.clients {
            descriptors.append(try UnixSocket.connect(socket))
        }
        let paused = try await stderr.line(containing: "accept paused")
        #expect(paused.contains("descriptorLimit=\(Self.descriptorLimit)"), "\(paused)")

        for descriptor in descriptors { close(descriptor) }
        descriptors.removeAll()
        let status = try await Harness.status(at: socket)
        #expect(status.pid == UInt32(daemon.process.pid))
        _ = try await stderr.line(containing: "accepting connections again")
        // Once per episode, however many accepts failed meanwhile. The clients
        // closing can start a second episode (the backlog's connections are
        // accepted as the first ones go), so episodes are counted, not lines.
        #expect(Self.eachPauseEndsBeforeTheNext(stderr.lines), "\(stderr.lines.joined(separator: "\n"))")
        await Harness.stopCleanly(daemon.process)
    }

    /// With 256 descriptors the ceiling is 192 connections (64 kept back),
    /// reached long before the limit: accepting stops there, the daemon keeps
    /// descriptors for itself and serves the clients it has.
    @Test("at the connection ceiling accept pauses before descriptors run out; connected clients are served meanwhile")
    func connectionCeilingKeepsAReserve() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("d.sock")
        let prlimit = try CorridordBinary.tool("prlimit", hint: "It is in util-linux: apt-get install -y util-linux.")
        let daemon = try await Harness.startReady(
            executable: prlimit,
            ["--nofile=256:256", try CorridordBinary.url().path, "--socket", socket, "--data-dir", scratch.file("data")],
            in: scratch
        )
        defer { daemon.process.kill() }
        let stderr = try #require(daemon.process.stderrLines)
        let earlier = try await CorridorClient.connect(to: socket, configuration: .forTests)

        var descriptors: [Int32] = []
        defer { descriptors.forEach { close($0) } }
        // More than the limit itself: without the ceiling, accept would fail with EMFILE.
        for _ in 0..<260 {
            descriptors.append(try UnixSocket.connect(socket))
        }
        let paused = try await stderr.line(containing: "accept paused")
        #expect(paused.contains("192 connections are open"), "\(paused)")
        #expect(paused.contains("descriptorLimit=256"), "\(paused)")
        // A client from before the flood is still served.
        #expect(try await earlier.status().pid == UInt32(daemon.process.pid))
        await earlier.close()

        for descriptor in descriptors { close(descriptor) }
        descriptors.removeAll()
        #expect(try await Harness.status(at: socket).pid == UInt32(daemon.process.pid))
        _ = try await stderr.line(containing: "accepting connections again")
        let lines = stderr.lines
        #expect(Self.eachPauseEndsBeforeTheNext(lines), "\(lines.joined(separator: "\n"))")
        #expect(!lines.contains { $0.contains("no descriptor") }, "descriptors ran out despite the ceiling")
        await Harness.stopCleanly(daemon.process)
    }
}

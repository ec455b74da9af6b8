import CorridorTestSupport
import Foundation
import Testing

@Suite struct PingCommandTests {
    @Test func pingReportsCountAndPercentiles() async throws {
        let server = try await InProcessServer.start()
        let run = try await Corridorctl.run(["ping", "-c", "25", "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("25 round trips of 64 bytes"))
        #expect(run.stdout.contains("p50"))
        #expect(run.stdout.contains("p99"))
    }

    @Test func pingJSONIsOrderedFigures() async throws {
        let server = try await InProcessServer.start()
        let run = try await Corridorctl.run(["ping", "-c", "30", "--size", "512", "--json", "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["count"] as? Int == 30)
        #expect(object["payloadBytes"] as? Int == 512)
        // cli.proto's PingSummary: nanoseconds, uint64, so strings in proto3 JSON.
        let minimum = try #require(Int(object["minNs"] as? String ?? ""))
        let p50 = try #require(Int(object["p50Ns"] as? String ?? ""))
        let p99 = try #require(Int(object["p99Ns"] as? String ?? ""))
        let maximum = try #require(Int(object["maxNs"] as? String ?? ""))
        #expect(minimum > 0 && minimum <= p50 && p50 <= p99 && p99 <= maximum)
    }

    /// A timeout too large for the wire's milliseconds once trapped converting to Int64.
    @Test(arguments: [["-c", "0"], ["--size=-1"], ["--timeout", "0"], ["--timeout", "1e30"], ["--timeout", "inf"], ["--timeout", "nan"], ["--timeout", "86401"]])
    func badArgumentsAreRefusedBeforeConnecting(arguments: [String]) async throws {
        let run = try await Corridorctl.run(["ping", "--socket", "/nonexistent.sock"] + arguments)
        #expect(run.status == 64, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("must"))
    }

    /// CORRIDOR_TIMEOUT stands in for --timeout (the tests' harness sets it
    /// so that a busy machine never turns a slow answer into a failure), and
    /// is checked as strictly as the flag.
    @Test(arguments: ["soon", "0", "-5", "nan", "86401", "1e30"])
    func aBadCorridorTimeoutIsRefusedNamingIt(value: String) async throws {
        let run = try await Corridorctl.run(["ping", "--socket", "/nonexistent.sock"], environment: ["CORRIDOR_TIMEOUT": value])
        #expect(run.status == 64, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("CORRIDOR_TIMEOUT"), "\(run.stderr)")
    }

    @Test func theFlagWinsOverCorridorTimeout() async throws {
        let run = try await Corridorctl.run(["ping", "--socket", "/nonexistent.sock", "--timeout", "5"], environment: ["CORRIDOR_TIMEOUT": "soon"])
        // The flag is used and the variable not even read: the daemon is what is missing.
        #expect(run.status == 14, "\(run.stdout)\(run.stderr)")
        #expect(!run.stderr.contains("CORRIDOR_TIMEOUT"), "\(run.stderr)")
    }
}

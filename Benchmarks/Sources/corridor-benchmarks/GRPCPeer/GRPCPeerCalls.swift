import Foundation
import Glibc
import GRPCCore
import GRPCNIOTransportHTTP2Posix

/// The grpc-swift-2 peer process, started for the run and stopped after it.
final class GRPCPeerProcess {
    let socketPath: String
    private let process: Process

    var pid: Int32 { process.processIdentifier }

    init(directory: String, readyTimeout: Double = 30) throws {
        socketPath = "\(directory)/grpc-peer.sock"
        let output = Pipe()
        process = Process()
        process.executableURL = URL(fileURLWithPath: ownExecutablePath())
        process.arguments = [GRPCPeerServer.flag, socketPath]
        process.environment = childEnvironment()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            throw BenchmarkFailure("cannot start the grpc-swift-2 peer: \(error)")
        }
        // The peer writes one line once it listens; wait for it with poll(2)
        // so a peer that hangs cannot hang the benchmark.
        let descriptor = output.fileHandleForReading.fileDescriptor
        let deadline = monotonicNanoseconds() + UInt64(readyTimeout * 1e9)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while !received.contains(UInt8(ascii: "\n")) {
            guard monotonicNanoseconds() < deadline else {
                stopProcess(process)
                throw BenchmarkFailure("the grpc-swift-2 peer did not listen within \(Int(readyTimeout)) s")
            }
            guard UnixSocket.waitReadable(descriptor, timeout: 0.1) else { continue }
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 {
                stopProcess(process)
                throw BenchmarkFailure("the grpc-swift-2 peer exited before it listened (status \(process.terminationStatus))")
            }
            received += buffer[0..<count]
        }
        guard String(decoding: received, as: UTF8.self).hasPrefix(GRPCPeerServer.readyLine) else {
            stopProcess(process)
            throw BenchmarkFailure("the grpc-swift-2 peer said \(String(decoding: received, as: UTF8.self)) instead of READY")
        }
    }

    /// VmRSS and its parts, in KiB, as `Daemon.memory()` reads corridord's.
    func memory() -> (residentKiB: Int, anonymousKiB: Int, fileKiB: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func field(_ name: String) -> Int? {
            status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .flatMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first }
                .flatMap { Int($0) }
        }
        guard let resident = field("VmRSS") else { return nil }
        return (resident, field("RssAnon") ?? 0, field("RssFile") ?? 0)
    }

    func stop() {
        stopProcess(process)
    }
}

/// grpc-swift-2's client calling the peer exactly as `UnaryLatency` and
/// `Throughput` call corridord: one caller at a time, then many callers on
/// one connection (HTTP/2 multiplexes them, as Corridor's frames do).
enum GRPCPeerCalls {
    static func latency(socketPath: String, payloadBytes: Int, roundTrips: Int, warmup: Int) async throws -> [UInt64] {
        try await withClient(socketPath) { client in
            let payload = makePayload(payloadBytes)
            for _ in 0..<warmup { _ = try await GRPCPeerCalls.ping(client, payload) }
            var samples = [UInt64](repeating: 0, count: roundTrips)
            var mismatches = 0
            for index in 0..<roundTrips {
                let start = monotonicNanoseconds()
                let echoed = try await GRPCPeerCalls.ping(client, payload)
                samples[index] = monotonicNanoseconds() - start
                if echoed != payload { mismatches += 1 }
            }
            guard mismatches == 0 else { throw BenchmarkFailure("\(mismatches) grpc-swift-2 pings came back with a different payload") }
            return samples
        }
    }

    static func throughput(socketPath: String, callers: Int, totalCalls: Int, payloadBytes: Int) async throws -> Throughput.Result {
        try await withClient(socketPath) { client in
            let payload = makePayload(payloadBytes)
            // The same short warm pass as Corridor's throughput run.
            _ = try await GRPCPeerCalls.drive(client, callers: callers, totalCalls: min(totalCalls, callers * 50), payload: payload)
            let start = monotonicNanoseconds()
            let latencies = try await GRPCPeerCalls.drive(client, callers: callers, totalCalls: totalCalls, payload: payload)
            let seconds = Double(monotonicNanoseconds() - start) / 1e9
            return Throughput.Result(calls: latencies.count, seconds: seconds, latencies: latencies)
        }
    }

    private static func drive(_ client: GRPCClient<HTTP2ClientTransport.Posix>, callers: Int, totalCalls: Int, payload: [UInt8]) async throws -> [UInt64] {
        try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for caller in 0..<callers {
                let calls = totalCalls / callers + (caller < totalCalls % callers ? 1 : 0)
                group.addTask {
                    var samples = [UInt64](repeating: 0, count: calls)
                    for index in 0..<calls {
                        let start = monotonicNanoseconds()
                        _ = try await GRPCPeerCalls.ping(client, payload)
                        samples[index] = monotonicNanoseconds() - start
                    }
                    return samples
                }
            }
            var all: [UInt64] = []
            all.reserveCapacity(totalCalls)
            for try await samples in group { all += samples }
            return all
        }
    }

    private static func ping(_ client: GRPCClient<HTTP2ClientTransport.Posix>, _ payload: [UInt8]) async throws -> [UInt8] {
        try await client.unary(
            request: ClientRequest(message: payload),
            descriptor: GRPCPeerMethod.ping,
            serializer: RawBytesSerializer(),
            deserializer: RawBytesDeserializer(),
            options: .defaults
        ) { response in
            try response.message
        }
    }

    /// A client with its connections running for the length of `body`, shut
    /// down gracefully after it, whether it returned or threw.
    private static func withClient<Result: Sendable>(
        _ socketPath: String,
        _ body: @Sendable (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        let transport = try HTTP2ClientTransport.Posix(
            target: .unixDomainSocket(path: socketPath),
            transportSecurity: .plaintext
        )
        let client = GRPCClient(transport: transport)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await client.runConnections() }
            let result: Result
            do {
                result = try await body(client)
            } catch {
                client.beginGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
            client.beginGracefulShutdown()
            try await group.waitForAll()
            return result
        }
    }
}

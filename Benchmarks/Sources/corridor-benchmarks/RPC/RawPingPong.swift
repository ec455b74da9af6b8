import Foundation
import Glibc

/// The floor: two processes bouncing a fixed-size message over a Unix stream
/// socket with blocking write(2)/read(2), nothing else. Any RPC over the same
/// kind of socket costs at least this; Corridor's latency goals are ratios to it.
enum RawPingPong {
    /// Per-round-trip nanoseconds, warm-up excluded. With `pinCPU` this
    /// process runs on that CPU, and with `peerCPU` the echo peer on that one:
    /// the same CPU for both means no cross-CPU wake-up, two CPUs force one
    /// on every message. Unpinned, the scheduler decides (the baseline).
    static func run(directory: String, messageBytes: Int, roundTrips: Int, warmup: Int, pinCPU: Int? = nil, peerCPU: Int? = nil) throws -> [UInt64] {
        let path = "\(directory)/raw-\(pinCPU.map(String.init) ?? "any")-\(peerCPU.map(String.init) ?? "any").sock"
        let listener = try UnixSocket.make(SOCK_STREAM)
        defer { close(listener) }
        try UnixSocket.bind(listener, to: path)
        guard listen(listener, 1) == 0 else { throw BenchmarkFailure("listen(): \(errnoText())") }

        let peer = Process()
        peer.executableURL = URL(fileURLWithPath: ownExecutablePath())
        peer.arguments = [EchoPeer.flag, path] + (peerCPU.map { [EchoPeer.pinFlag, String($0)] } ?? [])
        peer.environment = childEnvironment()
        peer.standardInput = FileHandle.nullDevice
        try peer.run()
        defer { stopProcess(peer, grace: 5) }

        guard UnixSocket.waitReadable(listener, timeout: 10) else {
            throw BenchmarkFailure("the echo peer did not connect within 10 s")
        }
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { throw BenchmarkFailure("accept(): \(errnoText())") }
        defer { close(connection) }

        let savedAffinity = pinCPU != nil ? currentAffinity() : nil
        if let pinCPU, !pinCurrentThread(toCPU: pinCPU) {
            throw BenchmarkFailure("cannot pin to CPU \(pinCPU): \(errnoText())")
        }
        defer { if let savedAffinity { setAffinity(savedAffinity) } }

        let message = UnsafeMutableRawPointer.allocate(byteCount: messageBytes, alignment: 16)
        let reply = UnsafeMutableRawPointer.allocate(byteCount: messageBytes, alignment: 16)
        defer { message.deallocate(); reply.deallocate() }
        message.initializeMemory(as: UInt8.self, repeating: 0xA5, count: messageBytes)

        var samples = [UInt64](repeating: 0, count: roundTrips)
        for index in 0..<(warmup + roundTrips) {
            let start = monotonicNanoseconds()
            guard UnixSocket.writeAll(connection, message, messageBytes),
                  UnixSocket.readExactly(connection, reply, messageBytes) else {
                throw BenchmarkFailure("the echo peer went away after \(index) round trips")
            }
            let end = monotonicNanoseconds()
            if index >= warmup { samples[index - warmup] = end - start }
        }
        guard memcmp(message, reply, messageBytes) == 0 else { throw BenchmarkFailure("the echo peer changed the bytes") }
        return samples
    }
}

/// The other process of the raw ping-pong: this same binary, started with
/// `--echo-peer PATH [--pin-cpu N]`. It connects to PATH and writes back
/// whatever it reads, with blocking syscalls, until the stream ends.
enum EchoPeer {
    static let flag = "--echo-peer"
    static let pinFlag = "--pin-cpu"

    static func main(arguments: [String]) -> Never {
        let path = arguments[1]
        if let index = arguments.firstIndex(of: pinFlag), index + 1 < arguments.count, let cpu = Int(arguments[index + 1]) {
            guard pinCurrentThread(toCPU: cpu) else { fail("cannot pin to CPU \(cpu): \(errnoText())") }
        }
        let descriptor: Int32
        do {
            descriptor = try UnixSocket.make(SOCK_STREAM)
            try UnixSocket.connect(descriptor, to: path)
        } catch {
            fail("\(error)")
        }
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        while true {
            let received = read(descriptor, buffer, capacity)
            if received == 0 { exit(0) }
            if received < 0 {
                if errno == EINTR { continue }
                fail("read(): \(errnoText())")
            }
            guard UnixSocket.writeAll(descriptor, buffer, received) else { fail("write(): \(errnoText())") }
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("corridor-benchmarks echo peer: \(message)\n".utf8))
        exit(1)
    }
}

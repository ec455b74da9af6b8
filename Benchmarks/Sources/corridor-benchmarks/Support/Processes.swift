import Foundation
import Glibc

/// A fresh directory under /tmp for sockets and data, removed by `remove`.
struct ScratchDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/corridor-bench.XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let made else { throw BenchmarkFailure("cannot create a directory under /tmp: \(String(cString: strerror(errno)))") }
        path = String(cString: made)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// This binary's own path, to start it again as a peer process.
func ownExecutablePath() -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard length > 0 else { return CommandLine.arguments[0] }
    return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// The environment for a child process: ours, less what would make it think
/// systemd started it, plus `extra`.
func childEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    for key in ["LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID",
                "JOURNAL_STREAM", "CONFIGURATION_DIRECTORY", "CORRIDOR_SOCKET"] {
        environment[key] = nil
    }
    environment.merge(extra) { _, new in new }
    return environment
}

/// Ends a child: SIGTERM, then SIGKILL if it has not exited within `grace`.
func stopProcess(_ process: Process, grace: Double = 10) {
    guard process.isRunning else { return }
    process.terminate()
    let deadline = monotonicNanoseconds() + UInt64(grace * 1e9)
    while process.isRunning && monotonicNanoseconds() < deadline { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
}

/// The last `lines` lines of a log file, to show why a child failed.
func tail(of path: String, lines: Int = 20) -> String {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
}

// MARK: Unix sockets, with plain syscalls

enum UnixSocket {
    static func make(_ type: __socket_type) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(type.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw BenchmarkFailure("socket(): \(errnoText())") }
        return descriptor
    }

    static func bind(_ descriptor: Int32, to path: String) throws {
        unlink(path)
        let result = withAddress(path) { Glibc.bind(descriptor, $0, $1) }
        guard result == 0 else { throw BenchmarkFailure("bind(\(path)): \(errnoText())") }
    }

    static func connect(_ descriptor: Int32, to path: String) throws {
        let result = withAddress(path) { Glibc.connect(descriptor, $0, $1) }
        guard result == 0 else { throw BenchmarkFailure("connect(\(path)): \(errnoText())") }
    }

    /// Waits up to `timeout` seconds for `descriptor` to be readable (or to
    /// have a connection to accept). False on timeout.
    static func waitReadable(_ descriptor: Int32, timeout: Double) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, Int32(timeout * 1000))
            if result < 0 && errno == EINTR { continue }
            return result > 0
        }
    }

    /// Writes all of `count` bytes, retrying short writes.
    @inline(__always)
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Bool {
        var done = 0
        while done < count {
            let written = write(descriptor, bytes + done, count - done)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += written
        }
        return true
    }

    /// Reads exactly `count` bytes. False at end of stream or on error.
    @inline(__always)
    static func readExactly(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer, _ count: Int) -> Bool {
        var done = 0
        while done < count {
            let received = read(descriptor, bytes + done, count - done)
            if received < 0 {
                if errno == EINTR { continue }
                return false
            }
            if received == 0 { return false }
            done += received
        }
        return true
    }

    private static func withAddress<Result>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        precondition(bytes.count < MemoryLayout.size(ofValue: address.sun_path), "socket path too long: \(path)")
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }

// MARK: CPU affinity, for the pinned baseline

/// A CPU mask as sched_setaffinity(2) takes it (glibc's cpu_set_t: 1024 bits).
/// Swift's Glibc module does not import the sched_*affinity functions (they
/// need _GNU_SOURCE), so they are looked up at run time.
typealias CPUMask = [UInt8]

private typealias AffinityFunction = @convention(c) (pid_t, Int, UnsafeMutableRawPointer?) -> Int32

private func affinityFunction(_ name: String) -> AffinityFunction? {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), name) else { return nil }
    return unsafeBitCast(symbol, to: AffinityFunction.self)
}

/// The calling thread's CPU mask, to restore after pinning.
func currentAffinity() -> CPUMask? {
    guard let get = affinityFunction("sched_getaffinity") else { return nil }
    var mask = CPUMask(repeating: 0, count: 128)
    return mask.withUnsafeMutableBytes { get(0, $0.count, $0.baseAddress) } == 0 ? mask : nil
}

/// Pins the calling thread to one CPU.
@discardableResult
func pinCurrentThread(toCPU cpu: Int) -> Bool {
    var mask = CPUMask(repeating: 0, count: 128)
    mask[cpu / 8] |= UInt8(1 << (cpu % 8))
    return setAffinity(mask)
}

@discardableResult
func setAffinity(_ mask: CPUMask) -> Bool {
    guard let set = affinityFunction("sched_setaffinity") else { return false }
    var mask = mask
    return mask.withUnsafeMutableBytes { set(0, $0.count, $0.baseAddress) } == 0
}

import Foundation
import Glibc

/// A real corridord, started for the run and stopped after it. Readiness is
/// systemd's own protocol: NOTIFY_SOCKET names a datagram socket we bind, and
/// the daemon is ready when it sends READY=1 (it does once its socket listens).
final class Daemon {
    let socketPath: String
    let logPath: String
    private let process: Process
    private let notifyDescriptor: Int32
    private var stopped = false

    var pid: Int32 { process.processIdentifier }

    /// Starts `executable` with its socket and data directory in `directory`.
    init(executable: String, directory: String, arguments extra: [String] = [], readyTimeout: Double = 30) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchmarkFailure("""
                corridord not found at \(executable). Build it first: `swift build -c release` at the \
                repository root (or `make benchmark`, which does), or pass --corridord PATH.
                """)
        }
        socketPath = "\(directory)/s.sock"
        logPath = "\(directory)/corridord.log"
        let notifyPath = "\(directory)/notify.sock"
        notifyDescriptor = try UnixSocket.make(SOCK_DGRAM)
        do {
            try UnixSocket.bind(notifyDescriptor, to: notifyPath)
        } catch {
            close(notifyDescriptor)
            throw error
        }

        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: logPath)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--socket", socketPath, "--data-dir", "\(directory)/data"] + extra
        process.environment = childEnvironment(["NOTIFY_SOCKET": notifyPath])
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            close(notifyDescriptor)
            throw BenchmarkFailure("cannot start \(executable): \(error)")
        }

        let deadline = monotonicNanoseconds() + UInt64(readyTimeout * 1e9)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if !process.isRunning {
                process.waitUntilExit()
                close(notifyDescriptor)
                throw BenchmarkFailure("corridord exited with status \(process.terminationStatus) before it was ready; its log:\n\(tail(of: logPath))")
            }
            if monotonicNanoseconds() > deadline {
                Self.end(process)
                close(notifyDescriptor)
                throw BenchmarkFailure("corridord sent no READY=1 within \(Int(readyTimeout)) s; its log:\n\(tail(of: logPath))")
            }
            guard UnixSocket.waitReadable(notifyDescriptor, timeout: 0.1) else { continue }
            let received = recv(notifyDescriptor, &buffer, buffer.count, 0)
            guard received > 0 else { continue }
            let message = String(decoding: buffer[0..<received], as: UTF8.self)
            if message.split(separator: "\n").contains("READY=1") { break }
        }
    }

    /// Resident memory from /proc/PID/status, in KiB: VmRSS, its anonymous
    /// (heap, stacks) and file-backed (mapped binaries and libraries) parts,
    /// and VmHWM, the peak.
    func memory() -> (residentKiB: Int, anonymousKiB: Int, fileKiB: Int, peakKiB: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func field(_ name: String) -> Int? {
            status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .flatMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first }
                .flatMap { Int($0) }
        }
        guard let resident = field("VmRSS"), let peak = field("VmHWM") else { return nil }
        return (resident, field("RssAnon") ?? 0, field("RssFile") ?? 0, peak)
    }

    /// SIGTERM (the daemon drains and exits), SIGKILL after 10 s. Once: a
    /// second call (a `defer` after an early stop) does nothing.
    func stop() {
        guard !stopped else { return }
        stopped = true
        Self.end(process)
        close(notifyDescriptor)
    }

    private static func end(_ process: Process) {
        stopProcess(process)
    }
}

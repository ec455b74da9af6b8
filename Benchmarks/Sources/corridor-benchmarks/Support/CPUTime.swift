import Foundation
import Glibc

/// CPU time (user + system) consumed so far, in microseconds.
enum CPUTime {
    /// Another process, from /proc/PID/stat (clock-tick resolution, 10 ms
    /// here: measure over seconds, not single calls).
    static func of(pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after "(comm)": state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK))) * 1e6
    }

    /// This process, from getrusage (microsecond resolution).
    static func ofSelf() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func micro(_ time: timeval) -> Double { Double(time.tv_sec) * 1e6 + Double(time.tv_usec) }
        return micro(usage.ru_utime) + micro(usage.ru_stime)
    }
}

/// CPU time per call on both sides of a stretch of calls.
struct CPUMeter {
    let daemonPID: Int32
    private let daemonStart: Double?
    private let clientStart: Double

    init(daemonPID: Int32) {
        self.daemonPID = daemonPID
        daemonStart = CPUTime.of(pid: daemonPID)
        clientStart = CPUTime.ofSelf()
    }

    /// (daemon, client) CPU microseconds per call since init.
    func perCall(calls: Int) -> (daemon: Double?, client: Double) {
        let daemon = daemonStart.flatMap { start in CPUTime.of(pid: daemonPID).map { ($0 - start) / Double(calls) } }
        return (daemon, (CPUTime.ofSelf() - clientStart) / Double(calls))
    }
}

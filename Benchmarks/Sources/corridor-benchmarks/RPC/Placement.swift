import Foundation
import Glibc

/// Where the processes of a measurement run: the raw floor and Corridor are
/// each measured under the same placement, so their ratio compares like with
/// like. Unpinned, the scheduler may keep the two ends of a ping-pong on one
/// CPU (≈6 µs here) or spread them (≈50 µs), and the floor alone then moves
/// the ratio by several times.
enum Placement {
    /// Every thread of every process on CPU `cpu`: `taskset -a -c cpu` for
    /// this process, its echo peer and corridord.
    case oneCPU(Int)
    /// The scheduler decides.
    case unpinned

    var name: String {
        switch self {
        case .oneCPU(let cpu): "all on CPU \(cpu)"
        case .unpinned: "unpinned"
        }
    }

    /// Runs `body` with every thread of this process under the placement;
    /// threads and child processes made meanwhile inherit it (the kernel
    /// copies the creating thread's mask), so the echo peer and a daemon
    /// started inside are placed too. The previous masks are restored after.
    func apply<Result>(_ body: () async throws -> Result) async throws -> Result {
        guard case .oneCPU(let cpu) = self else { return try await body() }
        var mask = CPUMask(repeating: 0, count: 128)
        mask[cpu / 8] |= UInt8(1 << (cpu % 8))
        let saved = try ThreadAffinity.set(mask, forEveryThreadOf: getpid())
        defer { ThreadAffinity.restore(saved, forEveryThreadOf: getpid()) }
        return try await body()
    }

    /// Places an already started process (every one of its threads), for a
    /// process that might have been started before the placement applied.
    func place(pid: pid_t) throws {
        guard case .oneCPU(let cpu) = self else { return }
        var mask = CPUMask(repeating: 0, count: 128)
        mask[cpu / 8] |= UInt8(1 << (cpu % 8))
        _ = try ThreadAffinity.set(mask, forEveryThreadOf: pid)
    }
}

/// sched_setaffinity(2) per thread, over /proc/PID/task as `taskset -a` does.
enum ThreadAffinity {
    private typealias Function = @convention(c) (pid_t, Int, UnsafeMutableRawPointer?) -> Int32

    private static func function(_ name: String) -> Function? {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), name) else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }

    /// Sets `mask` on every thread of `pid`; returns each thread's previous
    /// mask. Threads that exit meanwhile are skipped.
    static func set(_ mask: CPUMask, forEveryThreadOf pid: pid_t) throws -> [(pid_t, CPUMask)] {
        guard let get = function("sched_getaffinity"), let set = function("sched_setaffinity") else {
            throw BenchmarkFailure("sched_getaffinity/sched_setaffinity are not available")
        }
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        guard !tasks.isEmpty else { throw BenchmarkFailure("cannot list the threads of process \(pid)") }
        var saved: [(pid_t, CPUMask)] = []
        for task in tasks.compactMap({ pid_t($0) }) {
            var previous = CPUMask(repeating: 0, count: 128)
            guard previous.withUnsafeMutableBytes({ get(task, $0.count, $0.baseAddress) }) == 0 else { continue }
            var wanted = mask
            if wanted.withUnsafeMutableBytes({ set(task, $0.count, $0.baseAddress) }) == 0 {
                saved.append((task, previous))
            } else if errno != ESRCH {
                throw BenchmarkFailure("cannot pin thread \(task) of process \(pid): \(errnoText())")
            }
        }
        return saved
    }

    /// Gives every thread of `pid` the union of the saved masks: threads
    /// made while pinned inherited the pin, so restoring only the saved
    /// threads would leave them on one CPU.
    static func restore(_ saved: [(pid_t, CPUMask)], forEveryThreadOf pid: pid_t) {
        guard let set = function("sched_setaffinity"), !saved.isEmpty else { return }
        var union = CPUMask(repeating: 0, count: 128)
        for (_, mask) in saved {
            for index in union.indices { union[index] |= mask[index] }
        }
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        for task in tasks.compactMap({ pid_t($0) }) {
            var mask = union
            _ = mask.withUnsafeMutableBytes { set(task, $0.count, $0.baseAddress) }
        }
    }
}

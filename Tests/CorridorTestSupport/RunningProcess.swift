import Foundation
import Glibc
import Subprocess
import Synchronization
import SystemPackage

// A process a test keeps running while it talks to it: started with
// swift-subprocess like every other (TestProcess), but its Execution is only
// valid inside run's closure, so a task holds that closure open for the
// process's life while the test signals it, waits for lines of its output,
// and waits for it to exit. Nothing here sleeps to synchronise: every wait
// ends on an event (a line, EOF, the process exiting), with a generous
// safety timeout so a broken process fails the test instead of hanging it.

/// A program started for a test and left running: corridord, or a wrapper
/// that execs it (systemd-socket-activate, prlimit).
public final class RunningProcess: Sendable {
    public enum Stderr: Sendable {
        /// Collected line by line (`stderr`).
        case pipe
        /// Appended to this file, e.g. to name it in JOURNAL_STREAM.
        case file(String)
    }

    /// How long any single wait may take before the test fails. Not a timing
    /// assertion: the events normally arrive within milliseconds. A minute,
    /// stretched under a sanitizer (TestDeadline).
    public static let safetyTimeout: Duration = TestDeadline.scaled(.seconds(60))

    private let exit: ExitState
    private let control: Control
    public let pid: pid_t
    public let command: String
    /// stdout, always collected.
    public let stdout: LineCollector
    /// stderr when started with `.pipe`.
    public let stderrLines: LineCollector?

    /// Starts `executable` (a path) with `arguments`; `environment` changes
    /// this process's environment for it (a nil value removes the variable).
    /// Returns once the process is running.
    public init(executable: String, _ arguments: [String], environment: [String: String?] = [:], stderr: Stderr = .pipe) async throws {
        let name = URL(fileURLWithPath: executable).lastPathComponent
        let configuration = Configuration(
            executable: .path(FilePath(executable)),
            arguments: Arguments(arguments),
            environment: try TestProcess.environmentChanged(by: environment)
        )
        let errorFile: FileDescriptor?
        switch stderr {
        case .pipe:
            errorFile = nil
        case .file(let path):
            do {
                errorFile = try FileDescriptor.open(
                    FilePath(path), .writeOnly, options: [.create, .append, .closeOnExec], permissions: [.ownerReadWrite]
                )
            } catch {
                throw TestSupportError("cannot open \(path): \(error)")
            }
        }
        let stdout = LineCollector(name: "stdout of \(name)")
        let stderrLines = errorFile == nil ? LineCollector(name: "stderr of \(name)") : nil
        let exit = ExitState()
        let control = Control()
        self.command = ([executable] + arguments).joined(separator: " ")
        self.stdout = stdout
        self.stderrLines = stderrLines
        self.exit = exit
        self.control = control
        self.pid = try await withCheckedThrowingContinuation { (started: CheckedContinuation<pid_t, any Error>) in
            control.awaitStart(started)
            Task {
                do {
                    let termination: TerminationStatus
                    if let errorFile {
                        termination = try await Subprocess.run(
                            configuration, input: .none, output: .sequence,
                            error: .fileDescriptor(errorFile, closeAfterSpawningProcess: true)
                        ) { execution in
                            await Self.supervise(
                                execution.processIdentifier, control: control,
                                send: { try? execution.send(signal: Signal(rawValue: $0)) },
                                outputs: [(execution.standardOutput, stdout)]
                            )
                        }.terminationStatus
                    } else {
                        termination = try await Subprocess.run(
                            configuration, input: .none, output: .sequence, error: .sequence
                        ) { execution in
                            await Self.supervise(
                                execution.processIdentifier, control: control,
                                send: { try? execution.send(signal: Signal(rawValue: $0)) },
                                outputs: [(execution.standardOutput, stdout), (execution.standardError, stderrLines!)]
                            )
                        }.terminationStatus
                    }
                    exit.record(TestProcess.status(termination))
                } catch {
                    // Not started at all (the error goes to the caller), or lost
                    // after it started: whoever waits for lines or the exit hears so.
                    stdout.finish()
                    stderrLines?.finish()
                    if !control.failStart(TestSupportError("cannot start \(([executable] + arguments).joined(separator: " ")): \(error)")) {
                        exit.record(-1)
                    }
                }
            }
        }
    }

    /// Inside run's closure, for the process's life: hands out the pid and a
    /// way to signal it, feeds the outputs into their collectors, and gives
    /// the signalling up only once the process has exited.
    private static func supervise(
        _ process: ProcessIdentifier, control: Control, send: @escaping @Sendable (Int32) -> Void,
        outputs: [(SubprocessOutputSequence, LineCollector)]
    ) async {
        control.started(pid: process.value, send: send)
        await withTaskGroup(of: Void.self) { group in
            for (sequence, collector) in outputs {
                group.addTask {
                    do {
                        for try await buffer in sequence {
                            buffer.withUnsafeBytes { collector.append($0) }
                        }
                    } catch {
                        // The output ended early; what arrived is kept.
                    }
                    collector.finish()
                }
            }
        }
        // The outputs end when the process exits (swift-subprocess stops reading
        // then); one that closed them and runs on can still be signalled until
        // its pidfd says it has exited. The pidfd stays open until this returns.
        await exited(processDescriptor: process.processDescriptor)
        control.stopped()
    }

    /// Returns once the process behind `processDescriptor` (a pidfd) has exited.
    private static func exited(processDescriptor: Int32) async {
        guard processDescriptor >= 0 else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                var descriptor = pollfd(fd: processDescriptor, events: Int16(POLLIN), revents: 0)
                while poll(&descriptor, 1, -1) < 0 && errno == EINTR {}
                continuation.resume()
            }
            thread.name = "pidfd \(processDescriptor)"
            thread.start()
        }
    }

    /// stderr, for processes started with `.pipe`.
    public var stderr: LineCollector {
        get throws {
            guard let stderrLines else { throw TestSupportError("stderr of \(command) goes to a file") }
            return stderrLines
        }
    }

    /// The exit status once known: the exit code, or 128 + the signal number.
    public var exitStatus: Int32? { exit.state.withLock { $0.status } }

    public var isRunning: Bool { exitStatus == nil }

    /// Sends `signal` while the process runs; nothing once it has exited
    /// (swift-subprocess signals through the pidfd, never a reused pid).
    public func signal(_ signal: Int32) {
        control.send(signal)
    }

    /// For `defer`: SIGKILL if still running.
    public func kill() { signal(SIGKILL) }

    /// The exit code, or 128 + the signal number that ended it. If the
    /// process is still running after the safety timeout it is killed, so
    /// the status (137) fails whatever the test expected. If the waiting task
    /// is cancelled, returns -1 without waiting.
    @discardableResult
    public func waitForExit(timeout: Duration = RunningProcess.safetyTimeout) async -> Int32 {
        let watchdog = Task { [self] in
            try await Task.sleep(for: timeout)
            self.kill()
        }
        defer { watchdog.cancel() }
        return await exit.wait() ?? -1
    }

    /// The exit status once the process exits; nil if the task is cancelled first.
    public func exited() async -> Int32? {
        await exit.wait()
    }

    /// Everything the process wrote to stderr (pipe), once it has exited.
    public func stderrAfterExit() async throws -> String {
        try await stderr.untilEOF()
    }
}

/// The start (the pid, or why not) and the way to signal the running
/// process, shared between the task that holds run's closure and the test.
private final class Control: Sendable {
    private struct State {
        var start: CheckedContinuation<pid_t, any Error>?
        var send: (@Sendable (Int32) -> Void)?
    }
    private let state = Mutex(State())

    func awaitStart(_ continuation: CheckedContinuation<pid_t, any Error>) {
        state.withLock { $0.start = continuation }
    }

    func started(pid: pid_t, send: @escaping @Sendable (Int32) -> Void) {
        let start = state.withLock { state in
            state.send = send
            defer { state.start = nil }
            return state.start
        }
        start?.resume(returning: pid)
    }

    /// False when the process had started: the error is not the caller's then.
    func failStart(_ error: any Error) -> Bool {
        let start = state.withLock { state in
            defer { state.start = nil }
            return state.start
        }
        start?.resume(throwing: error)
        return start != nil
    }

    /// Sent under the lock, so `stopped()` cannot pass in between.
    func send(_ signal: Int32) {
        state.withLock { $0.send?(signal) }
    }

    func stopped() {
        state.withLock { $0.send = nil }
    }
}

/// Every line a running process wrote to one of its outputs; tasks can wait
/// for a line that matches, or for EOF.
public final class LineCollector: Sendable {
    private struct Waiter {
        let id: Int
        let predicate: @Sendable (String) -> Bool
        let continuation: CheckedContinuation<String?, Never>
    }
    private struct State {
        var lines: [String] = []
        var partial: [UInt8] = []
        var finished = false
        var waiters: [Waiter] = []
        var nextID = 0
    }
    private let state = Mutex(State())
    public let name: String

    init(name: String) {
        self.name = name
    }

    func append(_ bytes: some Collection<UInt8>) {
        let resumed: [(CheckedContinuation<String?, Never>, String)] = state.withLock { state in
            state.partial.append(contentsOf: bytes)
            var newLines: [String] = []
            while let newline = state.partial.firstIndex(of: UInt8(ascii: "\n")) {
                newLines.append(String(decoding: state.partial[..<newline], as: UTF8.self))
                state.partial.removeSubrange(...newline)
            }
            state.lines.append(contentsOf: newLines)
            return Self.matchWaiters(&state, against: newLines)
        }
        for (continuation, line) in resumed { continuation.resume(returning: line) }
    }

    func finish() {
        let (matched, unmatched) = state.withLock { state in
            var matched: [(CheckedContinuation<String?, Never>, String)] = []
            if !state.partial.isEmpty {
                let last = String(decoding: state.partial, as: UTF8.self)
                state.partial.removeAll()
                state.lines.append(last)
                matched = Self.matchWaiters(&state, against: [last])
            }
            state.finished = true
            defer { state.waiters.removeAll() }
            return (matched, state.waiters)
        }
        for (continuation, line) in matched { continuation.resume(returning: line) }
        for waiter in unmatched { waiter.continuation.resume(returning: nil) }
    }

    private static func matchWaiters(_ state: inout State, against lines: [String]) -> [(CheckedContinuation<String?, Never>, String)] {
        var resumed: [(CheckedContinuation<String?, Never>, String)] = []
        state.waiters.removeAll { waiter in
            guard let line = lines.first(where: waiter.predicate) else { return false }
            resumed.append((waiter.continuation, line))
            return true
        }
        return resumed
    }

    /// Every complete line so far, and the text after the last newline.
    public var text: String {
        state.withLock { state in
            (state.lines.map { $0 + "\n" }.joined()) + String(decoding: state.partial, as: UTF8.self)
        }
    }

    public var lines: [String] { state.withLock { $0.lines } }

    /// The first line (from the very beginning) that matches; fails at EOF or
    /// after the safety timeout, quoting everything read so far.
    public func line(where predicate: @escaping @Sendable (String) -> Bool, timeout: Duration = RunningProcess.safetyTimeout) async throws -> String {
        let found: String? = await withTaskGroup(of: String?.self) { group in
            group.addTask { await self.waitForLine(predicate) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let found else {
            let finished = state.withLock { $0.finished }
            throw TestSupportError("no matching line on \(name) (\(finished ? "reached EOF" : "timed out after \(timeout)")); it said:\n\(text)")
        }
        return found
    }

    public func line(containing fragment: String, timeout: Duration = RunningProcess.safetyTimeout) async throws -> String {
        try await line(where: { $0.contains(fragment) }, timeout: timeout)
    }

    private func waitForLine(_ predicate: @escaping @Sendable (String) -> Bool) async -> String? {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                let immediate: String?? = state.withLock { state in
                    if let line = state.lines.first(where: predicate) { return .some(line) }
                    if state.finished || Task.isCancelled { return .some(nil) }
                    state.waiters.append(Waiter(id: id, predicate: predicate, continuation: continuation))
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: nil)
        }
    }

    /// Everything, once the writer has closed its end (the process exited).
    public func untilEOF(timeout: Duration = RunningProcess.safetyTimeout) async throws -> String {
        let reached: Bool = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                // A predicate that never matches: returns nil exactly at EOF.
                _ = await self.waitForLine { _ in false }
                return !Task.isCancelled
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        guard reached else { throw TestSupportError("\(name) was not closed within \(timeout); so far:\n\(text)") }
        return text
    }
}

/// How a process ended, and who waits for it.
private final class ExitState: Sendable {
    struct State {
        var status: Int32?
        var waiters: [Int: CheckedContinuation<Int32?, Never>] = [:]
        var nextID = 0
    }
    let state = Mutex(State())

    func record(_ status: Int32) {
        let waiters = state.withLock { state in
            state.status = status
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    /// The status, or nil if the task is cancelled first.
    func wait() async -> Int32? {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Int32?, Never>) in
                let immediate: Int32?? = state.withLock { state in
                    if let status = state.status { return .some(status) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters[id] = continuation
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: nil)
        }
    }
}


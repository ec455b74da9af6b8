import CorridorTestSupport
import Foundation
import Glibc
import Synchronization

/// One sd_notify(3) message: `KEY=VALUE` lines.
struct NotifyMessage: CustomStringConvertible, Sendable {
    let raw: String
    let fields: [String: String]

    init(raw: String) {
        self.raw = raw
        var fields: [String: String] = [:]
        for line in raw.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        self.fields = fields
    }

    subscript(key: String) -> String? { fields[key] }
    var description: String { raw.replacingOccurrences(of: "\n", with: "\\n") }
}

/// The receiving end of $NOTIFY_SOCKET, as systemd would hold it: an AF_UNIX
/// datagram socket bound in a scratch directory.
///
/// Like systemd, it reads every datagram as soon as it arrives: from the
/// first `receive()` on, a thread of its own drains the socket into an
/// in-memory inbox, whatever the test is doing. A reader that only read
/// when the test asked lagged behind on a busy machine (the test's task
/// waits for one of the few cooperative threads); the kernel's queue (ten
/// datagrams) filled behind a 100 ms watchdog, and the daemon's last words
/// (STOPPING=1) were dropped. A real service manager does not stall like
/// that, so the tests' one must not either.
final class NotifySocket: Sendable {
    let path: String
    private let descriptor: Int32
    private let inbox = NotifyInbox()

    init(in directory: TemporaryDirectory, name: String = "notify.sock") throws {
        path = directory.file(name)
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw DaemonTestError("socket(AF_UNIX, SOCK_DGRAM) failed: errno \(errno)") }
        do {
            try UnixSocket.bind(descriptor, to: path)
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit {
        // The drain thread owns the descriptor once it runs, and closes it on its way out.
        if !inbox.stopDraining() { close(descriptor) }
        unlink(path)
    }

    /// The next datagram, from the inbox the drain thread fills. Cancelling
    /// the task ends the wait (CancellationError) without consuming a
    /// datagram; one that arrives later stays in the inbox.
    func receive() async throws -> NotifyMessage {
        try inbox.startDraining(descriptor, path: path)
        return try await inbox.take()
    }

    /// A datagram already received or queued in the kernel, or nil; never blocks.
    func nextQueued() throws -> NotifyMessage? {
        try inbox.takeQueued(descriptor, path: path)
    }

    /// Waits until a datagram containing a "READY=1" line arrives, then at
    /// once notes whether `process` handles `signal` yet and sends it, as a
    /// service manager reacting to READY=1 would. Fails as soon as the
    /// process exits without READY=1.
    ///
    /// With `cpu`, the waiting thread runs on that CPU only: with the daemon
    /// pinned there too, the thread woken by READY=1 usually preempts the
    /// daemon, which then runs no further until the check and the signal
    /// are done.
    func signalOnReady(_ process: DaemonProcess, signal: Int32, cpu: Int? = nil) async throws -> (messages: [NotifyMessage], handledAtReady: Bool) {
        // It reads the socket itself, on a thread it may pin: nothing else may read it yet.
        guard !inbox.isDraining else { throw DaemonTestError("signalOnReady must come before the first receive() on \(path)") }
        let ends = try UnixSocket.pipe()
        let wake = WakePipe(read: ends.read, write: ends.write)
        let watcher = Task {
            if await process.exited() != nil { wake.signal() }
        }
        defer { watcher.cancel() }
        let pid = process.pid
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let thread = Thread { [self] in
                    let result = Result {
                        if let cpu { try pinCurrentThread(to: cpu) }
                        return try self.signalOnReady(pid: pid, signal: signal, wake: wake.read)
                    }
                    wake.close()
                    continuation.resume(with: result)
                }
                thread.start()
            }
        } catch is CancellationError {
            let output = (try? process.stderr.text) ?? "(stderr went to a file)"
            throw DaemonTestError("\(process.command) exited with status \(process.exitStatus ?? -1) before READY=1; stderr:\n\(output)")
        }
    }

    /// The blocking part of signalOnReady, on its own thread. The path from
    /// recv to kill is kept to C calls and one read of /proc: a debug build's
    /// string handling would otherwise add more delay than a real manager has.
    private func signalOnReady(pid: pid_t, signal: Int32, wake: Int32) throws -> (messages: [NotifyMessage], handledAtReady: Bool) {
        let capacity = 65536
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity + 1, alignment: 1)
        defer { buffer.deallocate() }
        var received: [NotifyMessage] = []
        while true {
            var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            let polled = poll(&fds, 2, Int32(safetyTimeout.components.seconds * 1000))
            if polled < 0 && errno == EINTR { continue }
            guard polled > 0 else { throw DaemonTestError("no READY=1 on \(path) within \(safetyTimeout)") }
            if fds[0].revents == 0 { throw CancellationError() }
            let count = recv(descriptor, buffer, capacity, 0)
            if count < 0 {
                if errno == EINTR { continue }
                throw DaemonTestError("recv on \(path) failed: errno \(errno)")
            }
            buffer.storeBytes(of: 0, toByteOffset: count, as: UInt8.self)
            let text = buffer.assumingMemoryBound(to: CChar.self)
            // "READY=1" as the whole first line or as a later line.
            let isReady = strncmp(text, "READY=1", 7) == 0 && (count == 7 || text[7] == 10)
                || strstr(text, "\nREADY=1") != nil
            var handled = false
            if isReady {
                handled = Harness.handles(signal, pid: pid)
                _ = kill(pid, signal)
            }
            received.append(NotifyMessage(raw: String(decoding: UnsafeRawBufferPointer(start: buffer, count: count), as: UTF8.self)))
            if isReady { return (received, handled) }
        }
    }


    /// Datagrams up to and including the first that satisfies `predicate`,
    /// within the safety timeout, so a daemon that never says it fails the test.
    func receive(
        until predicate: (NotifyMessage) -> Bool
    ) async throws -> (matching: NotifyMessage, before: [NotifyMessage]) {
        var before: [NotifyMessage] = []
        let deadline = ContinuousClock.now + safetyTimeout
        while ContinuousClock.now < deadline {
            let message = try await receive()
            if predicate(message) { return (message, before) }
            before.append(message)
        }
        throw DaemonTestError("\(before.count) notifications in \(safetyTimeout) without the awaited one; the last: \(before.suffix(5))")
    }

    /// Datagrams up to and including the first with `key=value`.
    func receive(until key: String, is value: String = "1") async throws -> (matching: NotifyMessage, before: [NotifyMessage]) {
        try await receive(until: { $0[key] == value })
    }
}

/// A pipe that wakes a thread blocked in poll; safe against a late signal
/// after the thread has closed it.
private final class WakePipe: Sendable {
    let read: Int32
    private let state: Mutex<Int32?>

    init(read: Int32, write: Int32) {
        self.read = read
        self.state = Mutex(write)
    }

    func signal() {
        state.withLock { write in
            guard let write else { return }
            var byte: UInt8 = 1
            _ = Glibc.write(write, &byte, 1)
        }
    }

    func close() {
        state.withLock { write in
            if let descriptor = write { _ = Glibc.close(descriptor) }
            write = nil
            _ = Glibc.close(read)
        }
    }
}

/// sched_setaffinity(2) for the calling thread. Looked up at run time:
/// glibc declares it only for _GNU_SOURCE, which Swift's Glibc module lacks.
private func pinCurrentThread(to cpu: Int) throws {
    typealias SetAffinity = @convention(c) (pid_t, Int, UnsafeRawPointer) -> Int32
    guard let symbol = dlsym(nil, "sched_setaffinity") else { throw DaemonTestError("sched_setaffinity is missing") }
    let setAffinity = unsafeBitCast(symbol, to: SetAffinity.self)
    var mask = [UInt64](repeating: 0, count: 16)  // 1024 CPUs, as cpu_set_t
    mask[cpu / 64] |= UInt64(1) << UInt64(cpu % 64)
    let result = mask.withUnsafeBytes { setAffinity(0, $0.count, $0.baseAddress!) }
    guard result == 0 else { throw DaemonTestError("sched_setaffinity to CPU \(cpu) failed: errno \(errno)") }
}

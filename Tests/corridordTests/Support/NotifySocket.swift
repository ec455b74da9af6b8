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
/// datagram socket bound in a scratch directory. Reads block (SO_RCVTIMEO,
/// the safety timeout) until the daemon sends something.
final class NotifySocket: Sendable {
    let path: String
    private let descriptor: Int32

    init(in directory: ScratchDirectory, name: String = "notify.sock") throws {
        path = directory.file(name)
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw DaemonTestError("socket(AF_UNIX, SOCK_DGRAM) failed: errno \(errno)") }
        do {
            try UnixSocket.bind(descriptor, to: path)
        } catch {
            close(descriptor)
            throw error
        }
        // A safety net for next(); receive() polls with the same bound.
        var timeout = timeval(tv_sec: Int(safetyTimeout.components.seconds), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// The next datagram, parsed into its `KEY=VALUE` lines. Blocks.
    func next() throws -> [String: String] {
        try nextMessage().fields
    }

    func nextMessage() throws -> NotifyMessage {
        try nextMessage(cancelledBy: nil)
    }

    /// Waits (poll) for a datagram on the socket, or for `cancel` to become
    /// readable, or for the safety timeout.
    private func nextMessage(cancelledBy cancel: Int32?) throws -> NotifyMessage {
        var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        if let cancel { fds.append(pollfd(fd: cancel, events: Int16(POLLIN), revents: 0)) }
        let timeoutMilliseconds = Int32(safetyTimeout.components.seconds * 1000)
        while true {
            let ready = poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
            if ready < 0 && errno == EINTR { continue }
            guard ready >= 0 else { throw DaemonTestError("poll on \(path) failed: errno \(errno)") }
            guard ready > 0 else { throw DaemonTestError("no notification on \(path) within \(safetyTimeout)") }
            if fds.count > 1 && fds[1].revents != 0 && fds[0].revents == 0 { throw CancellationError() }
            break
        }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count >= 0 {
                return NotifyMessage(raw: String(decoding: buffer[0..<count], as: UTF8.self))
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                throw DaemonTestError("no notification on \(path) within \(safetyTimeout)")
            case let error:
                throw DaemonTestError("recv on \(path) failed: errno \(error)")
            }
        }
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
        let ends = try DaemonProcess.pipe()
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

    /// A datagram already queued, or nil; never blocks.
    func nextQueued() throws -> NotifyMessage? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count >= 0 { return NotifyMessage(raw: String(decoding: buffer[0..<count], as: UTF8.self)) }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return nil }
            throw DaemonTestError("recv on \(path) failed: errno \(errno)")
        }
    }

    /// The next datagram, received on a thread of its own so the waiting
    /// test does not occupy one of the (few) cooperative threads. Cancelling
    /// the task ends the wait (CancellationError) without consuming a datagram.
    func receive() async throws -> NotifyMessage {
        let ends = try DaemonProcess.pipe()
        let wake = WakePipe(read: ends.read, write: ends.write)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let thread = Thread { [self] in
                    let result = Result { try self.nextMessage(cancelledBy: wake.read) }
                    wake.close()
                    continuation.resume(with: result)
                }
                thread.start()
            }
        } onCancel: {
            wake.signal()
        }
    }

    /// Datagrams up to and including the first that satisfies `predicate`.
    /// At most `limit` are read, so a daemon that never says it fails the test.
    func receive(
        until predicate: (NotifyMessage) -> Bool, limit: Int = 200
    ) async throws -> (matching: NotifyMessage, before: [NotifyMessage]) {
        var before: [NotifyMessage] = []
        while before.count < limit {
            let message = try await receive()
            if predicate(message) { return (message, before) }
            before.append(message)
        }
        throw DaemonTestError("\(limit) notifications without the awaited one: \(before)")
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

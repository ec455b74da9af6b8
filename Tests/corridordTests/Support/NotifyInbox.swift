import Foundation
import Glibc
import Synchronization

/// What a NotifySocket's drain thread has read and the test has not yet
/// taken, and the tasks waiting for more. The thread and the test meet only
/// here, under one lock; every recv happens under it too, so datagrams are
/// taken in the order they arrived whether the thread or `takeQueued` read them.
final class NotifyInbox: Sendable {
    private struct Waiter {
        let id: UInt64
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<NotifyMessage, any Error>
    }

    private struct State {
        var messages: [NotifyMessage] = []
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        /// The write end of the pipe that stops the drain thread; nil before it starts.
        var stopDescriptor: Int32?
        var failure: DaemonTestError?
    }

    private let state = Mutex(State())

    var isDraining: Bool { state.withLock { $0.stopDescriptor != nil } }

    /// Starts the drain thread on `descriptor` unless it runs already. From
    /// then on the thread owns the descriptor.
    func startDraining(_ descriptor: Int32, path: String) throws {
        let stopPipe = try state.withLock { state -> (read: Int32, write: Int32)? in
            guard state.stopDescriptor == nil else { return nil }
            let ends = try UnixSocket.pipe()
            state.stopDescriptor = ends.write
            return ends
        }
        guard let stopPipe else { return }
        let thread = Thread { [self] in
            drain(descriptor, path: path, stop: stopPipe.read)
            Glibc.close(stopPipe.read)
            Glibc.close(descriptor)
        }
        thread.name = "notify-socket-drain"
        thread.start()
    }

    /// Tells the drain thread to close the socket and end. False when it never
    /// started, in which case the caller still owns the descriptor.
    func stopDraining() -> Bool {
        state.withLock { state in
            guard let stop = state.stopDescriptor else { return false }
            Glibc.close(stop)  // EOF on the pipe wakes the thread
            return true
        }
    }

    /// The oldest datagram not yet taken, waiting for one if there is none.
    func take() async throws -> NotifyMessage {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let deadline = ContinuousClock.now + safetyTimeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let immediate: Result<NotifyMessage, any Error>? = state.withLock { state in
                    if !state.messages.isEmpty { return .success(state.messages.removeFirst()) }
                    if let failure = state.failure { return .failure(failure) }
                    // Checked under the lock: a cancellation that came before this
                    // found no waiter to end, so this must end itself.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters.append(Waiter(id: id, deadline: deadline, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// A datagram already read, or one still queued in the kernel; never blocks.
    func takeQueued(_ descriptor: Int32, path: String) throws -> NotifyMessage? {
        try state.withLock { state in
            if !state.messages.isEmpty { return state.messages.removeFirst() }
            return try Self.receiveWithoutWaiting(descriptor, path: path)
        }
    }

    // MARK: The drain thread

    /// Reads every datagram as it arrives until the stop pipe closes. Wakes
    /// once a second while idle only to fail waiters past their safety
    /// timeout; an arriving datagram or the stop pipe wake it at once.
    private func drain(_ descriptor: Int32, path: String, stop: Int32) {
        while true {
            var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
            let polled = poll(&fds, 2, 1000)
            if polled < 0 && errno == EINTR { continue }
            if polled < 0 {
                fail(DaemonTestError("poll on \(path) failed: errno \(errno)"))
                return
            }
            if fds[1].revents != 0 { return }
            if fds[0].revents != 0 {
                do {
                    try deliverQueued(descriptor, path: path)
                } catch let error as DaemonTestError {
                    fail(error)
                    return
                } catch {
                    fail(DaemonTestError("\(error)"))
                    return
                }
            }
            expireWaiters(path: path)
        }
    }

    /// Moves every datagram the kernel holds into the inbox, or straight to a waiter.
    private func deliverQueued(_ descriptor: Int32, path: String) throws {
        while true {
            let handOver = try state.withLock { state -> (Waiter, NotifyMessage)?? in
                guard let message = try Self.receiveWithoutWaiting(descriptor, path: path) else { return .none }
                if state.waiters.isEmpty {
                    state.messages.append(message)
                    return .some(nil)
                }
                return .some((state.waiters.removeFirst(), message))
            }
            switch handOver {
            case .none: return
            case .some(.none): continue
            case .some(.some(let (waiter, message))): waiter.continuation.resume(returning: message)
            }
        }
    }

    private func expireWaiters(path: String) {
        let now = ContinuousClock.now
        let expired = state.withLock { state -> [Waiter] in
            let expired = state.waiters.filter { $0.deadline <= now }
            state.waiters.removeAll { $0.deadline <= now }
            return expired
        }
        for waiter in expired {
            waiter.continuation.resume(throwing: DaemonTestError("no notification on \(path) within \(safetyTimeout)"))
        }
    }

    private func fail(_ error: DaemonTestError) {
        let waiters = state.withLock { state -> [Waiter] in
            state.failure = error
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.continuation.resume(throwing: error) }
    }

    private static func receiveWithoutWaiting(_ descriptor: Int32, path: String) throws -> NotifyMessage? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count >= 0 { return NotifyMessage(raw: String(decoding: buffer[0..<count], as: UTF8.self)) }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return nil }
            throw DaemonTestError("recv on \(path) failed: errno \(errno)")
        }
    }
}

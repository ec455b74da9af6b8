import CorridorTestSupport
import Glibc
import Testing

/// The tests' stand-in for systemd must read like systemd: the lifecycle
/// tests' verdicts about STOPPING=1 and watchdog pings are only as good as a
/// supervisor that never stops reading.
@Suite("the tests' notify socket")
struct NotifySocketTests {
    /// A sender that blocks when the receiver's queue is full (as sd_notify
    /// does), so a reader that stops reading while the test does something
    /// else shows up as a send that cannot finish. The old reader read only
    /// when the test asked; this test then failed at the eleventh datagram.
    @Test("it keeps reading while the test takes nothing: 300 datagrams, far past the kernel's queue, none lost, in order")
    func drainsWhileTheTestIsBusy() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let notify = try NotifySocket(in: scratch)
        let sender = try BlockingDatagramSender(to: notify.path)

        try sender.send("N=0")
        #expect(try await notify.receive()["N"] == "0")
        let count = 300
        for number in 1...count { try sender.send("N=\(number)") }
        var received: [String] = []
        for _ in 1...count { received.append(try await notify.receive()["N"] ?? "?") }
        #expect(received == (1...count).map(String.init))
    }

    @Test("a datagram that arrives after a cancelled wait is kept for the next one")
    func cancelledWaitLosesNothing() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let notify = try NotifySocket(in: scratch)
        let waiting = Task { try await notify.receive() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }

        let sender = try BlockingDatagramSender(to: notify.path)
        try sender.send("READY=1")
        #expect(try await notify.receive()["READY"] == "1")
        #expect(try notify.nextQueued() == nil)
    }
}

/// An AF_UNIX datagram socket connected to `path`, whose sends block while
/// the receiver's queue is full, up to the safety timeout.
private final class BlockingDatagramSender {
    private let descriptor: Int32
    private let path: String

    init(to path: String) throws {
        self.path = path
        descriptor = try UnixSocket.connect(path, type: SOCK_DGRAM)
        var timeout = timeval(tv_sec: Int(safetyTimeout.components.seconds), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        while true {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent == bytes.count { return }
            if sent < 0 && errno == EINTR { continue }
            throw DaemonTestError("send to \(path) failed (errno \(errno)): nobody read it within \(safetyTimeout)")
        }
    }
}

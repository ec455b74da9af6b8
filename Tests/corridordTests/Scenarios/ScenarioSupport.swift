import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Synchronization
import Testing

// Support for the acceptance scenarios: a corridord on a scratch data
// directory that can be stopped with SIGTERM and started again, a watch that
// records what it sees and resumes after disconnects, and small helpers.

/// A corridord on `data`, answering at `socket`, with a connected client.
final class ScenarioDaemon: @unchecked Sendable {
    let socket: String
    let data: String
    private var scratch: TemporaryDirectory
    private(set) var daemon: ReadyDaemon
    private(set) var client: CorridorClient

    private init(socket: String, data: String, scratch: TemporaryDirectory, daemon: ReadyDaemon, client: CorridorClient) {
        self.socket = socket
        self.data = data
        self.scratch = scratch
        self.daemon = daemon
        self.client = client
    }

    static func start(socket: String, data: String, in scratch: TemporaryDirectory) async throws -> ScenarioDaemon {
        let (daemon, notifyDirectory) = try await spawn(socket: socket, data: data)
        do {
            let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
            return ScenarioDaemon(socket: socket, data: data, scratch: notifyDirectory, daemon: daemon, client: client)
        } catch {
            daemon.process.kill()
            notifyDirectory.remove()
            throw error
        }
    }

    /// Each start gets its own directory for $NOTIFY_SOCKET: the previous
    /// daemon's socket file may still be bound while the next one starts.
    private static func spawn(socket: String, data: String) async throws -> (ReadyDaemon, TemporaryDirectory) {
        let notifyDirectory = try TemporaryDirectory()
        do {
            return (try await Harness.startReady(["--socket", socket, "--data-dir", data], in: notifyDirectory), notifyDirectory)
        } catch {
            notifyDirectory.remove()
            throw error
        }
    }

    /// SIGTERM, a clean exit, and nothing else.
    func stop(sourceLocation: SourceLocation = #_sourceLocation) async {
        await client.close()
        await Harness.stopCleanly(daemon.process, sourceLocation: sourceLocation)
        scratch.remove()
    }

    /// SIGTERM, a clean exit, and a new corridord on the same data directory
    /// and socket; `client` is then connected to the new one.
    func restart(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        await stop(sourceLocation: sourceLocation)
        try await startAgain()
    }

    /// A new corridord on the same data directory and socket, after `stop()`.
    func startAgain() async throws {
        (daemon, scratch) = try await Self.spawn(socket: socket, data: data)
        client = try await CorridorClient.connect(to: socket, configuration: .forTests)
    }

    /// For `defer`: SIGKILL if still running.
    func kill() {
        daemon.process.kill()
        scratch.remove()
    }

    /// The sequence number of the last recorded event.
    func lastSequence() async throws -> UInt64 {
        let status = try await client.status()
        return try #require(status.store, "System.Status without store figures").lastSequence
    }
}

/// Events a watch has delivered, in the order it delivered them, across
/// reconnections: every new watch starts at the last sequence seen + 1.
actor EventTape {
    private(set) var events: [RecordedEvent] = []
    private var waiters: [(sequence: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
    /// The sequence the tape starts after.
    let startAfter: UInt64
    private(set) var ended = 0

    init(startAfter: UInt64) { self.startAfter = startAfter }

    var lastSequence: UInt64 { events.last?.sequence ?? startAfter }

    func append(_ event: RecordedEvent) {
        events.append(event)
        let ready = waiters.filter { $0.sequence <= event.sequence }
        waiters.removeAll { $0.sequence <= event.sequence }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// Called when a watch stream ends (disconnect, daemon stopped).
    func streamEnded() {
        ended += 1
        let all = waiters
        waiters.removeAll()
        for waiter in all { waiter.continuation.resume() }
    }

    private func suspendUntil(_ sequence: UInt64) async {
        if lastSequence >= sequence { return }
        await withCheckedContinuation { waiters.append((sequence, $0)) }
    }

    /// Waits until an event with `sequence` (or later) has arrived; fails if
    /// the stream ends first or the safety timeout passes.
    func waitUntil(_ sequence: UInt64) async throws {
        let endedBefore = ended
        let deadline = ContinuousClock.now + safetyTimeout
        while lastSequence < sequence {
            guard ended == endedBefore else {
                throw DaemonTestError("the watch ended at sequence \(lastSequence), before \(sequence)")
            }
            guard ContinuousClock.now < deadline else {
                throw DaemonTestError("the watch did not reach sequence \(sequence) within \(safetyTimeout); at \(lastSequence)")
            }
            let timer = Task { [weak self] in
                try? await Task.sleep(for: .seconds(1))
                await self?.wakeAll()
            }
            await suspendUntil(sequence)
            timer.cancel()
        }
    }

    private func wakeAll() {
        let all = waiters
        waiters.removeAll()
        for waiter in all { waiter.continuation.resume() }
    }
}

/// One watch connection feeding a tape; `disconnect()` ends it from our side.
final class TapeFollower: Sendable {
    private let task: Task<Void, Never>
    let client: CorridorClient

    private init(task: Task<Void, Never>, client: CorridorClient) {
        self.task = task
        self.client = client
    }

    /// A new connection to `socket` watching from the tape's last sequence + 1.
    static func follow(_ tape: EventTape, socket: String) async throws -> TapeFollower {
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        let from = await tape.lastSequence + 1
        let stream = client.watch(from: from)
        let task = Task {
            do {
                for try await event in stream { await tape.append(event) }
            } catch {}
            await tape.streamEnded()
        }
        return TapeFollower(task: task, client: client)
    }

    func disconnect() async {
        task.cancel()
        await client.close()
        await task.value
    }
}

/// Events from `from` through `through`, over a fresh watch.
func collectEvents(from: UInt64, through: UInt64, client: CorridorClient) async throws -> [RecordedEvent] {
    var events: [RecordedEvent] = []
    guard through >= from else { return events }
    for try await event in client.watch(from: from) {
        events.append(event)
        if event.sequence >= through { break }
    }
    return events
}

/// The case name of an event's kind ("listSelected").
func kindName(_ event: RecordedEvent) -> String {
    guard let kind = event.event?.kind else { return "none" }
    let text = String(describing: kind)
    return String(text.prefix { $0 != "(" })
}

/// The refusal a call ends with; records an issue if it succeeds.
func refusal<T>(
    _ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws(RPCError) -> T
) async -> RPCError? {
    do {
        let result = try await body()
        Issue.record("\(what) succeeded, expected a refusal: \(result)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

enum ScenarioClock {
    /// Unix milliseconds now.
    static var nowMs: UInt64 { UInt64(Date().timeIntervalSince1970 * 1000) }

    /// YYYY-MM-DD (UTC) of `date`.
    static func day(_ date: Date = Date(), plusDays days: Int = 0) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let shifted = calendar.date(byAdding: .day, value: days, to: date)!
        let parts = calendar.dateComponents([.year, .month, .day], from: shifted)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}

/// Copies a (stopped daemon's) data directory.
func copyDirectory(_ source: String, to destination: String) throws {
    try FileManager.default.copyItem(atPath: source, toPath: destination)
}

/// Every case the registry holds, page by page.
func allCases(_ client: CorridorClient, siteID: String = "", status: Case.Status = .unspecified) async throws -> [CaseView] {
    var views: [CaseView] = []
    var token = ""
    repeat {
        let page = try await client.cases(siteID: siteID, status: status, limit: 1000, pageToken: token)
        views += page.cases
        token = page.nextPageToken
    } while !token.isEmpty
    return views
}

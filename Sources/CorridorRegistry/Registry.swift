import CorridorModel
import CorridorStore
import Glibc
import Logging

/// When the registry writes snapshots.
public struct RegistryOptions: Sendable {
    public var store = StoreOptions()
    /// A snapshot after this many events since the last one…
    public var snapshotEveryEvents: UInt64 = 50_000
    public init() {}
}

/// The registry: commands become events in the log and then state; queries
/// read the state; watch tails the log. Commands are decided and appended
/// one at a time (the actor), and wait for durability outside it, so that
/// concurrent commands share one sync.
public actor Registry {
    private var state: RegistryState
    private let log: EventLog
    /// Turns events and snapshot entries into bytes and back.
    let recordCoding: any RecordCoding
    private let snapshots: SnapshotStore
    private let directoryLock: StoreDirectoryLock
    private let options: RegistryOptions
    let logger: Logger
    private var eventsSinceSnapshot: UInt64 = 0
    private var snapshotRunning = false
    private var snapshotTask: Task<Void, Never>?
    public private(set) var lastSnapshot: (sequence: UInt64, atMs: UInt64)?
    /// Whether writes may be made here, and when they count as acknowledged
    /// (Registry+Replication.swift); nil: on local durability alone.
    var replicationGate: (any ReplicationGate)?

    private init(
        state: RegistryState, log: EventLog, recordCoding: any RecordCoding, snapshots: SnapshotStore, lock: StoreDirectoryLock,
        options: RegistryOptions, lastSnapshot: (UInt64, UInt64)?, logger: Logger
    ) {
        self.state = state
        self.log = log
        self.recordCoding = recordCoding
        self.snapshots = snapshots
        self.directoryLock = lock
        self.options = options
        self.lastSnapshot = lastSnapshot
        self.logger = logger
    }

    /// Locks the data directory, loads the newest valid snapshot and replays
    /// the log after it. DATA_LOSS when the log is damaged where acknowledged
    /// records live (see StoreOptions.repair). `recordCoding` turns events
    /// and snapshot entries into bytes and back (CorridorWire's
    /// ProtobufRecordCoding: the proto/ messages).
    public static func open(
        dataDirectory: String,
        recordCoding: any RecordCoding,
        options: RegistryOptions = RegistryOptions(),
        logger: Logger,
        progress: (RecoveryProgress) -> Void = { _ in }
    ) throws -> (Registry, RecoveryReport) {
        let lock = try StoreDirectoryLock(directory: dataDirectory)
        return try open(dataDirectory: dataDirectory, recordCoding: recordCoding, options: options, logger: logger, progress: progress, lock: lock)
    }

    /// As `open(dataDirectory:recordCoding:…)`, with the coding made once the
    /// directory's lock is held: corridord opens the key store there, so
    /// that a second daemon refused by the lock never touches it.
    public static func open(
        dataDirectory: String,
        options: RegistryOptions = RegistryOptions(),
        logger: Logger,
        recordCodingUnderLock makeCoding: () throws -> any RecordCoding,
        progress: (RecoveryProgress) -> Void = { _ in }
    ) throws -> (Registry, RecoveryReport) {
        let lock = try StoreDirectoryLock(directory: dataDirectory)
        let recordCoding = try makeCoding()
        return try open(dataDirectory: dataDirectory, recordCoding: recordCoding, options: options, logger: logger, progress: progress, lock: lock)
    }

    private static func open(
        dataDirectory: String,
        recordCoding: any RecordCoding,
        options: RegistryOptions,
        logger: Logger,
        progress: (RecoveryProgress) -> Void,
        lock: StoreDirectoryLock
    ) throws -> (Registry, RecoveryReport) {
        let snapshots = SnapshotStore(dataDirectory: dataDirectory, logger: logger)
        var state = RegistryState()
        var loadedSnapshot: (UInt64, UInt64)?
        var (candidate, _) = snapshots.newestValid()
        while let snapshot = candidate {
            do {
                state = try RegistryState(snapshotPayload: snapshot.payload, sequence: snapshot.header.sequence, coding: recordCoding)
                loadedSnapshot = (snapshot.header.sequence, snapshot.header.createdAtNanoseconds / 1_000_000)
                logger.info("loaded snapshot", metadata: ["file": "\(snapshot.path)", "sequence": "\(snapshot.header.sequence)"])
                break
            } catch {
                let older = snapshots.files().reversed().drop { $0 != snapshot.path }.dropFirst()
                snapshots.setAside(snapshot.path, because: "its entries do not decode: \(error)")
                candidate = older.lazy.compactMap { try? SnapshotStore.load($0).get() }.first
                state = RegistryState()
            }
        }
        var replayFailure: (any Error)?
        if options.store.repair {
            // A repair may cut the log below the newest snapshots: find out
            // first, set those aside, and start from what the log still holds.
            do {
                let (probe, probeReport) = try EventLog.open(directory: dataDirectory, options: options.store, logger: logger)
                try probe.close()
                if probeReport.lastSequence < state.lastSequence {
                    try snapshots.quarantine(after: probeReport.lastSequence, dataDirectory: dataDirectory)
                    return try open(dataDirectory: dataDirectory, recordCoding: recordCoding, options: options, logger: logger, progress: progress, lock: lock)
                }
            }
        }
        let (log, report) = try EventLog.open(
            directory: dataDirectory, options: options.store, replayAfter: state.lastSequence, logger: logger, progress: progress
        ) { record in
            guard replayFailure == nil else { return }
            do {
                let event = try recordCoding.decodeEvent(record.payload)
                state.apply(event, sequence: record.header.sequence)
            } catch {
                replayFailure = RegistryError.undecodable(sequence: record.header.sequence, error: "\(error)")
            }
        }
        if let replayFailure { throw replayFailure }
        try finishErasures(in: state, coding: recordCoding, repair: options.store.repair, logger: logger)
        logger.info("registry loaded", metadata: [
            "lastSequence": "\(state.lastSequence)", "replayed": "\(report.replayed)", "parties": "\(state.parties.count)",
            "sites": "\(state.sites.count)", "cases": "\(state.cases.count)",
        ])
        let registry = Registry(
            state: state, log: log, recordCoding: recordCoding, snapshots: snapshots, lock: lock, options: options,
            lastSnapshot: loadedSnapshot, logger: logger
        )
        return (registry, report)
    }

    var currentState: RegistryState { state }

    /// After replay: destroys the keys of erasures a crash interrupted
    /// (recorded, key still there), and says which sealed parts have no key
    /// and no erasure (they read as erased: the key store lost them).
    private static func finishErasures(in state: RegistryState, coding: any RecordCoding, repair: Bool, logger: Logger) throws(RegistryError) {
        guard let sealer = coding.personalDataSealer else { return }
        var pending: Set<String> = []
        var keyless: [String] = []
        for (caseID, details) in state.personal {
            guard let erasure = details.erasure else { continue }
            if erasure.atMs > 0 {
                if sealer.hasKey(caseID: caseID) { pending.insert(caseID) }
            } else {
                keyless.append(caseID)
            }
        }
        // A key is stored before the record it seals is appended, and removed
        // only after the erasure is: a sealed part without its key and
        // without an erasure means the key store lost entries (truncated, or
        // an older copy put back). Serving those cases as erased would lose
        // their personal data for good; only --repair accepts that.
        if !keyless.isEmpty {
            let listed = keyless.sorted().prefix(10).joined(separator: ", ") + (keyless.count > 10 ? ", …" : "")
            guard repair else {
                throw RegistryError.dataLoss(
                    "the key store does not hold the data keys of \(keyless.count) cases whose personal parts are sealed and not erased (\(listed)): it is damaged or an older copy; restore it from a backup, or start with --repair to serve those parts as erased"
                )
            }
            logger.critical("repair: personal parts whose data keys the key store lost read as erased", metadata: ["cases": "\(listed)"])
        }
        guard !pending.isEmpty else { return }
        do {
            try sealer.destroyKeys(of: pending)
        } catch {
            throw RegistryError.internal("cannot finish the erasure of \(pending.sorted().joined(separator: ", ")): \(error)")
        }
        logger.notice("finished erasures a stop interrupted: their data keys are destroyed", metadata: ["cases": "\(pending.sorted().joined(separator: ", "))"])
    }

    // MARK: Committing

    /// Appends the events of one command as one unit, applies them, and
    /// returns once they are durable. `nowNs` is the command's time: a
    /// command that checked dates against "today" passes the time it decided
    /// with, so the event says when the check was made.
    @discardableResult
    func commit(_ kinds: [EventKind], actor: Actor, reason: String = "", at nowNs: UInt64 = Registry.unixNanoseconds()) async throws(RegistryError) -> UInt64 {
        guard !kinds.isEmpty else { return state.lastSequence }
        let (last, gate) = try admitAndApply(kinds, actor: actor, reason: reason, at: nowNs)
        try await waitUntilCommitted(last, gate: gate)
        return last
    }

    /// `commit`, answering with what `answer` makes of the state right after
    /// the command's events are applied, before the wait: a command's answer
    /// shows its own change and never another command's applied while it
    /// waited, which may not be durable yet. A command with nothing to commit
    /// answers as a read does (`readDurably`).
    func commit<Answer>(
        _ kinds: [EventKind], actor: Actor, reason: String = "", at nowNs: UInt64 = Registry.unixNanoseconds(),
        answer: () throws(RegistryError) -> Answer
    ) async throws(RegistryError) -> Answer {
        guard !kinds.isEmpty else { return try await readDurably { _ throws(RegistryError) in try answer() } }
        let (last, gate) = try admitAndApply(kinds, actor: actor, reason: reason, at: nowNs)
        // Applied: the events will be durable whatever the answer does, so
        // its failure (none is expected) is reported only after the wait.
        let made = Result<Answer, RegistryError>(catching: answer)
        try await waitUntilCommitted(last, gate: gate)
        return try made.get()
    }

    /// The part of a command before its wait: admitted by the replication
    /// gate, encoded, appended and applied. Returns the last sequence and the
    /// gate it was admitted under.
    private func admitAndApply(_ kinds: [EventKind], actor: Actor, reason: String, at nowNs: UInt64) throws(RegistryError) -> (UInt64, ReplicationGate?) {
        // Taken once: a promotion that changes the gate while this command
        // waits does not change what this command was admitted under.
        let gate = replicationGate
        try gate?.admitWrite()
        let events = kinds.map { Event(actor: actor, reason: reason, atMs: nowNs / 1_000_000, $0) }
        var records: [PendingRecord] = []
        for (event, kind) in zip(events, kinds) {
            let payload: [UInt8]
            do {
                payload = try recordCoding.encode(event)
            } catch {
                throw RegistryError.internal("cannot encode the \(kind.name) event: \(error)")
            }
            records.append(PendingRecord(type: kind.recordType, payload: payload, timestampNanoseconds: nowNs))
        }
        let sequences = try appendAndApply(records, events)
        return (sequences.upperBound, gate)
    }

    private func waitUntilCommitted(_ last: UInt64, gate: ReplicationGate?) async throws(RegistryError) {
        do {
            try await log.waitUntilDurable(last)
        } catch {
            throw RegistryError.store(error)
        }
        try await gate?.waitUntilReplicated(through: last)
    }

    /// Appends the records (one unit) and applies their events to the state;
    /// durability is the caller's to wait for. The one way into the log:
    /// commands and a follower's replicated events alike.
    func appendAndApply(_ records: [PendingRecord], _ events: [Event]) throws(RegistryError) -> ClosedRange<UInt64> {
        let sequences: ClosedRange<UInt64>
        do {
            sequences = try log.append(records)
        } catch {
            // A refusal the store logs once itself (full disk, unwritable
            // directory, a second writer) is not logged again per request.
            if !error.isLoggedByStore {
                logger.error("an append was refused", metadata: ["error": "\(error)"])
            }
            throw RegistryError.store(error)
        }
        for (index, event) in events.enumerated() {
            state.apply(event, sequence: sequences.lowerBound + UInt64(index))
        }
        eventsSinceSnapshot += UInt64(events.count)
        if eventsSinceSnapshot >= options.snapshotEveryEvents { startSnapshot() }
        return sequences
    }

    /// Answers `read` from the state as it is now, once everything in that
    /// state is durable: a read never shows a write that a crash could still
    /// take back. The answer is made before the wait, so a command applied
    /// while the read waits (not durable yet) does not show in it; and the
    /// state is not held across the wait, so that command does not copy the
    /// tables it changes.
    func readDurably<Answer>(_ read: (RegistryState) throws(RegistryError) -> Answer) async throws(RegistryError) -> Answer {
        let answer = try read(state)
        try await waitUntilDurable(state.lastSequence)
        return answer
    }

    /// The same for a pass over every case: `read` runs off the actor, on a
    /// copy of the state as it was when the read began, so commands go on
    /// meanwhile (each one that changes a table the copy shares copies that
    /// table once).
    nonisolated func readDurablyOffActor<Answer>(_ read: (RegistryState) throws(RegistryError) -> Answer) async throws(RegistryError) -> Answer {
        let (answer, target) = try Self.answer(read, from: await currentState)
        try await waitUntilDurable(target)
        return answer
    }

    /// `read`'s answer and the last sequence of the state it read, the copy
    /// released on return: nothing holds it while the read waits.
    private static func answer<Answer>(_ read: (RegistryState) throws(RegistryError) -> Answer, from state: RegistryState) throws(RegistryError) -> (Answer, UInt64) {
        (try read(state), state.lastSequence)
    }

    nonisolated func waitUntilDurable(_ sequence: UInt64) async throws(RegistryError) {
        do {
            try await log.waitUntilDurable(sequence)
        } catch {
            throw RegistryError.store(error)
        }
    }

    // MARK: Snapshots

    /// Writes a snapshot of the current state if anything changed since the last one.
    public func snapshotNow() async throws(RegistryError) {
        guard state.lastSequence > (lastSnapshot?.sequence ?? 0) else { return }
        try await writeSnapshot(of: state)
    }

    private func startSnapshot() {
        guard !snapshotRunning else { return }
        snapshotRunning = true
        let copy = state
        let log = self.log
        let coding = self.recordCoding
        let snapshots = self.snapshots
        // Encoding a large state takes a while: off the actor, so commands go on.
        snapshotTask = Task.detached {
            do {
                try await Self.writeSnapshot(of: copy, log: log, coding: coding, snapshots: snapshots)
                await self.snapshotWritten(through: copy.lastSequence)
            } catch {
                self.logger.error("snapshot failed; the log still holds everything", metadata: ["error": "\(error)"])
            }
            await self.snapshotFinished()
        }
    }

    private func snapshotFinished() {
        snapshotRunning = false
    }

    private func snapshotWritten(through sequence: UInt64) {
        eventsSinceSnapshot = state.lastSequence - sequence
        lastSnapshot = (sequence, Self.unixNanoseconds() / 1_000_000)
        logger.info("snapshot written", metadata: ["sequence": "\(sequence)"])
    }

    private func writeSnapshot(of copy: RegistryState) async throws(RegistryError) {
        try await Self.writeSnapshot(of: copy, log: log, coding: recordCoding, snapshots: snapshots)
        snapshotWritten(through: copy.lastSequence)
    }

    private static func writeSnapshot(
        of copy: RegistryState, log: EventLog, coding: any RecordCoding, snapshots: SnapshotStore
    ) async throws(RegistryError) {
        do {
            // A snapshot must never be ahead of the durable log.
            try await log.waitUntilDurable(copy.lastSequence)
            let payload = try copy.snapshotPayload(coding: coding)
            try snapshots.write(sequence: copy.lastSequence, payload: payload)
        } catch let error as RegistryError {
            throw error
        } catch let error as StoreError {
            throw RegistryError.store(error)
        } catch {
            throw RegistryError.internal("\(error)")
        }
    }

    // MARK: Status and shutdown

    public struct Figures: Sendable {
        public var log: LogFigures
        public var lastSnapshotSequence: UInt64
        public var lastSnapshotAtMs: UInt64
        public var parties: Int
        public var sites: Int
        public var cases: Int
    }

    public var figures: Figures {
        Figures(
            log: log.figures, lastSnapshotSequence: lastSnapshot?.sequence ?? 0, lastSnapshotAtMs: lastSnapshot?.atMs ?? 0,
            parties: state.parties.count, sites: state.sites.count, cases: state.cases.count
        )
    }

    /// Returns once no snapshot is being written in the background. The
    /// background task holds the registry, and so the directory's lock, until
    /// its file is in place.
    public func waitForBackgroundWork() async {
        await snapshotTask?.value
    }

    /// A snapshot, then the log closed cleanly. Commands after this fail with UNAVAILABLE.
    public func close() async {
        await waitForBackgroundWork()
        do {
            try await snapshotNow()
        } catch {
            logger.error("the shutdown snapshot failed; the next start replays the log", metadata: ["error": "\(error)"])
        }
        do {
            try log.close()
        } catch {
            logger.error("closing the log failed", metadata: ["error": "\(error)"])
        }
    }

    nonisolated var eventLog: EventLog { log }

    static func unixNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}

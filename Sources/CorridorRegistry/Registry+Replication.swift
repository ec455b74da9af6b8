import CorridorModel
import CorridorStore

// The registry's side of replication (docs/REPLICATION.md): a primary's
// committed events leave through `replicationFeed`, byte for byte as its log
// holds them; a follower takes them in through `applyReplicated`, into its
// own log at the same sequences, so that its state, history and watch are
// the primary's; `setReplicationGate` decides whether a command may be
// written here at all and when it counts as acknowledged. The registry never
// talks to the replica store itself: CorridorReplication does.

/// One pass of the feed: events in order, and what the replica store must
/// learn with them about personal data.
public struct ReplicationBurst: Sendable {
    /// Consecutive events, in order, never empty.
    public var events: [ReplicatedEvent]
    /// Cases whose personal part an event of this burst carries, sealed
    /// with the case's data key, each with the first such event's sequence:
    /// their wrapped keys must reach the replica store with the burst, or a
    /// follower could not open them.
    public var personalPartCases: [(caseID: String, sequence: UInt64)]
    /// Cases whose erasure an event of this burst records: their wrapped
    /// keys are deleted from the replica store with it.
    public var erasedCaseIDs: [String]
}

extension Registry {
    /// Sets (or with nil, removes) the gate every later command passes.
    /// corridord sets it at start (a primary replicating in sync mode, a
    /// follower) and changes it on promotion.
    public func setReplicationGate(_ gate: (any ReplicationGate)?) {
        replicationGate = gate
    }

    /// The sequence of the last event in this registry's log.
    public nonisolated var lastSequence: UInt64 { eventLog.lastSequence }

    /// The sequence through which this registry's log is durable.
    public nonisolated var durableSequence: UInt64 { eventLog.figures.durableSequence }

    /// Sends every durable event from `fromSequence` on, in bursts of at
    /// most `burstLimit`, then each new one as it becomes durable, until
    /// `send` throws, the task is cancelled, or the log closes (UNAVAILABLE).
    /// What is sent is the log's own bytes: personal parts stay sealed.
    public nonisolated func replicationFeed(
        from fromSequence: UInt64, burstLimit: Int = 1024, send: (ReplicationBurst) async throws -> Void
    ) async throws {
        var next = max(fromSequence, 1)
        let limit = max(burstLimit, 1)
        while true {
            try Task.checkCancellation()
            var burst = ReplicationBurst(events: [], personalPartCases: [], erasedCaseIDs: [])
            next = try eventLog.read(from: next) { record in
                let payload = [UInt8](record.payload)
                let sequence = record.header.sequence
                let event: Event
                do {
                    event = try recordCoding.decodeEvent(payload)
                } catch {
                    throw RegistryError.undecodable(sequence: sequence, error: "\(error)")
                }
                burst.events.append(
                    ReplicatedEvent(
                        sequence: sequence, recordedAtNs: record.header.timestampNanoseconds, recordType: record.header.type,
                        typeName: event.kind.name, actor: event.actor.map { "\($0.userName) (uid \($0.uid))" } ?? "",
                        payload: payload, payloadChecksum: CRC32C.checksum(payload)
                    )
                )
                switch event.kind {
                case .caseRegistered(let registered) where registered.personal != nil:
                    if let id = registered.case?.id { burst.personalPartCases.append((id, sequence)) }
                case .casePersonalUpdated(let updated) where updated.personal != nil:
                    burst.personalPartCases.append((updated.caseID, sequence))
                case .casePersonalErased(let erased):
                    burst.erasedCaseIDs.append(erased.caseID)
                default:
                    break
                }
                return burst.events.count < limit
            }
            if !burst.events.isEmpty { try await send(burst) }
            if next > eventLog.figures.durableSequence {
                do {
                    try await eventLog.waitUntilDurable(next)
                } catch where error.isCancelled {
                    throw CancellationError()
                } catch {
                    throw RegistryError.unavailable("the registry is shutting down; the feed resumes from sequence \(next)")
                }
            }
        }
    }

    /// A follower's way in: appends the primary's events to this log at the
    /// same sequences and applies them, then returns the last sequence once
    /// durable. Events this log already holds are skipped if they are the
    /// same bytes; anything else (a gap, a checksum that fails, bytes that
    /// differ from what this log holds, an event this build cannot read) is
    /// refused and nothing of the batch is applied. Not gated: a follower
    /// refuses commands, never the primary's events. Erasures it applies
    /// destroy the cases' data keys here too.
    @discardableResult
    public func applyReplicated(_ events: [ReplicatedEvent]) async throws(RegistryError) -> UInt64 {
        let last = eventLog.lastSequence
        var expected = last + 1
        var records: [PendingRecord] = []
        var decoded: [Event] = []
        var erased: Set<String> = []
        for event in events {
            guard CRC32C.checksum(event.payload) == event.payloadChecksum else {
                throw RegistryError.dataLoss("replicated event \(event.sequence) fails its checksum: damaged between the primary and this server; nothing of this batch was applied")
            }
            if event.sequence < expected {
                try checkHeld(event)
                continue
            }
            guard event.sequence == expected else {
                throw RegistryError.dataLoss("replicated events jump from sequence \(expected - 1) to \(event.sequence): the events between are missing; nothing of this batch was applied")
            }
            let model: Event
            do {
                model = try recordCoding.decodeEvent(event.payload)
            } catch {
                throw RegistryError.undecodable(sequence: event.sequence, error: "\(error)")
            }
            guard model.kind.recordType == event.recordType else {
                throw RegistryError.dataLoss("replicated event \(event.sequence) says record type \(event.recordType) but holds a \(model.kind.name) (type \(model.kind.recordType))")
            }
            if case .casePersonalErased(let erasure) = model.kind { erased.insert(erasure.caseID) }
            records.append(PendingRecord(type: event.recordType, payload: event.payload, timestampNanoseconds: event.recordedAtNs))
            decoded.append(model)
            expected += 1
        }
        guard !records.isEmpty else { return last }
        let sequences = try appendAndApply(records, decoded)
        guard sequences.lowerBound == last + 1 else {
            // Only a command appended meanwhile could do this, and a
            // follower's gate refuses commands.
            throw RegistryError.internal("replicated events were appended at \(sequences.lowerBound), not \(last + 1): a command was written on a follower")
        }
        do {
            try await eventLog.waitUntilDurable(sequences.upperBound)
        } catch {
            throw RegistryError.store(error)
        }
        if !erased.isEmpty { try destroyKeys(of: erased) }
        return sequences.upperBound
    }

    /// An event this log already holds must be the same bytes: if not, this
    /// server's history and the primary's differ from that sequence on.
    private func checkHeld(_ event: ReplicatedEvent) throws(RegistryError) {
        var held: UInt32?
        eventLog.read(from: event.sequence) { record in
            if record.header.sequence == event.sequence { held = CRC32C.checksum(record.payload) }
            return false
        }
        guard let held else {
            throw RegistryError.unavailable("event \(event.sequence) of this log is not durable yet; apply again")
        }
        guard held == event.payloadChecksum else {
            throw RegistryError.dataLoss(
                "this server's log and the primary's differ at sequence \(event.sequence): it cannot follow; start it on an empty data directory to follow afresh (keep this one: it holds events the primary lacks)"
            )
        }
    }
}

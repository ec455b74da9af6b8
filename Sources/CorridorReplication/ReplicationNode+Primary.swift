import CorridorRegistry

// The primary's side: confirm the leader's epoch, then copy every durable
// event of the local log to the replica store in order, a burst per
// transaction (so a burst is one group commit there), with the wrapped keys
// the burst's sealed parts need. Unreachable: back off and retry from
// wherever the store got to; fenced off (another node's epoch), or the
// copies differ: write no more.

extension ReplicationNode {
    /// Claims or confirms the leader's epoch for this node, and checks that
    /// this log holds everything the store does. Returns the epoch and the
    /// store's last sequence.
    func confirmPrimary() async throws -> (epoch: UInt64, storeLast: UInt64) {
        let keyID = keyring.keyID
        try await call { [store] in try await store.prepare(keyID: keyID) }
        let known = try epochFile.read()
        if let known, known.node != settings.node {
            throw ReplicationSetupError(
                "this data directory was primary as node \(known.node) (\(epochFile.path)), and is now started as node \(settings.node): start it with --node \(known.node)"
            )
        }
        let claiming = known?.epoch ?? 1
        if known == nil { try epochFile.write(epoch: claiming, node: settings.node) }
        let claimed: Result<UInt64, any Error>
        do {
            let node = settings.node
            claimed = .success(try await call { [store] in try await store.claimPrimary(node: node, epoch: claiming) })
        } catch {
            claimed = .failure(error)
        }
        let epoch: UInt64
        switch claimed {
        case .success(let held):
            epoch = held
        case .failure(let error as ReplicaStoreError) where error.isNotPrimary:
            throw ReplicationSetupError("this server cannot be the primary: \(error.description)")
        case .failure(let error):
            throw error
        }
        if epoch != claiming { try epochFile.write(epoch: epoch, node: settings.node) }
        let storeLast = try await call { [store] in try await store.lastSequence() }
        let local = registry.lastSequence
        if storeLast > local {
            throw ReplicationSetupError(
                "the replica store at \(redactedStore) holds events through sequence \(storeLast), but this server's log only through \(local): another primary wrote there, or this data directory is an older copy. Start this server with --follow on an empty data directory"
            )
        }
        state.withLock { state in
            state.epoch = epoch
            state.primaryNode = settings.node
        }
        connected()
        replicated(through: storeLast)
        return (epoch, storeLast)
    }

    func runPrimary() async {
        var pause: Duration = .milliseconds(100)
        while !Task.isCancelled && state.withLock({ $0.fenced == nil }) {
            do {
                let (epoch, storeLast) = try await confirmPrimary()
                pause = .milliseconds(100)
                logger.info("replicating", metadata: ["store": "\(redactedStore)", "epoch": "\(epoch)", "from": "\(storeLast + 1)"])
                // From the store's last event, not the one after: the store
                // checks that it is the same bytes as this log's (diverged
                // otherwise), so two histories are never joined unseen.
                try await registry.replicationFeed(from: max(storeLast, 1), burstLimit: settings.batchLimit) { burst in
                    try await self.ship(burst, epoch: epoch)
                }
            } catch let error as ReplicaStoreError where error.isUnreachable {
                disconnected(error.description)
            } catch let error as ReplicaCallTimeout {
                disconnected(error.description)
            } catch let error as ReplicaStoreError where error.isSuperseded || error.isNotPrimary {
                fence("another server is the primary now: \(error.description)", primaryNode: error.primaryNode)
                return
            } catch let error as ReplicationSetupError {
                fence(error.description, primaryNode: nil)
                return
            } catch is CancellationError {
                return
            } catch let error as RegistryError where error.code == .unavailable {
                return  // the registry is closing: the daemon stops
            } catch {
                // Refused by PostgreSQL (a password, a permission), or the
                // copies differ: nothing retrying fixes by itself, but an
                // operator may, so keep trying, slowly and visibly.
                disconnected("\(error)")
                logger.error("replication stopped on an error; retrying", metadata: ["error": "\(error)"])
                pause = settings.retryLimit
            }
            // A back-off between attempts to reach PostgreSQL, not a synchronisation.
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, settings.retryLimit)
        }
    }

    /// One burst to the store, in one transaction, with its keys.
    private func ship(_ burst: ReplicationBurst, epoch: UInt64) async throws {
        guard let first = burst.events.first, let last = burst.events.last else { return }
        state.withLock { state in
            if state.oldestPendingAtNs == 0 { state.oldestPendingAtNs = first.recordedAtNs }
        }
        // A key destroyed here before its case's events were copied (an
        // erasure while the store lagged) is not sent: the follower then
        // reads that part as erased, which the erasure in the same history
        // makes it anyway.
        let keys = burst.personalPartCases.compactMap { entry in
            keyring.wrappedDataKey(of: entry.caseID).map { ReplicatedKey(caseID: entry.caseID, wrappedKey: $0, firstSequence: entry.sequence) }
        }
        let (events, erased) = (burst.events, burst.erasedCaseIDs)
        try await call { [store] in try await store.append(events, keys: keys, erasedCaseIDs: erased, epoch: epoch) }
        let durable = registry.durableSequence
        state.withLock { state in
            state.oldestPendingAtNs = durable > last.sequence ? last.recordedAtNs : 0
        }
        connected()
        replicated(through: last.sequence)
    }
}

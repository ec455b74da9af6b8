import CorridorRegistry

// The follower's side: read the replica store from this log's last
// sequence on, store the wrapped keys that come with the events, apply the
// events (the registry refuses gaps, damage and divergence whole), then wait
// for a notification or the poll interval. A promotion asked meanwhile is
// carried out here, between two reads, once everything is applied.

extension ReplicationNode {
    func runFollower() async {
        let notifications = store.notifications(retryLimit: settings.retryLimit)
        let wakeup = self.wakeup
        let listener = Task {
            for await _ in notifications { wakeup.signal() }
        }
        defer { listener.cancel() }
        var pause: Duration = .milliseconds(100)
        while !Task.isCancelled && role == .follower {
            do {
                let keyID = keyring.keyID
                try await call { [store] in try await store.prepare(keyID: keyID) }
                connected()
                pause = .milliseconds(100)
                while !Task.isCancelled {
                    try await catchUp()
                    if try await promoteIfAsked() { return }
                    await wakeup.wait(upTo: settings.pollInterval)
                }
            } catch let error as ReplicaStoreError where error.isUnreachable {
                disconnected(error.description)
                answerPromotion(.failure(.unavailable("cannot promote: \(error.description)")))
            } catch let error as ReplicaCallTimeout {
                disconnected(error.description)
                answerPromotion(.failure(.unavailable("cannot promote: \(error.description)")))
            } catch is CancellationError {
                return
            } catch let error as RegistryError where error.code == .unavailable && Task.isCancelled {
                return
            } catch {
                // Damage, divergence, another key file: applying stops here
                // and status says why; reads go on from what was applied.
                disconnected("\(error)")
                logger.critical("following stopped on an error; retrying", metadata: ["error": "\(error)"])
                answerPromotion(.failure(.failedPrecondition("cannot promote: \(error)")))
                pause = settings.retryLimit
            }
            // A back-off between attempts to reach PostgreSQL, not a
            // synchronisation; a promotion asked meanwhile cuts it short.
            await wakeup.wait(upTo: pause)
            pause = min(pause * 2, settings.retryLimit)
        }
    }

    /// Applies everything the store holds after this log's last event.
    private func catchUp() async throws {
        let leader = try await call { [store] in try await store.leader() }
        var storeLast = try await call { [store] in try await store.lastSequence() }
        state.withLock { state in
            state.leaderEpoch = leader?.epoch
            state.primaryNode = leader?.node ?? ""
            state.storeLast = storeLast
        }
        var applied = registry.lastSequence
        guard applied <= storeLast else {
            throw ReplicationSetupError(
                "this server's log holds events through sequence \(applied) but the replica store only through \(storeLast): it has events the primary never copied (an old primary's log?) and cannot follow; keep this data directory and start the follower on an empty one"
            )
        }
        replicated(through: applied)
        // The first read starts at this log's own last event, which
        // applyReplicated compares with the store's: a log that is not a
        // prefix of the store's history is refused, never extended.
        var after = applied > 0 ? applied - 1 : 0
        while true {
            let (from, limit) = (after, settings.batchLimit)
            let (events, keys) = try await call { [store] in try await store.events(after: from, limit: limit) }
            defer { after = applied }
            guard let first = events.first, let last = events.last else { break }
            storeLast = max(storeLast, last.sequence)
            state.withLock { state in
                state.storeLast = storeLast
                state.oldestPendingAtNs = first.recordedAtNs
            }
            for key in keys {
                try keyring.adoptWrappedDataKey(key.wrappedKey, of: key.caseID)
            }
            applied = try await registry.applyReplicated(events)
            replicated(through: applied)
        }
        state.withLock { state in
            state.storeLast = max(state.storeLast, applied)
            state.oldestPendingAtNs = 0
        }
    }

    /// Carries out a promotion asked for with `promote`, if any; true once
    /// this server is the primary.
    private func promoteIfAsked() async throws -> Bool {
        guard state.withLock({ $0.promotion != nil }) else { return false }
        let (expected, applied) = state.withLock { ($0.leaderEpoch, $0.replicated) }
        let next = (expected ?? 0) + 1
        // The epoch is written down before it is taken (ReplicationEpochFile).
        try epochFile.write(epoch: next, node: settings.node)
        let outcome: Result<UInt64, ReplicaStoreError>
        do {
            outcome = .success(try await store.promote(node: settings.node, appliedThrough: applied, replacing: expected))
        } catch {
            outcome = .failure(error)
        }
        let epoch: UInt64
        switch outcome {
        case .success(let taken):
            epoch = taken
        case .failure(let error) where error.behindLast != nil:
            return false  // more events came: apply them, then try again
        case .failure(let error) where error.isNotPrimary || error.isSuperseded:
            answerPromotion(.failure(.failedPrecondition("cannot promote: \(error.description)")))
            return false
        case .failure(let error):
            throw error
        }
        if epoch != next { try epochFile.write(epoch: epoch, node: settings.node) }
        state.withLock { state in
            state.role = .primary
            state.epoch = epoch
            state.primaryNode = settings.node
            state.fenced = nil
            state.replicated = applied
            state.oldestPendingAtNs = 0
        }
        logger.notice("promoted: this server is the primary", metadata: [
            "node": "\(settings.node)", "epoch": "\(epoch)", "lastSequence": "\(applied)", "mode": "\(settings.mode.rawValue)",
        ])
        answerPromotion(.success(Promotion(epoch: epoch, lastSequence: applied, node: settings.node)))
        return true
    }

    func answerPromotion(_ result: Result<Promotion, RegistryError>) {
        let waiting = state.withLock { state in
            defer { state.promotion = nil }
            return state.promotion
        }
        waiting?.resume(returning: result)
    }

    public func promote() async throws(RegistryError) -> Promotion {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Promotion, RegistryError>, Never>) in
            let refusal: RegistryError? = state.withLock { state in
                guard state.role == .follower else {
                    return .failedPrecondition("this server is the primary already (node \(settings.node), epoch \(state.epoch)): only a follower can be promoted")
                }
                guard state.promotion == nil else {
                    return .failedPrecondition("a promotion of this server is already under way")
                }
                state.promotion = continuation
                return nil
            }
            if let refusal {
                continuation.resume(returning: .failure(refusal))
            } else {
                wakeup.signal()
            }
        }
        return try result.get()
    }
}

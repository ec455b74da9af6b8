import PostgresNIO

extension ReplicaStore {
    /// Wake-ups for a follower: on a connection of its own, LISTEN
    /// corridor_events; yields the store's last sequence once listening has
    /// started (so nothing committed before is missed), then the last
    /// sequence of each append that commits. When the connection is lost it
    /// connects again, backing off up to `retryLimit`, and yields the last
    /// sequence again once it listens. A follower still reads with a
    /// bounded wait between reads: a wake-up is a hint, never the only way
    /// it learns of events. The stream ends when its consumer stops.
    public func notifications(retryLimit: Duration = .seconds(5)) -> AsyncStream<UInt64> {
        let (stream, continuation) = AsyncStream.makeStream(of: UInt64.self, bufferingPolicy: .bufferingNewest(64))
        let task = Task { [self] in
            var pause: Duration = .milliseconds(100)
            while !Task.isCancelled {
                do {
                    try await listenOnce(continuation, onListening: { pause = .milliseconds(100) })
                } catch {
                    if !Task.isCancelled {
                        logger.warning(
                            "lost the wake-ups from the replica store; listening again",
                            metadata: ["cause": "\(ReplicaStoreError.from(error, location: location))"]
                        )
                    }
                }
                // A reconnection pause, not a synchronisation: the follower's
                // bounded reads go on meanwhile.
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, retryLimit)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func listenOnce(
        _ continuation: AsyncStream<UInt64>.Continuation, onListening: () -> Void
    ) async throws {
        let connection = try await connections.connect()
        do {
            try await withTaskCancellationHandler {
                try await connection.listen(on: ReplicaSchema.notificationChannel) { notifications in
                    continuation.yield(try await self.lastSequence(on: connection))
                    onListening()
                    for try await notification in notifications {
                        // A payload that is not a sequence (someone's manual
                        // NOTIFY) still wakes the reader, which reads what is there.
                        continuation.yield(UInt64(notification.payload) ?? 0)
                    }
                }
            } onCancel: {
                connection.close().whenComplete { _ in }
            }
        } catch {
            // Closed and awaited before it is let go, whatever happened.
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }
}

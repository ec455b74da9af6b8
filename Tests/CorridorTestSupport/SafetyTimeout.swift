import Synchronization

/// Thrown when something a test waits for does not happen within the safety bound.
public struct TestTimeout: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}

/// Runs `operation`, failing with `TestTimeout` if it has not finished within
/// `bound` stretched by `TestDeadline.factor` (under a sanitizer).
///
/// The bound is a safety net so that a broken component fails a test instead of
/// hanging the suite; it is never what a passing test waits on. When the bound
/// passes first, `operation` is cancelled and left behind: an operation that
/// ignores cancellation (a connect, a blocking read) cannot hold the test.
public func withSafetyTimeout<T: Sendable>(
    _ bound: Duration = .seconds(30),
    waitingFor what: String,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let bound = TestDeadline.scaled(bound)
    let work = Task { try await operation() }
    let timer = Task { try await Task.sleep(for: bound) }
    let race = SafetyRace<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            race.start(continuation)
            Task {
                let result = await work.result
                timer.cancel()
                race.settle(with: result)
            }
            Task {
                guard (try? await timer.value) != nil else { return }
                work.cancel()
                race.settle(with: .failure(TestTimeout(description: "gave up after \(bound) waiting for \(what)")))
            }
        }
    } onCancel: {
        work.cancel()
        timer.cancel()
    }
}

/// Whichever of the operation and the timer finishes first resumes the waiter; the other finds nothing to resume.
private final class SafetyRace<T: Sendable>: Sendable {
    private let waiter = Mutex<CheckedContinuation<T, any Error>?>(nil)

    /// Called before either side can finish.
    func start(_ continuation: CheckedContinuation<T, any Error>) {
        waiter.withLock { $0 = continuation }
    }

    func settle(with result: Result<T, any Error>) {
        let continuation = waiter.withLock { waiter in
            defer { waiter = nil }
            return waiter
        }
        continuation?.resume(with: result)
    }
}

import Dispatch
import Synchronization

/// Runs `body` to completion and returns what it returned, for libFuzzer's
/// synchronous callback. The work runs on the cooperative pool; the waiting
/// thread is libFuzzer's own, never one of the pool's, so the wait cannot
/// starve the work it waits for.
public func runBlocking<Value: Sendable>(_ body: @escaping @Sendable () async -> Value) -> Value {
    let semaphore = DispatchSemaphore(value: 0)
    let box = ResultBox<Value>()
    Task {
        let value = await body()
        box.result.withLock { $0 = value }
        semaphore.signal()
    }
    semaphore.wait()
    guard let value = box.result.withLock({ $0 }) else {
        fatalError("runBlocking: the task signalled without a result")
    }
    return value
}

private final class ResultBox<Value: Sendable>: Sendable {
    let result = Mutex<Value?>(nil)
}

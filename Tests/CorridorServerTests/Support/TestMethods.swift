import CorridorServer
import CorridorTestSupport
import CorridorWire
import Testing

/// Methods the tests add to the server, whose calls stay in flight until the
/// test lets them go (or cancels them). Both echo their request's payload,
/// typed as System.Ping's messages.
enum TestMethod {
    typealias Echo = RPCMethod<Corridor_V1_PingRequest, Corridor_V1_PingResponse>
    /// Waits at the `Gate` of its `TestMethods`, then answers.
    static let gatedMethod = Echo(path: "/corridor.test.v1.Test/Gated", kind: .unary)
    /// Never answers: waits until its task is cancelled.
    static let untilCancelledMethod = Echo(path: "/corridor.test.v1.Test/UntilCancelled", kind: .unary)

    static var gated: String { gatedMethod.path }
    static var untilCancelled: String { untilCancelledMethod.path }
}

/// The test methods as the client calls them: a Ping's request and response
/// (the handlers read and write the same bytes).
enum TestRPC {
    static let gated = RPCMethod<Corridor_V1_PingRequest, Corridor_V1_PingResponse>(path: TestMethod.gated, kind: .unary)
    static let untilCancelled = RPCMethod<Corridor_V1_PingRequest, Corridor_V1_PingResponse>(path: TestMethod.untilCancelled, kind: .unary)
}

/// What the test methods' handlers did, keyed by the call's request id.
enum CallEvent: Sendable, Equatable {
    case started(requestID: String)
    case cancelled(requestID: String)
}

/// A gate calls wait at. It opens when the test says so, or by itself once
/// `opensAt` calls have arrived; either way every waiting call goes on.
actor Gate {
    private let opensAt: Int?
    private var isOpen = false
    private var waiting: [UInt64: CheckedContinuation<Void, any Error>] = [:]
    private var nextWaiter: UInt64 = 0
    private(set) var arrivals = 0

    init(opensAt: Int? = nil) {
        self.opensAt = opensAt
    }

    /// Waits until the gate is open. Throws CancellationError if the calling
    /// task is cancelled first, so that a call the server ends does not linger.
    func pass() async throws {
        arrivals += 1
        if let opensAt, arrivals >= opensAt { open() }
        if isOpen { return }
        nextWaiter += 1
        let id = nextWaiter
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiting[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.abandon(id) }
        }
    }

    func open() {
        isOpen = true
        let released = waiting.values
        waiting.removeAll()
        for continuation in released { continuation.resume() }
    }

    private func abandon(_ id: UInt64) {
        waiting.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }
}

/// The test methods of one server, with what their handlers saw.
struct TestMethods: Sendable {
    let gate: Gate
    let events = EventRecorder<CallEvent>()

    init(gateOpensAt: Int? = nil) {
        self.gate = Gate(opensAt: gateOpensAt)
    }

    var router: MethodRouter {
        var router = MethodRouter()
        let gate = self.gate
        let events = self.events
        router.register(TestMethod.gatedMethod) { request, context in
            events.append(.started(requestID: context.requestID))
            do {
                try await gate.pass()
            } catch {
                events.append(.cancelled(requestID: context.requestID))
                throw error
            }
            return Corridor_V1_PingResponse(payload: request.payload)
        }
        router.register(TestMethod.untilCancelledMethod) { request, context in
            events.append(.started(requestID: context.requestID))
            do {
                // Not a wait for anything: this call's point is that it never returns.
                try await Task.sleep(for: .seconds(3600))
            } catch {
                events.append(.cancelled(requestID: context.requestID))
                throw error
            }
            return Corridor_V1_PingResponse(payload: request.payload)
        }
        return router
    }

    /// Waits until the handler of the call with `requestID` is running.
    func started(_ requestID: String) async throws {
        try await events.first("handler of \(requestID) to start") { $0 == .started(requestID: requestID) }
    }

    /// Waits until the handler of the call with `requestID` has seen its task cancelled.
    func cancelled(_ requestID: String) async throws {
        try await events.first("handler of \(requestID) to be cancelled") { $0 == .cancelled(requestID: requestID) }
    }

    /// Waits until `count` handlers are running.
    func startedCount(atLeast count: Int) async throws {
        try await events.waitUntil("\(count) handlers to start") { events in
            events.count { if case .started = $0 { true } else { false } } >= count
        }
    }
}

/// Runs a call that must fail with `code`; returns its error for further checks.
@discardableResult
func expectRPCError<T>(
    _ code: StatusCode,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ call: () async throws -> T
) async -> RPCError? {
    do {
        let value = try await call()
        Issue.record("expected \(code), the call returned \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as RPCError {
        #expect(error.code == code, "got \(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected an RPCError \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

import CorridorRegistry
@testable import CorridorReplication
import CorridorStore
import CorridorTestSupport
import Logging
import Synchronization
import Testing

/// One PostgreSQL cluster for a whole suite: started before its first test,
/// stopped and removed after its last (even when tests fail). The suite's
/// tests reach it through `SharedCluster.current` and each makes its own
/// database, so no test sees another's tables.
struct PostgresClusterTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await PostgresTestCluster.with { cluster in
            try await SharedCluster.$current.withValue(cluster) {
                try await function()
            }
        }
    }
}

extension Trait where Self == PostgresClusterTrait {
    /// A private PostgreSQL for the suite (PostgresTestCluster).
    static var postgresCluster: Self { Self() }
}

enum SharedCluster {
    @TaskLocal static var current: PostgresTestCluster?

    private static let counter = Mutex(0)

    /// The suite's cluster; a test outside a `.postgresCluster` suite fails here.
    static var cluster: PostgresTestCluster {
        get throws {
            guard let current else { throw TestSupportError("this test needs its suite to have the .postgresCluster trait") }
            return current
        }
    }

    /// A database of its own in the suite's cluster, and its URL.
    static func freshDatabase(tcp: Bool = false) async throws -> (cluster: PostgresTestCluster, url: String, name: String) {
        let cluster = try cluster
        let number = counter.withLock { value in
            value += 1
            return value
        }
        let name = "test_\(number)"
        try await cluster.createDatabase(name)
        return (cluster, tcp ? cluster.tcpURL(database: name) : cluster.socketURL(database: name), name)
    }
}

/// A store on `url` that logs nothing.
func makeStore(_ url: String) throws -> ReplicaStore {
    ReplicaStore(location: try PostgresLocation(parsing: url), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
}

/// The key file id the tests prepare stores with.
let testKeyID: [UInt8] = Array(0..<16)

/// Events `range`, each with its own payload (its sequence and `salt`
/// spelled into bytes, so a changed salt changes every payload) and a
/// nanosecond-exact time.
func makeEvents(_ range: ClosedRange<UInt64>, salt: String = "") -> [ReplicatedEvent] {
    range.map { sequence in
        let payload = Array("event \(sequence) \(salt) ".utf8) + [0, 0xFF, UInt8(truncatingIfNeeded: sequence)]
        return ReplicatedEvent(
            sequence: sequence, recordedAtNs: 1_780_000_000_123_456_789 + sequence * 1_001, recordType: UInt16(100 + sequence % 7),
            typeName: "CaseRegistered", actor: "operator (uid \(1000 + sequence))", payload: payload,
            payloadChecksum: CRC32C.checksum(payload)
        )
    }
}

/// `body`'s refusal, or a failed expectation when it did not throw one.
func replicaError(
    _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
) async -> ReplicaStoreError? {
    do {
        try await body()
        Issue.record("expected a ReplicaStoreError, but it succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as ReplicaStoreError {
        return error
    } catch {
        Issue.record("expected a ReplicaStoreError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// What `body` returned or the ReplicaStoreError it threw.
/// Any other error fails the test.
func outcome<T: Sendable>(
    _ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
) async -> Result<T, ReplicaStoreError> {
    do {
        return .success(try await body())
    } catch let error as ReplicaStoreError {
        return .failure(error)
    } catch {
        Issue.record("expected a ReplicaStoreError, got \(error)", sourceLocation: sourceLocation)
        return .failure(ReplicaStoreError(.refused, "\(error)"))
    }
}

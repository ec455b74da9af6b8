import CorridorTestSupport

/// The built corridorctl, run with TestProcess.
enum Corridorctl {
    /// Runs corridorctl to completion and collects what it printed. Without
    /// CORRIDOR_SOCKET from the test runner's environment; `environment` adds
    /// to or changes the rest.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessOutcome {
        var changes: [String: String?] = ["CORRIDOR_SOCKET": nil]
        for (name, value) in environment { changes[name] = value }
        return try await TestProcess.run(TestProcess.builtProduct("corridorctl"), arguments, environment: changes)
    }
}

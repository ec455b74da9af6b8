import Foundation
import Testing

/// Runs the built corridorctl and collects what it printed.
struct CorridorctlRun {
    let status: Int32
    let stdout: String
    let stderr: String

    static let binary: URL = {
        // Tests run from the build products directory that also holds corridorctl.
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = products.appendingPathComponent("corridorctl")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/corridorctl")
    }()

    /// Runs corridorctl without holding a thread of the cooperative pool:
    /// an in-process server's async handlers need those threads to answer it.
    static func launch(_ arguments: [String], environment: [String: String] = [:]) async throws -> CorridorctlRun {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try run(arguments, environment: environment) })
            }
        }
    }

    /// Runs corridorctl, blocking the calling thread until it exits: for tests
    /// without an in-process server.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CorridorctlRun {
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "corridorctl is not built at \(binary.path); run `swift build` first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["CORRIDOR_SOCKET"] = nil
        merged.merge(environment) { $1 }
        process.environment = merged
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain both pipes before waiting, so a chatty child cannot block on a full pipe.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CorridorctlRun(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }
}

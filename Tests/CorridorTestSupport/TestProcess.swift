import Foundation
import Subprocess
import SystemPackage

/// How a program ended and what it printed.
public struct ProcessOutcome: Sendable {
    /// The exit code, or 128 + the number of the signal that ended it (as a shell reports it).
    public let status: Int32
    public let stdout: String
    /// Empty when stderr went into stdout (`combiningOutput`).
    public let stderr: String
    /// The program and its arguments, for messages.
    public let command: String

    /// Everything it printed: stdout, then stderr.
    public var output: String { stdout + stderr }

    /// The command, its status and both outputs, for a failing expectation.
    public var transcript: String { "$ \(command)\nexit status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs programs for tests with swift-subprocess: the one way the test
/// targets start a process. A run waits without holding a thread, so an
/// in-process server's handlers keep the cooperative pool while a program
/// talks to them; the program's stdin is /dev/null, descriptors beyond 2 are
/// closed in it and its signal mask and dispositions are a fresh process's.
public enum TestProcess {
    /// The package root, found from this file: Tests/CorridorTestSupport/<file>.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `executable` (a path) to completion and collects its output.
    /// `environment` changes this process's environment for it: a nil value
    /// removes the variable. `combiningOutput` sends stderr into stdout, in
    /// the order it was written.
    public static func run(
        _ executable: String,
        _ arguments: [String] = [],
        environment: [String: String?] = [:],
        combiningOutput: Bool = false
    ) async throws -> ProcessOutcome {
        // Every corridorctl a test starts waits up to ten minutes for an
        // answer unless the test says otherwise: the tests check what a call
        // answers, not how fast, and on a busy machine (two CPU hogs, a
        // release build, fsyncs queued behind other tests) a write can take
        // longer than the interactive default of 10 s; under a sanitizer,
        // ten minutes stretched by TestDeadline. A test about timeouts
        // passes --timeout, which wins.
        var environment = environment
        if environment["CORRIDOR_TIMEOUT"] == nil { environment["CORRIDOR_TIMEOUT"] = "\(TestDeadline.scaledSeconds(.seconds(600)))" }
        let configuration = Configuration(
            executable: .path(FilePath(executable)),
            arguments: Arguments(arguments),
            environment: try environmentChanged(by: environment)
        )
        let command = ([executable] + arguments).joined(separator: " ")
        if combiningOutput {
            let result = try await Subprocess.run(configuration, output: .bytes(limit: .max), error: .combinedWithOutput)
            return ProcessOutcome(
                status: status(result.terminationStatus), stdout: String(decoding: result.standardOutput, as: UTF8.self),
                stderr: "", command: command
            )
        }
        let result = try await Subprocess.run(configuration, output: .bytes(limit: .max), error: .bytes(limit: .max))
        return ProcessOutcome(
            status: status(result.terminationStatus), stdout: String(decoding: result.standardOutput, as: UTF8.self),
            stderr: String(decoding: result.standardError, as: UTF8.self), command: command
        )
    }

    /// A program from PATH or the usual system directories; a missing one is
    /// an error with `hint` (what to install), so the test fails, never skips.
    public static func tool(_ name: String, hint: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        for directory in directories {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestSupportError("\(name) is not installed. \(hint)")
    }

    /// A product of this package (corridord, corridorctl): the environment
    /// variable `override` when set, then the build products directory that
    /// holds the test bundle (`swift build --build-tests` links every product
    /// there), then .build/debug under the package root.
    public static func builtProduct(_ name: String, override: String? = nil) throws -> String {
        var candidates: [String] = []
        if let override, let given = ProcessInfo.processInfo.environment[override], !given.isEmpty {
            candidates.append(given)
        }
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            // .build/x86_64-unknown-linux-gnu/debug/CorridorPackageTests.xctest
            candidates.append(URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name).path)
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(name).path)
        candidates.append(packageRoot.appendingPathComponent(".build/debug/\(name)").path)
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestSupportError(
                "\(name) is not built; looked at:\n  " + candidates.joined(separator: "\n  ")
                    + "\nRun `swift build --build-tests` first\(override.map { " (or set \($0))" } ?? "")."
            )
        }
        return URL(fileURLWithPath: found).standardizedFileURL.path
    }

    /// Tests/Interop/hxl_check.py (needs python3 and libhxl: `make test`
    /// installs them) over `arguments`, with its output combined.
    public static func hxlCheck(_ arguments: [String]) async throws -> ProcessOutcome {
        let python = ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"
        return try await run("/usr/bin/env", [python, packageRoot.appendingPathComponent("Tests/Interop/hxl_check.py").path] + arguments, combiningOutput: true)
    }

    static func environmentChanged(by changes: [String: String?]) throws -> Subprocess.Environment {
        var updates: [Subprocess.Environment.Key: String?] = [:]
        for (name, value) in changes {
            guard let key = Subprocess.Environment.Key(rawValue: name) else {
                throw TestSupportError("\(name) cannot be the name of an environment variable")
            }
            updates[key] = value
        }
        return .inherit.updating(updates)
    }

    /// The exit code, or 128 + the signal number.
    static func status(_ termination: TerminationStatus) -> Int32 {
        switch termination {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }
}

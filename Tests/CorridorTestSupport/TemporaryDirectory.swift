import Foundation
import Glibc

/// A fresh, empty directory made by mkdtemp as `/tmp/corridor-test-XXXXXX`: short,
/// so socket paths inside it stay far below AF_UNIX's 107 bytes, and private
/// (mode 0700). The one way the test targets make scratch directories;
/// `remove()` deletes it with everything in it.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init() throws {
        var template = Array("/tmp/corridor-test-XXXXXX".utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw TestSupportError("mkdtemp /tmp/corridor-test-XXXXXX failed: errno \(errno)")
        }
        path = String(cString: created)
    }

    private init(path: String) {
        self.path = path
    }

    /// A new directory `name` inside this one (mode 0700), removed with it:
    /// for a second process that needs its own scratch files beside the first's.
    public func subdirectory(_ name: String) throws -> TemporaryDirectory {
        guard mkdir(file(name), 0o700) == 0 else { throw TestSupportError("mkdir \(file(name)) failed: errno \(errno)") }
        return TemporaryDirectory(path: file(name))
    }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    public func write(_ name: String, _ text: String) throws {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A fresh temporary directory's path (see TemporaryDirectory); the caller removes it.
public func makeTemporaryDirectory() throws -> String {
    try TemporaryDirectory().path
}

/// A fresh temporary directory, removed after `body` whether it returned or threw.
public func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try await body(directory.path)
}

/// A failure of the test support itself (a scratch directory, a program that
/// cannot be found or started), with a message that says what to do.
public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

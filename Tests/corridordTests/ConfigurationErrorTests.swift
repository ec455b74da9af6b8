import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// A bad configuration file stops corridord at start with a message that
/// names the file and what is wrong in it, and a non-zero exit status
/// (systemd then reports the unit failed instead of restarting a daemon
/// that serves with settings nobody wrote).
@Suite("corridord configuration errors")
struct ConfigurationErrorTests {
    struct BadFile: CustomTestStringConvertible, Sendable {
        let name: String
        let contents: String
        /// Fragments the error must contain, besides the file's path.
        let mentions: [String]
        var testDescription: String { name }
    }

    static let badFiles = [
        BadFile(name: "invalid JSON", contents: #"{"logLevel": "info""#, mentions: ["not valid JSON"]),
        BadFile(name: "socketMode not octal", contents: #"{"socketMode": "999"}"#, mentions: ["socketMode", "999"]),
        BadFile(name: "socketMode beyond 0777", contents: #"{"socketMode": "4777"}"#, mentions: ["socketMode", "4777"]),
        BadFile(name: "maxFrameBytes too small", contents: #"{"limits": {"maxFrameBytes": 10}}"#, mentions: ["limits.maxFrameBytes", "1024"]),
        BadFile(name: "unknown logLevel", contents: #"{"logLevel": "loud"}"#, mentions: ["logLevel", "loud"]),
        BadFile(name: "logLevel of the wrong type", contents: #"{"logLevel": 5}"#, mentions: ["logLevel"]),
        BadFile(name: "low water above high water", contents: #"{"limits": {"outputLowWaterBytes": 2000000}}"#, mentions: ["limits.outputLowWaterBytes"]),
        // Valid JSON whose number does not fit the field (UInt32).
        BadFile(name: "negative maxFrameBytes", contents: #"{"limits": {"maxFrameBytes": -1}}"#, mentions: ["maxFrameBytes"]),
        // Issue 8, finding 4: misspelled keys were ignored silently, at every level.
        BadFile(name: "misspelled store key", contents: #"{"store": {"segmentByte": 65536}}"#,
                mentions: ["unknown key `store.segmentByte`; did you mean `segmentBytes`?", "line 1, column 12"]),
        BadFile(name: "misspelled limits key", contents: "{\n  \"limits\": {\"maxFrameByte\": 4096}\n}",
                mentions: ["unknown key `limits.maxFrameByte`; did you mean `maxFrameBytes`?", "line 2"]),
        BadFile(name: "misspelled top-level key", contents: #"{"dataDir": "/x"}"#, mentions: ["unknown key `dataDir`", "`dataDirectory`"]),
        BadFile(name: "invalid JSON with its position", contents: "{\n\"logLevel\": \"info\",,\n}", mentions: ["not valid JSON", "line 2, column"]),
        BadFile(name: "NUL in a path", contents: #"{"dataDirectory": "/tmp/x\u0000y"}"#, mentions: ["`dataDirectory`", "NUL"]),
        // Issue 8, finding 3: a world-accessible socket was accepted silently.
        BadFile(name: "socketMode open to everyone", contents: #"{"socketMode": "0666"}"#, mentions: ["`socketMode`", "0666", "other users"]),
    ]

    @Test("a bad --config file: non-zero exit, the file and the field named", arguments: badFiles)
    func badFile(_ bad: BadFile) async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        try scratch.write("corridord.json", bad.contents)
        let config = scratch.file("corridord.json")
        let socket = scratch.file("d.sock")
        let daemon = try await DaemonProcess(["--config", config, "--socket", socket, "--data-dir", scratch.file("data")])
        defer { daemon.kill() }

        let exitStatus = await daemon.waitForExit()
        let stderr = try await daemon.stderrAfterExit()
        #expect(exitStatus != 0 && exitStatus < 128, "exit status \(exitStatus):\n\(stderr)")
        #expect(stderr.contains(config), "the error does not name \(config):\n\(stderr)")
        for fragment in bad.mentions {
            #expect(stderr.contains(fragment), "the error does not mention '\(fragment)':\n\(stderr)")
        }
        #expect(UnixSocket.kind(socket) == "missing", "it listened despite the bad configuration")
    }

    @Test("a --config path that does not exist: non-zero exit and a clear message")
    func missingFile() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let config = scratch.file("absent.json")
        let daemon = try await DaemonProcess(["--config", config, "--socket", scratch.file("d.sock"), "--data-dir", scratch.file("data")])
        defer { daemon.kill() }
        let exitStatus = await daemon.waitForExit()
        let stderr = try await daemon.stderrAfterExit()
        #expect(exitStatus != 0 && exitStatus < 128, "exit status \(exitStatus):\n\(stderr)")
        #expect(stderr.contains("cannot read configuration file \(config): No such file or directory"), "\(stderr)")
        #expect(!stderr.contains("CocoaError"), "\(stderr)")
    }

    @Test("a data directory that cannot be created: one sentence with the path and the reason, no error dump")
    func dataDirectoryCannotBeCreated() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        try scratch.write("plain", "a file, not a directory")
        let data = scratch.file("plain/data")
        let daemon = try await DaemonProcess(["--socket", scratch.file("d.sock"), "--data-dir", data])
        defer { daemon.kill() }
        let exitStatus = await daemon.waitForExit()
        let stderr = try await daemon.stderrAfterExit()
        #expect(exitStatus != 0 && exitStatus < 128, "exit status \(exitStatus):\n\(stderr)")
        #expect(stderr.contains("cannot create the data directory \(data): Not a directory"), "\(stderr)")
        #expect(!stderr.contains("CocoaError") && !stderr.contains("Error Domain"), "\(stderr)")
    }

    @Test("a configuration file that is a directory: one sentence")
    func configurationIsADirectory() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await DaemonProcess(["--config", scratch.path, "--socket", scratch.file("d.sock"), "--data-dir", scratch.file("data")])
        defer { daemon.kill() }
        let exitStatus = await daemon.waitForExit()
        let stderr = try await daemon.stderrAfterExit()
        #expect(exitStatus != 0 && exitStatus < 128, "exit status \(exitStatus):\n\(stderr)")
        #expect(stderr.contains("cannot read configuration file \(scratch.path): it is not a regular file"), "\(stderr)")
    }

    @Test("an unknown --log-level is refused by the argument parser")
    func badLogLevelFlag() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await DaemonProcess(["--log-level", "loud", "--socket", scratch.file("d.sock"), "--data-dir", scratch.file("data")])
        defer { daemon.kill() }
        let exitStatus = await daemon.waitForExit()
        let stderr = try await daemon.stderrAfterExit()
        #expect(exitStatus != 0 && exitStatus < 128, "exit status \(exitStatus):\n\(stderr)")
        #expect(stderr.contains("log-level"), "\(stderr)")
        #expect(UnixSocket.kind(scratch.file("d.sock")) == "missing")
    }
}

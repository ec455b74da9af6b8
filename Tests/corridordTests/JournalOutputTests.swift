import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// corridord's log lines: `<N>` priority prefixes when stderr is the stream
/// JOURNAL_STREAM names (as under systemd), timestamps and level words
/// otherwise.
@Suite("corridord log format")
struct JournalOutputTests {
    /// "<st_dev>:<st_ino>" of `path`, as systemd formats JOURNAL_STREAM.
    private static func journalStream(of path: String) throws -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { throw DaemonTestError("stat \(path): errno \(errno)") }
        return "\(UInt64(status.st_dev)):\(UInt64(status.st_ino))"
    }

    /// Runs corridord with stderr appended to `log` through a start, a good
    /// reload, a failed reload and SIGTERM; returns the log's lines.
    private static func runThroughLifecycle(log: String, environment: [String: String], scratch: TemporaryDirectory) async throws -> [String] {
        let config = scratch.file("c.json")
        try scratch.write("c.json", #"{"logLevel": "info"}"#)
        let daemon = try await Harness.startReady(
            ["--config", config, "--socket", scratch.file("d.sock"), "--data-dir", scratch.file("data")],
            environment: environment, stderr: .file(log), in: scratch
        )
        defer { daemon.process.kill() }
        for contents in [#"{"logLevel": "info"}"#, "{ broken"] {
            try scratch.write("c.json", contents)
            try await daemon.reload()
        }
        let exitStatus = await Harness.stop(daemon.process)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(exitStatus == 0, "exit status \(exitStatus):\n\(text)")
        #expect(text.hasSuffix("\n"), "the last line is not terminated:\n\(text)")
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test("stderr is the journal stream: every line starts with its syslog priority")
    func journalPrefixes() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let log = scratch.file("stderr.log")
        try scratch.write("stderr.log", "")
        let lines = try await Self.runThroughLifecycle(
            log: log, environment: ["JOURNAL_STREAM": try Self.journalStream(of: log)], scratch: scratch
        )
        let text = lines.joined(separator: "\n")
        for line in lines {
            #expect(line.wholeMatch(of: #/<[0-7]>\S.*/#) != nil, "no priority prefix: '\(line)'")
        }
        #expect(lines.contains { $0.hasPrefix("<6>starting ") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("<6>ready ") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("<5>configuration reloaded ") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("<3>reload failed") }, "\(text)")
        #expect(lines.contains { $0 == "<6>stopping" }, "\(text)")
        // The journal adds its own timestamps; none in the line.
        #expect(!lines.contains { $0.contains(#/\d{4}-\d{2}-\d{2}T/#) && $0.hasPrefix("<6>starting") }, "\(text)")
    }

    @Test("without JOURNAL_STREAM lines start with an ISO timestamp and the level", arguments: [false, true])
    func terminalFormat(journalStreamNamesAnotherFile: Bool) async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let log = scratch.file("stderr.log")
        try scratch.write("stderr.log", "")
        var environment: [String: String] = [:]
        if journalStreamNamesAnotherFile {
            // Inherited from a parent whose stderr was the journal, but ours
            // was redirected: no prefixes (systemd.exec(5), $JOURNAL_STREAM).
            try scratch.write("other.log", "")
            environment["JOURNAL_STREAM"] = try Self.journalStream(of: scratch.file("other.log"))
        }
        let lines = try await Self.runThroughLifecycle(log: log, environment: environment, scratch: scratch)
        let text = lines.joined(separator: "\n")
        let pattern = #/(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z (trace|debug|info|notice|warning|error|critical) corridord: \S.*/#
        for line in lines {
            #expect(line.wholeMatch(of: pattern) != nil, "not '<ISO timestamp> <level> corridord: …': '\(line)'")
        }
        #expect(lines.contains { $0.contains(" info corridord: starting ") }, "\(text)")
        #expect(lines.contains { $0.contains(" notice corridord: configuration reloaded ") }, "\(text)")
        #expect(lines.contains { $0.contains(" error corridord: reload failed") }, "\(text)")
        #expect(!lines.contains { $0.hasPrefix("<") }, "\(text)")
    }
}

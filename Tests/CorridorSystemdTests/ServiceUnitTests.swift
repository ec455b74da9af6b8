import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// What corridord.service promises that systemd-analyze cannot check, found
/// running it under systemd 252 in a minimal Debian (scripts/test-systemd
/// shows each in a real container): a reload must not need procps, a
/// watchdog abort must end the process at once, and libdispatch's
/// setpriority must not be refused.
@Suite("corridord.service")
struct ServiceUnitTests {
    static let unitPath = TestProcess.packageRoot.appendingPathComponent("systemd/corridord.service").path

    /// /bin/kill comes from procps, which minimal Debian installs lack
    /// (203/EXEC on `systemctl reload`); a shell's builtin kill is always
    /// there. The command is run as systemd would run it, with MAINPID set
    /// and a PATH where no kill(1) can be found, against a process that
    /// SIGHUP ends.
    @Test("ExecReload= delivers SIGHUP to $MAINPID with the shell's builtin kill, no procps needed")
    func reloadNeedsNoProcps() async throws {
        let unit = try UnitText(path: Self.unitPath)
        let reload = try #require(unit.values("ExecReload").last, "no ExecReload= in \(Self.unitPath)")
        let target = try await RunningProcess(executable: "/bin/sleep", ["600"])
        defer { target.kill() }
        let argv = try SystemdCommandLine.split(reload, environment: ["MAINPID": "\(target.pid)"])
        let executable = try #require(argv.first)
        #expect(["/bin/sh", "/usr/bin/sh"].contains(executable), "ExecReload= runs \(executable), not the shell every Debian has")

        let outcome = try await TestProcess.run(
            executable, Array(argv.dropFirst()), environment: ["MAINPID": "\(target.pid)", "PATH": "/nonexistent"]
        )
        #expect(outcome.status == 0, "\(outcome)")
        #expect(await target.waitForExit() == 128 + SIGHUP, "the process named by MAINPID did not get SIGHUP")
    }

    /// On the watchdog's SIGABRT the Swift runtime's backtracer starts; under
    /// MemoryDenyWriteExecute=yes it cannot run and the process lingers until
    /// the abort timeout (measured: 83 s instead of 30). Here, without the
    /// sandbox, it takes minutes to symbolicate a debug build instead. The
    /// unit's SWIFT_BACKTRACE must be a value the runtime understands as
    /// "off": corridord then dies of the SIGABRT itself.
    @Test("the unit's SWIFT_BACKTRACE turns the backtracer off: SIGABRT ends corridord at once")
    func abortIsNotHeldUpByTheBacktracer() async throws {
        let unit = try UnitText(path: Self.unitPath)
        let setting = try #require(
            unit.environment["SWIFT_BACKTRACE"], "no Environment=SWIFT_BACKTRACE=… in \(Self.unitPath)"
        )
        #expect(setting.split(separator: ",").contains("enable=no"), "SWIFT_BACKTRACE=\(setting)")

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let daemon = try await RunningProcess(
            executable: try TestProcess.builtProduct("corridord", override: "CORRIDORD_BINARY"),
            ["--socket", directory.path + "/s", "--data-dir", directory.path + "/data"],
            environment: [
                "SWIFT_BACKTRACE": setting, "NOTIFY_SOCKET": nil, "WATCHDOG_USEC": nil, "LISTEN_FDS": nil,
                "JOURNAL_STREAM": nil, "CORRIDOR_SOCKET": nil,
            ]
        )
        defer { daemon.kill() }
        _ = try await daemon.stderr.line(where: { $0.contains(" ready ") })
        daemon.signal(SIGABRT)
        // A SIGKILL from the safety timeout (137) would mean the backtracer held it.
        #expect(await daemon.waitForExit() == 128 + SIGABRT)
        let stderr = try await daemon.stderrAfterExit()
        #expect(!stderr.contains("Backtracing") && !stderr.contains("Program crashed"), "\(stderr)")
    }

    /// Belt and braces for the watchdog: whatever the process does on
    /// SIGABRT, systemd sends SIGKILL after TimeoutAbortSec=, not after the
    /// 60 s TimeoutStopSec= that draining needs.
    @Test("TimeoutAbortSec= is set and shorter than TimeoutStopSec=")
    func abortTimeout() throws {
        let unit = try UnitText(path: Self.unitPath)
        let abort = try #require(unit.values("TimeoutAbortSec").last.flatMap(UnitText.seconds), "no TimeoutAbortSec=")
        let stop = try #require(unit.values("TimeoutStopSec").last.flatMap(UnitText.seconds), "no TimeoutStopSec=")
        #expect(abort > 0 && abort < stop, "TimeoutAbortSec=\(abort)s, TimeoutStopSec=\(stop)s")
    }

    /// libdispatch calls setpriority for its worker threads; @resources
    /// refuses it and libdispatch logs every refusal (34 lines in 5 minutes).
    /// Without capabilities the call can only lower the daemon's own
    /// priority, so the unit allows it again after removing @resources;
    /// systemd merges the lines in order, later ones winning.
    @Test("setpriority is allowed again after SystemCallFilter=~… @resources")
    func setpriorityAllowed() throws {
        let filters = try UnitText(path: Self.unitPath).values("SystemCallFilter")
        let resourcesRemoved = try #require(
            filters.lastIndex { $0.hasPrefix("~") && $0.split(separator: " ").contains("@resources") },
            "\(filters)"
        )
        let allowed = filters.lastIndex { !$0.hasPrefix("~") && $0.split(separator: " ").contains("setpriority") }
        #expect(allowed.map { $0 > resourcesRemoved } == true, "setpriority is not allowed after the @resources removal: \(filters)")
        let removedAgain = filters.lastIndex { $0.hasPrefix("~") && $0.split(separator: " ").contains("setpriority") }
        #expect(removedAgain.map { $0 < (allowed ?? 0) } ?? true, "\(filters)")
    }
}

// MARK: - Reading unit files

/// The assignments of a systemd unit file, in order; enough of
/// systemd.syntax(7) for the unit files in systemd/ (no line continuations).
struct UnitText {
    let assignments: [(key: String, value: String)]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        assignments = text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), !trimmed.hasPrefix(";"), !trimmed.hasPrefix("["),
                  let equals = trimmed.firstIndex(of: "=") else { return nil }
            return (String(trimmed[..<equals]), String(trimmed[trimmed.index(after: equals)...]))
        }
    }

    func values(_ key: String) -> [String] {
        assignments.filter { $0.key == key }.map(\.value)
    }

    /// Environment= lines, later assignments winning.
    var environment: [String: String] {
        var result: [String: String] = [:]
        for line in values("Environment") {
            for word in (try? SystemdCommandLine.split(line, environment: [:])) ?? [] {
                guard let equals = word.firstIndex(of: "=") else { continue }
                result[String(word[..<equals])] = String(word[word.index(after: equals)...])
            }
        }
        return result
    }

    /// A time span such as "10s", "5min", "90" (seconds), or nil.
    static func seconds(_ span: String) -> Double? {
        let units: [(String, Double)] = [("min", 60), ("ms", 0.001), ("s", 1), ("h", 3600)]
        for (suffix, factor) in units where span.hasSuffix(suffix) {
            return Double(span.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(span)
    }
}

/// systemd's splitting of an Exec*= line into words (systemd.service(5),
/// "Command lines"): whitespace separates words, single and double quotes
/// group them, "$$" is a literal "$", "${NAME}" anywhere and "$NAME" as a
/// whole word are replaced from `environment`.
enum SystemdCommandLine {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func split(_ line: String, environment: [String: String]) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var characters = line[...]
        while let character = characters.popFirst() {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                inWord = true
            case " ", "\t":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        if quote != nil { throw Malformed(description: "unbalanced quote in: \(line)") }
        if inWord { words.append(current) }
        return try words.map { try substitute($0, environment: environment) }
    }

    private static func substitute(_ word: String, environment: [String: String]) throws -> String {
        if word.hasPrefix("$"), !word.hasPrefix("$$"), !word.hasPrefix("${") {
            return environment[String(word.dropFirst())] ?? ""
        }
        var result = ""
        var rest = word[...]
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("$") {
                result += "$"
                rest = after.dropFirst()
            } else if after.hasPrefix("{"), let close = after.firstIndex(of: "}") {
                result += environment[String(after[after.index(after: after.startIndex)..<close])] ?? ""
                rest = after[after.index(after: close)...]
            } else {
                result += "$"
                rest = after
            }
        }
        return result + rest
    }
}

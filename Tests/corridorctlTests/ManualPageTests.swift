import CorridorTestSupport
import Foundation
import Testing

/// The manual pages and shell completions `make man` and `make install` put in
/// place (scripts/generate-man, scripts/install-service), generated here from
/// the built corridorctl: a subcommand added without its page, its section or
/// its completion fails, and nothing is compared with a committed copy that
/// could go stale.
@Suite struct ManualPageTests {
    /// Every command path under corridorctl, from `--experimental-dump-help`,
    /// without argument-parser's `help` (which is --help, and has no page).
    static func commandPaths() async throws -> [[String]] {
        let run = try await Corridorctl.run(["--experimental-dump-help"])
        try #require(run.status == 0, "\(run.stderr)")
        let dump = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        var paths: [[String]] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                paths.append(path + [name])
                walk(sub, path + [name])
            }
        }
        walk(try #require(dump["command"] as? [String: Any]), [])
        return paths
    }

    static func builtBinaries() throws -> String {
        URL(fileURLWithPath: try TestProcess.builtProduct("corridorctl")).deletingLastPathComponent().path
    }

    /// Runs scripts/generate-man --completions-only into `output` with the built binaries.
    static func generateCompletions(into output: String) async throws {
        let script = TestProcess.packageRoot.appendingPathComponent("scripts/generate-man").path
        let run = try await TestProcess.run(script, ["--completions-only", output], environment: ["BIN_DIR": try builtBinaries()])
        try #require(run.status == 0, "\(run.transcript)")
    }

    /// Runs scripts/install-service with the built binaries, staged into `destination`.
    static func install(into destination: String) async throws {
        guard let tool = try? TestProcess.builtProduct("generate-manual", override: "GENERATE_MANUAL") else {
            throw TestSupportError(
                "swift-argument-parser's generate-manual is not built: run `swift build --product generate-manual` (make test does)."
            )
        }
        var environment: [String: String?] = [
            "BIN_DIR": try builtBinaries(), "GENERATE_MANUAL": tool, "DESTDIR": destination, "MAN_DATE": "2026-01-01",
        ]
        for unset in ["PREFIX", "UNIT_DIR", "SYSUSERS_DIR", "TMPFILES_DIR"] { environment[unset] = .some(nil) }
        let script = TestProcess.packageRoot.appendingPathComponent("scripts/install-service").path
        let run = try await TestProcess.run(script, [], environment: environment)
        try #require(run.status == 0, "\(run.transcript)")
    }

    /// The subcommands a page has a section for: generate-manual's `.It Em
    /// NAME` lines, `.It Em "ls, list"` for a command with aliases.
    static func sectionNames(_ page: String) -> Set<String> {
        var names: Set<String> = []
        for line in page.split(separator: "\n") where line.hasPrefix(".It Em ") {
            let label = line.dropFirst(".It Em ".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            names.formUnion(label.components(separatedBy: ", "))
        }
        return names
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// As installed: scripts/install-service generates the pages and
    /// completions from the binaries it installs.
    @Test func everySubcommandHasAnInstalledPageOrASectionInItsGroupsPage() async throws {
        let paths = try await Self.commandPaths()
        #expect(paths.contains(["movement", "manifest", "add"]), "the dump has no nested subcommands: \(paths)")
        try await withTemporaryDirectory { destination in
            try await Self.install(into: destination)
            let share = destination + "/usr/local/share"
            for completion in ["bash-completion/completions/corridorctl", "zsh/site-functions/_corridorctl", "fish/vendor_completions.d/corridorctl.fish"] {
                let script = try Self.read(share + "/" + completion)
                #expect(script.contains("corridorctl") && script.contains("inspect"), "\(completion) is not corridorctl's completion")
            }
            let man1 = share + "/man/man1"
            let top = try Self.read(man1 + "/corridorctl.1")
            var pages: [String: String] = [:]
            for path in paths {
                let group = path[0]
                let file = man1 + "/corridorctl-\(group).1"
                guard let page = try pages[group] ?? (FileManager.default.fileExists(atPath: file) ? Self.read(file) : nil) else {
                    Issue.record("corridorctl \(group) has no page corridorctl-\(group).1")
                    continue
                }
                pages[group] = page
                #expect(page.contains(".Dt CORRIDORCTL-\(group.uppercased()) 1"), "corridorctl-\(group).1 has the wrong title")
                #expect(top.contains(".Xr corridorctl-\(group) 1"), "corridorctl(1) does not refer to corridorctl-\(group)(1)")
                let sections = Self.sectionNames(page)
                for name in path.dropFirst() {
                    #expect(sections.contains(name), "corridorctl-\(group).1 has no section for `corridorctl \(path.joined(separator: " "))`")
                }
            }
            let written = try FileManager.default.contentsOfDirectory(atPath: man1).sorted()
            let expected = (["corridorctl.1", "corridord.1"] + Set(paths.map(\.[0])).map { "corridorctl-\($0).1" }).sorted()
            #expect(written == expected)
            // The exit statuses (docs/CLI.md's table), the environment and the
            // files reach the top page, and no page keeps `help` as a command.
            for needed in ["NOT_FOUND", "64  usage", "CORRIDOR_SOCKET", "/run/corridor/corridord.sock", ".Xr corridord 1"] {
                #expect(top.contains(needed), "corridorctl.1 does not mention \(needed)")
            }
            for (group, page) in pages {
                #expect(!Self.sectionNames(page).contains("help"), "corridorctl-\(group).1 lists `help` as a subcommand")
            }
            let daemon = try Self.read(man1 + "/corridord.1")
            #expect(daemon.contains(".It Fl -data-dir") && daemon.contains("SIGHUP") && daemon.contains(".Xr corridorctl 1"))
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func everySubcommandIsInTheCompletionScript(shell: String) async throws {
        let paths = try await Self.commandPaths()
        try await withTemporaryDirectory { output in
            try await Self.generateCompletions(into: output)
            let file = switch shell {
            case "bash": output + "/completions/bash/corridorctl"
            case "zsh": output + "/completions/zsh/_corridorctl"
            default: output + "/completions/fish/corridorctl.fish"
            }
            let script = try Self.read(file)
            for path in paths {
                let found: Bool
                if shell == "fish" {
                    let parent = (["corridorctl"] + path.dropLast()).joined(separator: " ")
                    found = script.split(separator: "\n").contains { $0.contains("\"\(parent)\"") && $0.contains("-fa '\(path.last!)'") }
                } else {
                    found = script.contains("\n_corridorctl_\(path.joined(separator: "_"))() {\n")
                }
                #expect(found, "the \(shell) completion has no `corridorctl \(path.joined(separator: " "))`")
            }
            for daemonScript in ["bash/corridord", "zsh/_corridord", "fish/corridord.fish"] {
                #expect(FileManager.default.fileExists(atPath: output + "/completions/" + daemonScript))
            }
        }
    }

    /// `corridorctl li<TAB>` in bash, without a terminal: the completion
    /// function called as bash's programmable completion calls it.
    @Test(arguments: [
        (["li"], "list"),
        (["list", "se"], "select"),
        (["movement", "manifest", "a"], "add"),
    ])
    func bashCompletesAPrefixToTheCommand(words: [String], expected: String) async throws {
        let bash = try TestProcess.tool("bash", hint: "apt-get install bash")
        try await withTemporaryDirectory { output in
            try await Self.generateCompletions(into: output)
            let line = (["corridorctl"] + words).joined(separator: " ")
            let program = """
                source "$1"
                COMP_WORDS=(\(line))
                COMP_CWORD=\(words.count)
                COMP_LINE='\(line)'
                COMP_POINT=${#COMP_LINE}
                _corridorctl corridorctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let run = try await TestProcess.run(bash, ["-c", program, "bash", output + "/completions/bash/corridorctl"])
            #expect(run.status == 0, "\(run.transcript)")
            let offered = run.stdout.split(separator: "\n").map(String.init)
            #expect(offered.contains(expected), "`\(line)<TAB>` offered \(offered)")
        }
    }

    /// The operator commands docs/CLI.md names carry an example in their
    /// help, so their manual pages do.
    @Test(arguments: [
        ["case", "register"], ["list", "select"], ["movement", "plan"], ["watch"], ["inspect", "verify"], ["export"],
    ])
    func keyCommandsShowAnExample(path: [String]) async throws {
        let run = try await Corridorctl.run(path + ["--help"])
        #expect(run.status == 0, "\(run.transcript)")
        let example = try #require(run.stdout.range(of: "Example"), "corridorctl \(path.joined(separator: " ")) --help has no example")
        #expect(run.stdout[example.upperBound...].contains("corridorctl \(path.joined(separator: " ")) "), "the example does not run corridorctl \(path.joined(separator: " "))")
    }
}

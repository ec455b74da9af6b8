import CorridorTestSupport
import Foundation
import Testing

/// What `corridorctl … --help` says: each enum's values once, the exit status
/// table (the same as docs/CLI.md's), and nothing about developer commands.
@Suite struct HelpTextTests {
    /// One argument of `--experimental-dump-help`, where its command is.
    struct DumpedArgument {
        let command: String
        let names: [String]
        let abstract: String
        let values: [String]
        let shown: Bool
    }

    static func dumpedArguments() async throws -> [DumpedArgument] {
        let run = try await Corridorctl.run(["--experimental-dump-help"])
        try #require(run.status == 0, "\(run.stderr)")
        let dump = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        var found: [DumpedArgument] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                found.append(DumpedArgument(
                    command: path.joined(separator: " "), names: names, abstract: argument["abstract"] as? String ?? "",
                    values: argument["allValues"] as? [String] ?? [], shown: argument["shouldDisplay"] as? Bool ?? true
                ))
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + [sub["commandName"] as? String ?? "?"])
            }
        }
        walk(try #require(dump["command"] as? [String: Any]), [])
        return found
    }

    /// argument-parser lists an enum option's values itself ("(values: …)");
    /// a help text that lists them too shows them twice.
    @Test func noHelpTextListsTheValuesArgumentParserLists() async throws {
        let arguments = try await Self.dumpedArguments()
        #expect(arguments.contains { $0.values.count > 2 }, "the dump lists no values at all")
        for argument in arguments where argument.values.count >= 2 {
            let words = Set(argument.abstract.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.map(String.init))
            let listed = argument.values.filter { words.contains($0) }
            #expect(listed.count <= 1, "corridorctl \(argument.command) --\(argument.names.first ?? "?"): \"\(argument.abstract)\" lists \(listed) besides (values: …)")
        }
    }

    @Test func partyAddShowsEachKindOnce() async throws {
        let run = try await Corridorctl.run(["party", "add", "--help"])
        #expect(run.status == 0)
        for kind in ["government", "armed-group", "ngo"] {
            let count = run.stdout.components(separatedBy: kind).count - 1
            #expect(count == 1, "\(kind) appears \(count) times:\n\(run.stdout)")
        }
    }

    @Test func theTopLevelHelpHasTheExitStatusTableAndNoMakeRun() async throws {
        let run = try await Corridorctl.run(["--help"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("make run"), "\(run.stdout)")
        let table = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.range(of: #"^\d+  "#, options: .regularExpression) != nil }
        let numbers = table.compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(numbers == [0, 1] + Array(3...16) + [64], "\(run.stdout)")
        #expect(table.contains { $0.hasPrefix("5  NOT_FOUND") } && table.contains { $0.hasPrefix("6  ALREADY_EXISTS") }, "\(table)")
        // docs/CLI.md carries the same table: each status and its code name.
        let doc = try String(contentsOfFile: TestProcess.packageRoot.appendingPathComponent("docs/CLI.md").path, encoding: .utf8)
        for line in table {
            let number = line.prefix { $0.isNumber }
            let name = line.dropFirst(number.count).trimmingCharacters(in: .whitespaces).prefix { $0 != ":" }
            #expect(doc.contains("| \(number) | \(name)"), "docs/CLI.md has no row \"| \(number) | \(name)\"")
        }
    }
}

import CorridorTestSupport
import Foundation
import Testing

/// "Which party" is --by on every command; --imposed-by, --source and
/// --party (list approve/strike) still work, hidden from help.
@Suite struct PartySpellingTests {
    static let renamed: [(command: [String], old: String)] = [
        (["rule", "impose"], "--imposed-by"),
        (["rule", "list"], "--imposed-by"),
        (["export", "figures"], "--source"),
        (["list", "approve"], "--party"),
        (["list", "strike"], "--party"),
    ]

    @Test func helpShowsByAndNotTheOldSpelling() async throws {
        for (command, old) in Self.renamed {
            let help = try await Corridorctl.run(command + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("--by <party>"), "\(command): \(help.stdout)")
            #expect(!help.stdout.contains(old), "\(command) shows \(old):\n\(help.stdout)")
        }
        for command in [["window", "announce"], ["movement", "cargo", "remove"]] {
            let help = try await Corridorctl.run(command + ["--help"])
            #expect(help.stdout.contains("--by <"), "\(command): \(help.stdout)")
        }
    }

    @Test func theOldSpellingStillWorksAndBothAtOnceAreRefused() async throws {
        let server = try await InProcessServer.startWithRegistry()
        do {
            let socket = ["--socket", server.socketPath]
            _ = try await Corridorctl.run(["party", "add", "gov", "--short-name", "Government", "--kind", "government"] + socket)
            let rule = ["rule", "impose", "r-1", "--description", "no men", "--effect", "exclude", "--sex", "male"]
            let old = try await Corridorctl.run(rule + ["--imposed-by", "gov", "--json"] + socket)
            #expect(old.status == 0, "\(old.transcript)")
            #expect(old.stdout.contains("\"imposedBy\": \"gov\""), "\(old.stdout)")
            let new = try await Corridorctl.run(["rule", "impose", "r-2", "--description", "no boys", "--effect", "exclude", "--sex", "male", "--by", "gov"] + socket)
            #expect(new.status == 0, "\(new.transcript)")
            let both = try await Corridorctl.run(rule + ["--by", "gov", "--imposed-by", "gov"] + socket)
            #expect(both.status == 64, "\(both.transcript)")
            #expect(both.stderr.contains("--imposed-by is the old name of --by"), "\(both.stderr)")
            let neither = try await Corridorctl.run(rule + socket)
            #expect(neither.status == 64, "\(neither.transcript)")
            #expect(neither.stderr.contains("Missing expected argument '--by <party>'"), "\(neither.stderr)")

            let byOld = try await Corridorctl.run(["rule", "list", "--imposed-by", "nobody"] + socket)
            let byNew = try await Corridorctl.run(["rule", "list", "--by", "gov"] + socket)
            #expect(!byOld.stdout.contains("r-1") && byNew.stdout.contains("r-1") && byNew.stdout.contains("r-2"), "\(byOld.stdout)\n\(byNew.stdout)")

            // The old spelling parses: the list is missing (5), not the option (64).
            let approve = try await Corridorctl.run(["list", "approve", "l-none", "--party", "gov"] + socket)
            #expect(approve.status == 5, "\(approve.transcript)")
            let strike = try await Corridorctl.run(["list", "strike", "l-none", "c-1", "--by", "gov", "--reason", "r"] + socket)
            #expect(strike.status == 5, "\(strike.transcript)")
            let export = try await Corridorctl.run(["export", "figures", "--source", "gov", "--format", "json"] + socket)
            #expect(export.status == 0, "\(export.transcript)")
            let exportBoth = try await Corridorctl.run(["export", "figures", "--source", "gov", "--by", "gov"] + socket)
            #expect(exportBoth.status == 64, "\(exportBoth.transcript)")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}

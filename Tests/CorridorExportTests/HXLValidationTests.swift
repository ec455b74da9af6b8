import CorridorExport
import CorridorModel
import CorridorWire
import Foundation
import Testing

/// Runs Tests/Interop/hxl_check.py (libhxl, against docs/hxl/schema-KIND.csv
/// and libhxl's default schema) over exports written from constructed records.
/// libhxl must be installed (`pip install -r Tests/Interop/requirements.txt`;
/// `make test` does it): without it these tests fail rather than pass unchecked.
@Suite struct HXLValidationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The check's exit status and output for `kind=file` arguments. Python
    /// and libhxl take seconds to start: the wait is on a thread of its own,
    /// not on one of the few threads every other async test shares.
    static func check(_ files: [(String, String)]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try checkBlocking(files) }) }.start()
        }
    }

    private static func checkBlocking(_ files: [(String, String)]) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-hxl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var arguments = [root.appendingPathComponent("Tests/Interop/hxl_check.py").path]
        for (kind, text) in files {
            let path = directory.appendingPathComponent("\(kind)-\(arguments.count).csv").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            arguments.append("\(kind)=\(path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func libhxlValidatesEveryKindOfExport() async throws {
        let result = try await Self.check([
            ("cases", CaseExport.hxl(Samples.cases)),
            ("lists", ListExport.hxl([Samples.list, Samples.emptyList])),
            ("movements", MovementExport.hxl(Samples.movements)),
            ("figures", FigureExport.hxl(Samples.figures)),
        ])
        #expect(result.status == 0, "hxl_check.py failed:\n\(result.output)")
        #expect(result.output.contains("4 files, 0 errors, 0 warnings"), "\(result.output)")
    }

    @Test func theCheckRefusesACaseExportWithPersonalData() async throws {
        // The same export with a contact column added by hand.
        var lines = CaseExport.hxl(Samples.cases).components(separatedBy: "\r\n")
        lines[0] += ",Phone"
        lines[1] += ",#contact+phone"
        lines[2] += ",+963 11 555 0101"
        let result = try await Self.check([("cases", lines.joined(separator: "\r\n"))])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("#contact"), "\(result.output)")
    }

    @Test func theCheckRefusesValuesOutsideTheSchema() async throws {
        let text = CaseExport.hxl(Samples.cases).replacingOccurrences(of: ",URGENT,", with: ",VERY_URGENT,")
        let result = try await Self.check([("cases", text)])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("#indicator+precedence"), "\(result.output)")
    }
}

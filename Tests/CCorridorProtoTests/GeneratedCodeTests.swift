import CorridorTestSupport
import Foundation
import Testing

/// The protoc-c output in Sources/CCorridorProto is committed; these tests
/// fail when it no longer matches proto/ (edited by hand, or a proto changed
/// without `make generate-proto`).
@Suite struct GeneratedCodeTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func committedCodeMatchesProto() throws {
        let result = try runCheck(in: Self.packageRoot)
        #expect(result.status == 0, "scripts/generate-proto --check failed:\n\(result.output)")
    }

    @Test func aProtoWithoutGeneratedCodeIsCaught() throws {
        let copy = try copyOfGeneratorInputs()
        defer { try? FileManager.default.removeItem(at: copy) }
        try """
            syntax = "proto3";
            package corridor.v1;
            message Unmatched { string field = 1; }
            """.write(to: copy.appendingPathComponent("proto/corridor/v1/unmatched.proto"), atomically: true, encoding: .utf8)
        let result = try runCheck(in: copy)
        #expect(result.status == 1)
        #expect(result.output.contains("unmatched.pb-c"))
    }

    @Test func aHandEditedGeneratedFileIsCaught() throws {
        let copy = try copyOfGeneratorInputs()
        defer { try? FileManager.default.removeItem(at: copy) }
        let generated = copy.appendingPathComponent("Sources/CCorridorProto/src/corridor/v1/frame.pb-c.c")
        var text = try String(contentsOf: generated, encoding: .utf8)
        text += "\n/* edited by hand */\n"
        try text.write(to: generated, atomically: true, encoding: .utf8)
        let result = try runCheck(in: copy)
        #expect(result.status == 1)
        #expect(result.output.contains("frame.pb-c.c"))
    }

    /// proto/, scripts/ and Sources/CCorridorProto in a scratch directory, so
    /// the negative cases never touch the real tree.
    private func copyOfGeneratorInputs() throws -> URL {
        let scratch = URL(fileURLWithPath: try TemporaryDirectory().path, isDirectory: true)
        for part in ["proto", "scripts", "Sources/CCorridorProto"] {
            let destination = scratch.appendingPathComponent(part)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent(part), to: destination)
        }
        return scratch
    }

    private func runCheck(in root: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/generate-proto")
        process.arguments = ["--check"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 2, "protoc-c is missing; `make test` installs protobuf-c-compiler: \(output)")
        return (process.terminationStatus, output)
    }
}

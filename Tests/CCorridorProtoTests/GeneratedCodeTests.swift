import CorridorTestSupport
import Foundation
import Testing

/// The protoc-c output in Sources/CCorridorProto is committed; these tests
/// fail when it no longer matches proto/ (edited by hand, or a proto changed
/// without `make generate-proto`).
@Suite struct GeneratedCodeTests {
    static let packageRoot = TestProcess.packageRoot

    @Test func committedCodeMatchesProto() async throws {
        let result = try await runCheck(in: Self.packageRoot)
        #expect(result.status == 0, "scripts/generate-proto --check failed:\n\(result.output)")
    }

    @Test func aProtoWithoutGeneratedCodeIsCaught() async throws {
        let copy = try copyOfGeneratorInputs()
        defer { try? FileManager.default.removeItem(at: copy) }
        try """
            syntax = "proto3";
            package corridor.v1;
            message Unmatched { string field = 1; }
            """.write(to: copy.appendingPathComponent("proto/corridor/v1/unmatched.proto"), atomically: true, encoding: .utf8)
        let result = try await runCheck(in: copy)
        #expect(result.status == 1)
        #expect(result.output.contains("unmatched.pb-c"))
    }

    @Test func aHandEditedGeneratedFileIsCaught() async throws {
        let copy = try copyOfGeneratorInputs()
        defer { try? FileManager.default.removeItem(at: copy) }
        let generated = copy.appendingPathComponent("Sources/CCorridorProto/src/corridor/v1/frame.pb-c.c")
        var text = try String(contentsOf: generated, encoding: .utf8)
        text += "\n/* edited by hand */\n"
        try text.write(to: generated, atomically: true, encoding: .utf8)
        let result = try await runCheck(in: copy)
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

    private func runCheck(in root: URL) async throws -> ProcessOutcome {
        let result = try await TestProcess.run(root.appendingPathComponent("scripts/generate-proto").path, ["--check"], combiningOutput: true)
        #expect(result.status != 2, "protoc-c is missing; `make test` installs protobuf-c-compiler: \(result.output)")
        return result
    }
}

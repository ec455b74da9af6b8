import CorridorTestSupport
import Foundation
import Testing

/// The code generated from proto/ is committed: protoc-c's in
/// Sources/CCorridorProto, the Swift messages in Sources/CorridorWire/Generated
/// and the tests' samples in Tests/CorridorProtoSamples/Generated. These tests
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
        #expect(result.output.contains("unmatched.pb.swift"))
    }

    @Test func aProtoFieldAddedWithoutRegeneratingIsCaught() async throws {
        let copy = try copyOfGeneratorInputs()
        defer { try? FileManager.default.removeItem(at: copy) }
        let proto = copy.appendingPathComponent("proto/corridor/v1/frame.proto")
        var text = try String(contentsOf: proto, encoding: .utf8)
        let ping = "message Ping {\n  uint64 opaque = 1;\n"
        #expect(text.contains(ping))
        text = text.replacingOccurrences(of: ping, with: ping + "  uint32 added = 2;\n")
        try text.write(to: proto, atomically: true, encoding: .utf8)
        let result = try await runCheck(in: copy)
        #expect(result.status == 1)
        // Both sides differ: protoc-c's struct and the Swift struct.
        #expect(result.output.contains("frame.pb-c.h"))
        #expect(result.output.contains("frame.pb.swift"))
        #expect(result.output.contains("public var added: UInt32"))
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

    @Test func aHandEditedGeneratedSwiftFileIsCaught() async throws {
        let copy = try copyOfGeneratorInputs()
        defer { try? FileManager.default.removeItem(at: copy) }
        let generated = copy.appendingPathComponent("Sources/CorridorWire/Generated/frame.pb.swift")
        var text = try String(contentsOf: generated, encoding: .utf8)
        text = text.replacingOccurrences(of: "writer.writeTag(0x08)", with: "writer.writeTag(0x10)")
        try text.write(to: generated, atomically: true, encoding: .utf8)
        let result = try await runCheck(in: copy)
        #expect(result.status == 1)
        #expect(result.output.contains("frame.pb.swift"))
        #expect(result.output.contains("Sources/CorridorWire/Generated"))
    }

    @Test func aHandEditedSampleFileIsCaught() async throws {
        let copy = try copyOfGeneratorInputs()
        defer { try? FileManager.default.removeItem(at: copy) }
        let generated = copy.appendingPathComponent("Tests/CorridorProtoSamples/Generated/ProtoSamples.pb.swift")
        var text = try String(contentsOf: generated, encoding: .utf8)
        text += "// edited by hand\n"
        try text.write(to: generated, atomically: true, encoding: .utf8)
        let result = try await runCheck(in: copy)
        #expect(result.status == 1)
        #expect(result.output.contains("ProtoSamples.pb.swift"))
    }

    /// The Python client's classes (clients/python) are checked like the C and Swift.
    @Test func aHandEditedPythonClassFileIsCaught() async throws {
        let copy = try copyOfGeneratorInputs()
        defer { try? FileManager.default.removeItem(at: copy) }
        let generated = copy.appendingPathComponent("clients/python/src/corridor/v1/lists_pb2.py")
        var text = try String(contentsOf: generated, encoding: .utf8)
        text += "# edited by hand\n"
        try text.write(to: generated, atomically: true, encoding: .utf8)
        let result = try await runCheck(in: copy)
        #expect(result.status == 1)
        #expect(result.output.contains("clients/python/src/corridor/v1"))
        #expect(result.output.contains("lists_pb2.py"))
    }

    /// The generator's collision proto is generated and checked like proto/:
    /// its Swift edited by hand, or a field added without regenerating, is caught.
    @Test func theCollisionProtoIsCheckedToo() async throws {
        let copy = try copyOfGeneratorInputs()
        defer { try? FileManager.default.removeItem(at: copy) }
        let generated = copy.appendingPathComponent("Tests/CorridorWireTests/Generated/collisions.pb.swift")
        var text = try String(contentsOf: generated, encoding: .utf8)
        #expect(text.contains("self.size"))
        text = text.replacingOccurrences(of: "self.size", with: "size")
        try text.write(to: generated, atomically: true, encoding: .utf8)
        let edited = try await runCheck(in: copy)
        #expect(edited.status == 1)
        #expect(edited.output.contains("collisions.pb.swift"))

        let untouched = try copyOfGeneratorInputs()
        defer { try? FileManager.default.removeItem(at: untouched) }
        let restored = try await runCheck(in: untouched)
        #expect(restored.status == 0, "\(restored.output)")
    }

    /// proto/, scripts/ and the generated code in a scratch directory, so
    /// the negative cases never touch the real tree.
    private func copyOfGeneratorInputs() throws -> URL {
        let scratch = URL(fileURLWithPath: try TemporaryDirectory().path, isDirectory: true)
        for part in ["proto", "scripts", "Sources/CCorridorProto", "Sources/CorridorWire/Generated", "Tests/CorridorProtoSamples/Generated",
                     "Tests/GeneratorCollisions", "Tests/CCorridorTestProto", "Tests/CorridorWireTests/Generated",
                     "clients/python/src/corridor/v1", "clients/python/src/corridor/_methods.pyi"] {
            let destination = scratch.appendingPathComponent(part)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent(part), to: destination)
        }
        return scratch
    }

    private func runCheck(in root: URL) async throws -> ProcessOutcome {
        let result = try await TestProcess.run(root.appendingPathComponent("scripts/generate-proto").path, ["--check"], combiningOutput: true)
        #expect(result.status != 2, "a generator is missing (protoc-c, protoc, Python's protobuf); `make test` installs them: \(result.output)")
        return result
    }
}

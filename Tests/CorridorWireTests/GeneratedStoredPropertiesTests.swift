import CorridorProtoSamples
import CorridorWire
import Foundation
import Testing

/// How the generated messages declare their stored properties. A stored property with an initial
/// value (`= ""`, or `T?`, which is implicitly `= nil`) makes swiftc build the
/// value inside the init and then copy it out whole and destroy the original:
/// every field retained and released again, on every message read
/// (docs/PERFORMANCE.md, the codec). Nothing at run time shows the copy in a
/// debug build, so this reads the declarations.
@Suite struct GeneratedStoredPropertiesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The stored `public var` lines of `text` that give an initial value or
    /// use the `T?` shorthand, as "file:line: text".
    static func offending(_ text: String, in file: String) -> [String] {
        var found: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            // Stored properties only: a computed one has a body.
            guard trimmed.hasPrefix("public var "), !trimmed.contains("{") else { continue }
            if trimmed.contains(" = ") || trimmed.hasSuffix("?") {
                found.append("\(file):\(index + 1): \(trimmed)")
            }
        }
        return found
    }

    @Test func noGeneratedStoredPropertyHasAnInitialValue() throws {
        let directory = Self.root.appendingPathComponent("Sources/CorridorWire/Generated")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".pb.swift") }.sorted()
        #expect(files.count > 10)
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            found += Self.offending(text, in: file)
        }
        #expect(found.isEmpty, "\(found.prefix(5).joined(separator: "\n"))")
    }

    /// Without initial values, `init()` gives the defaults through the memberwise init:
    /// every message's `init()` is still the empty message.
    @Test(arguments: ProtoSamples.all)
    func initGivesEveryFieldItsDefault(set: ProtoSampleSet) throws {
        #expect(set.type.init().serializedBytes().isEmpty, "\(set.type)")
    }
}

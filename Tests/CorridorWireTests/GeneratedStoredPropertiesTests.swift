import CorridorProtoSamples
import CorridorWire
import Foundation
import Testing

/// How the generated messages, and the model types the codec's decode path
/// builds, declare their stored properties. A stored property with an initial
/// value (`= ""`, or `T?`, which is implicitly `= nil`) makes swiftc build the
/// value inside the init and then copy it out whole and destroy the original:
/// every field retained and released again, on every message read and every
/// mapping to the model (docs/PERFORMANCE.md, the codec: 3.27× → 2.41× the
/// unpack floor for an Event once they were gone). Nothing at run time shows
/// the copy in a debug build, so this reads the declarations.
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

    /// The body of `public struct name` in `text`: up to the first `}` at the struct's indentation.
    static func structBody(_ name: String, in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("public struct \(name):") }) else { return nil }
        guard let end = lines[start...].firstIndex(where: { $0 == "}" }) else { return nil }
        return lines[start...end].joined(separator: "\n")
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

    /// The model types an Event(case_registered) and a CaseView decode into.
    @Test func theModelTypesOnTheDecodePathHaveNoInitialValues() throws {
        let model = Self.root.appendingPathComponent("Sources/CorridorModel")
        let types = [("Event.swift", "Event"), ("Event.swift", "CaseRegistered"), ("Case.swift", "Case"),
                     ("Case.swift", "CasePersonal"), ("CaseView.swift", "CaseView")]
        for (file, name) in types {
            let text = try String(contentsOf: model.appendingPathComponent(file), encoding: .utf8)
            let body = try #require(Self.structBody(name, in: text), "public struct \(name) in \(file)")
            let found = Self.offending(body, in: file)
            #expect(found.isEmpty, "\(name): \(found.joined(separator: "\n"))")
        }
    }

    /// Without initial values, `init()` gives the defaults through the memberwise init:
    /// every message's `init()` is still the empty message.
    @Test(arguments: ProtoSamples.all)
    func initGivesEveryFieldItsDefault(set: ProtoSampleSet) throws {
        #expect(set.type.init().serializedBytes().isEmpty, "\(set.type)")
    }
}

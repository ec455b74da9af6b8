import CorridorModel
import CorridorWire
import Foundation
import Testing

@Suite struct StatusCodeTests {
    /// The Swift enum, the proto enum and gRPC agree on every name and number.
    @Test func everyCodeMatchesFrameProto() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let proto = try String(contentsOf: root.appendingPathComponent("proto/corridor/v1/frame.proto"), encoding: .utf8)
        let enumBody = try #require(proto.components(separatedBy: "enum StatusCode {").last?.components(separatedBy: "}").first)
        var inProto: [String: UInt32] = [:]
        for line in enumBody.split(separator: "\n") {
            let parts = line.replacingOccurrences(of: ";", with: "").split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, let number = UInt32(parts[1]) { inProto[parts[0]] = number }
        }
        #expect(inProto.count == 17)
        for code in StatusCode.allCases {
            #expect(inProto[code.description] == code.rawValue, "\(code)")
        }
    }

    @Test func anUnknownNumberIsUnknown() {
        #expect(StatusCode(wireValue: 99) == .unknown)
        #expect(StatusCode(wireValue: 5) == .notFound)
    }

    @Test func invalidArgumentNamesEachField() {
        let error = RPCError.invalidArgument([
            FieldViolation(field: "name", reason: "is empty"),
            FieldViolation(field: "age_months", reason: "must be at most 1800"),
        ])
        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("name"))
        #expect(error.message.contains("age_months"))
        #expect(error.description.contains("age_months: must be at most 1800"))
    }
}

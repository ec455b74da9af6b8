import CorridorExport
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Foundation
import Testing

/// Runs Tests/Interop/hxl_check.py (libhxl, against docs/hxl/schema-KIND.csv
/// and libhxl's default schema) over exports written from constructed records.
/// libhxl must be installed (`pip install -r Tests/Interop/requirements.txt`;
/// `make test` does it): without it these tests fail rather than pass unchecked.
@Suite struct HXLValidationTests {
    /// The check's exit status and output for `kind=file` arguments.
    static func check(_ files: [(String, String)]) async throws -> ProcessOutcome {
        try await withTemporaryDirectory { directory in
            var arguments: [String] = []
            for (kind, text) in files {
                let path = directory + "/\(kind)-\(arguments.count).csv"
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                arguments.append("\(kind)=\(path)")
            }
            return try await TestProcess.hxlCheck(arguments)
        }
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

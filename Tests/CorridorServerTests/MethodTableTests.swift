import CorridorServer
import CorridorTestSupport
import CorridorWire
import Foundation
import Testing

/// The server built as corridord builds it routes every rpc of proto/, each
/// with the request and response types its generated RPCMethod names: none
/// is left UNIMPLEMENTED by omission.
@Suite struct MethodTableTests {
    @Test func everyRPCInMethodsPbSwiftIsRouted() async throws {
        let server = try await InProcessServer.startWithRegistry()
        let routed = server.server.routedMethods
        await server.stop()

        // The generated tables, typed: path, kind, request and response type.
        let declared = Corridor_V1_System.all + Corridor_V1_Health.all + Corridor_V1_Registry.all + Corridor_V1_Audit.all
        #expect(Set(routed) == Set(declared), "not routed: \(Set(declared).subtracting(routed)); routed but not declared: \(Set(routed).subtracting(declared))")
        for method in declared {
            let match = routed.first { $0.path == method.path }
            #expect(match == method, "\(method.path) is routed with other types or kind: \(String(describing: match))")
        }

        // Every path in Methods.pb.swift, read from the file, so that a
        // service added to proto/ (a new `all` table) cannot be missed here.
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/CorridorWire/Generated/Methods.pb.swift")
        let text = try String(contentsOf: file, encoding: .utf8)
        let paths = Set(text.matches(of: /path: "([^"]+)"/).map { String($0.output.1) })
        #expect(paths.count > 60, "few paths in Methods.pb.swift: \(paths.count)")
        #expect(Set(routed.map(\.path)) == paths, "missing: \(paths.subtracting(routed.map(\.path)).sorted())")
    }
}

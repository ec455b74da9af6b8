import CorridorModel
import CorridorRegistry
import CorridorServer
import CorridorTestSupport
import Glibc
import Testing

/// An export is a read like any other: an observer's export of cases, in
/// JSON or HXL, carries no condition (and, like every export, no personal part).
@Suite struct ExportWithholdingTests {
    static let me: String = {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "root" }
        return String(cString: name)
    }()

    @Test(arguments: ["json", "hxl"])
    func anObserversExportHasNoPersonalPart(format: String) async throws {
        let access = AccessControl(policy: AccessPolicy(users: [Self.me: .coordinator], source: "test"))
        let server = try await InProcessServer.startWithRegistry(access: access)
        let registry = try #require(server.registry)
        let actor = Actor(uid: 0, userName: "root", pid: 1, role: "admin")
        _ = try await registry.registerParty(Party(id: "gov", shortName: "Government", kind: .government), actor: actor)
        _ = try await registry.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave, besiegedBy: ["gov"], besiegedSince: "2013-04-01"), actor: actor)
        _ = try await registry.registerCase(
            Case(siteID: "enclave", ageMonths: 84, sex: .female, precedence: .urgent, conditions: [.kidneyFailure], needs: [.dialysis], consentGiven: true),
            personal: CasePersonal(name: "Amal Haddad", dateOfBirth: "2019-03-04", identityNumbers: ["ID-775533"], clinicalNotes: "dialysis twice a week"),
            actor: actor
        )
        let arguments = ["export", "cases", "--format", format, "--socket", server.socketPath]
        let full = try await Corridorctl.run(arguments)
        access.replace(with: AccessPolicy(users: [Self.me: .observer], source: "test"))
        let observed = try await Corridorctl.run(arguments)
        await server.stop()

        #expect(full.status == 0 && observed.status == 0, "\(full.transcript)\n\(observed.transcript)")
        // Exports carry the operational part only, whoever asks.
        for secret in ["Amal Haddad", "2019-03-04", "ID-775533", "twice a week"] {
            #expect(!full.stdout.contains(secret) && !observed.stdout.contains(secret), "an export shows \(secret)")
        }
        #expect(full.stdout.contains("KIDNEY_FAILURE"), "a coordinator's \(format) export lacks the condition:\n\(full.stdout)")
        #expect(!observed.stdout.contains("KIDNEY_FAILURE"), "an observer's \(format) export shows the condition:\n\(observed.stdout)")
        #expect(observed.stdout.contains("DIALYSIS"), "needs stay in the export:\n\(observed.stdout)")
    }
}

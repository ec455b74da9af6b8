import CorridorServer
import CorridorWire
import Testing

/// The method table covers every rpc of proto/: a method added without a
/// line in MethodAccess fails here (and is closed to all but admin meanwhile).
@Suite struct MethodAccessTests {
    static let declared = Corridor_V1_System.all + Corridor_V1_Health.all + Corridor_V1_Registry.all + Corridor_V1_Audit.all

    @Test func everyGeneratedMethodHasAClass() {
        let missing = Self.declared.map(\.path).filter { MethodAccess.classes[$0] == nil }
        #expect(missing.isEmpty, "methods without a line in MethodAccess.classes: \(missing)")
        let unknown = Set(MethodAccess.classes.keys).subtracting(Self.declared.map(\.path))
        #expect(unknown.isEmpty, "lines for methods proto/ does not have: \(unknown.sorted())")
    }

    @Test func erasureAndTheAuditTrailAreForAdminOnly() {
        for path in [Corridor_V1_Registry.eraseCasePersonalData.path, Corridor_V1_Audit.listAuditRecords.path] {
            #expect(Role.allCases.filter { MethodAccess.allows($0, toCall: path) } == [.admin], "\(path)")
        }
    }

    @Test func aMethodTheTableDoesNotKnowIsForAdminOnly() {
        #expect(MethodAccess.methodClass(of: "/corridor.v1.Registry/EraseCase") == .administration)
        #expect(Role.allCases.filter { MethodAccess.allows($0, toCall: "/corridor.v1.Registry/EraseCase") } == [.admin])
    }

    /// The issue's words, role by role, as one table of expectations.
    @Test(arguments: [
        (Role.admin, Corridor_V1_Registry.registerParty.path, true),
        (.coordinator, Corridor_V1_Registry.registerCase.path, true),
        (.coordinator, Corridor_V1_Registry.planMovement.path, true),
        (.medical, Corridor_V1_Registry.updateCase.path, true),
        (.medical, Corridor_V1_Registry.createList.path, false),
        (.medical, Corridor_V1_Registry.registerParty.path, false),
        (.negotiator, Corridor_V1_Registry.submitList.path, true),
        (.negotiator, Corridor_V1_Registry.recordAgreement.path, true),
        (.negotiator, Corridor_V1_Registry.reportFigure.path, true),
        (.negotiator, Corridor_V1_Registry.registerCase.path, false),
        (.negotiator, Corridor_V1_Registry.planMovement.path, false),
        (.logistics, Corridor_V1_Registry.changeManifest.path, true),
        (.logistics, Corridor_V1_Registry.announceWindow.path, true),
        (.logistics, Corridor_V1_Registry.setCrossingStatus.path, true),
        (.logistics, Corridor_V1_Registry.updateCase.path, false),
        (.logistics, Corridor_V1_Registry.approveList.path, false),
        (.observer, Corridor_V1_Registry.getCase.path, true),
        (.observer, Corridor_V1_Registry.watch.path, true),
        (.observer, Corridor_V1_System.status.path, true),
    ])
    func rolesMayCallWhatTheIssueSays(role: Role, path: String, allowed: Bool) {
        #expect(MethodAccess.allows(role, toCall: path) == allowed)
    }

    /// Observers read only: no method that writes is open to them.
    @Test func observersCallNoWrite() {
        let writes: [MethodClass] = [.administration, .referenceWrite, .crossingWrite, .caseWrite, .negotiationWrite, .logisticsWrite]
        for methodClass in writes {
            #expect(!methodClass.roles.contains(.observer), "\(methodClass)")
        }
    }
}

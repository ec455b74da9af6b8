import CorridorWire

/// Which roles may call each method: one table from the generated
/// RPCMethods (Methods.pb.swift) to a class of methods, and one from each
/// class to its roles. The server checks it before any handler runs
/// (ConnectionHandler); a method that is not in the table is refused to
/// everyone but admin, and MethodAccessTests walks every generated method so
/// that a new rpc cannot ship without a line here.
///
/// Erasing personal data and reading the audit trail are `.administration`
/// (admin only; docs/ACCESS.md).
public enum MethodClass: String, Sendable, CaseIterable {
    /// Status, Ping, Health: anyone the policy knows.
    case system
    /// Policy, maintenance, erasure, the audit trail, promotion.
    case administration
    /// Parties and sites, their reads.
    case referenceRead
    /// Parties and sites, their writes.
    case referenceWrite
    /// A crossing's status: what logistics reports from the road.
    case crossingWrite
    /// Cases, their history and the watch stream, the waiting reports.
    case caseRead
    /// Registering, correcting, importing cases; their status.
    case caseWrite
    /// Eligibility rules, lists, agreements, figures: reads.
    case negotiationRead
    /// Eligibility rules, lists, agreements, figures: writes.
    case negotiationWrite
    /// Windows and movements: reads.
    case logisticsRead
    /// Windows, movements and manifests: writes.
    case logisticsWrite
    /// Opening break-glass access to one case: meant for the roles that lack
    /// personal data. Admin, coordinator and medical may open it too; it
    /// shows them nothing new, and the opening is recorded all the same
    /// (docs/ACCESS.md).
    case breakGlass

    /// The roles that may call a method of this class.
    public var roles: Set<Role> {
        switch self {
        case .system: Set(Role.allCases)
        case .administration: [.admin]
        case .referenceRead, .caseRead, .negotiationRead, .logisticsRead: Set(Role.allCases)
        case .referenceWrite: [.admin, .coordinator]
        case .crossingWrite: [.admin, .coordinator, .logistics]
        case .caseWrite: [.admin, .coordinator, .medical]
        case .negotiationWrite: [.admin, .coordinator, .negotiator]
        case .logisticsWrite: [.admin, .coordinator, .logistics]
        case .breakGlass: Set(Role.allCases)
        }
    }
}

public enum MethodAccess {
    /// The class of every method the server routes, by path.
    public static let classes: [String: MethodClass] = {
        let registry = Corridor_V1_Registry.self
        let table: [(AnyRPCMethod, MethodClass)] = [
            (AnyRPCMethod(Corridor_V1_System.status), .system),
            (AnyRPCMethod(Corridor_V1_System.ping), .system),
            (AnyRPCMethod(Corridor_V1_System.promote), .administration),
            (AnyRPCMethod(Corridor_V1_Health.check), .system),
            (AnyRPCMethod(Corridor_V1_Health.watch), .system),

            (AnyRPCMethod(Corridor_V1_Audit.listAuditRecords), .administration),
            (AnyRPCMethod(registry.eraseCasePersonalData), .administration),
            (AnyRPCMethod(registry.openBreakGlass), .breakGlass),
            (AnyRPCMethod(registry.listBreakGlassGrants), .administration),

            (AnyRPCMethod(registry.registerParty), .referenceWrite),
            (AnyRPCMethod(registry.updateParty), .referenceWrite),
            (AnyRPCMethod(registry.getParty), .referenceRead),
            (AnyRPCMethod(registry.listParties), .referenceRead),
            (AnyRPCMethod(registry.registerSite), .referenceWrite),
            (AnyRPCMethod(registry.updateSite), .referenceWrite),
            (AnyRPCMethod(registry.getSite), .referenceRead),
            (AnyRPCMethod(registry.listSites), .referenceRead),
            (AnyRPCMethod(registry.setCrossingStatus), .crossingWrite),

            (AnyRPCMethod(registry.registerCase), .caseWrite),
            (AnyRPCMethod(registry.updateCase), .caseWrite),
            (AnyRPCMethod(registry.setCaseStatus), .caseWrite),
            (AnyRPCMethod(registry.importCases), .caseWrite),
            (AnyRPCMethod(registry.getCase), .caseRead),
            (AnyRPCMethod(registry.listCases), .caseRead),
            (AnyRPCMethod(registry.waitingCases), .caseRead),
            (AnyRPCMethod(registry.deathsWhileWaiting), .caseRead),
            (AnyRPCMethod(registry.history), .caseRead),
            (AnyRPCMethod(registry.watch), .caseRead),

            (AnyRPCMethod(registry.imposeRule), .negotiationWrite),
            (AnyRPCMethod(registry.liftRule), .negotiationWrite),
            (AnyRPCMethod(registry.getRule), .negotiationRead),
            (AnyRPCMethod(registry.listRules), .negotiationRead),
            (AnyRPCMethod(registry.createList), .negotiationWrite),
            (AnyRPCMethod(registry.selectList), .negotiationWrite),
            (AnyRPCMethod(registry.submitList), .negotiationWrite),
            (AnyRPCMethod(registry.approveList), .negotiationWrite),
            (AnyRPCMethod(registry.strikeEntry), .negotiationWrite),
            (AnyRPCMethod(registry.topUpList), .negotiationWrite),
            (AnyRPCMethod(registry.closeList), .negotiationWrite),
            (AnyRPCMethod(registry.getList), .negotiationRead),
            (AnyRPCMethod(registry.listLists), .negotiationRead),
            (AnyRPCMethod(registry.getListVersion), .negotiationRead),
            (AnyRPCMethod(registry.diffList), .negotiationRead),
            (AnyRPCMethod(registry.leftOut), .negotiationRead),
            // Sending a list to a party for vetting is the negotiator's work
            // (docs/ACCESS.md): admin, coordinator and negotiator.
            (AnyRPCMethod(registry.discloseList), .negotiationWrite),
            (AnyRPCMethod(registry.recordAgreement), .negotiationWrite),
            (AnyRPCMethod(registry.updateAgreement), .negotiationWrite),
            (AnyRPCMethod(registry.setAgreementStatus), .negotiationWrite),
            (AnyRPCMethod(registry.recordFulfilment), .negotiationWrite),
            (AnyRPCMethod(registry.getAgreement), .negotiationRead),
            (AnyRPCMethod(registry.listAgreements), .negotiationRead),
            (AnyRPCMethod(registry.getAgreementProgress), .negotiationRead),
            (AnyRPCMethod(registry.reportFigure), .negotiationWrite),
            (AnyRPCMethod(registry.listFigures), .negotiationRead),
            (AnyRPCMethod(registry.compareFigures), .negotiationRead),

            (AnyRPCMethod(registry.announceWindow), .logisticsWrite),
            (AnyRPCMethod(registry.setWindowStatus), .logisticsWrite),
            (AnyRPCMethod(registry.getWindow), .logisticsRead),
            (AnyRPCMethod(registry.listWindows), .logisticsRead),
            (AnyRPCMethod(registry.activeWindows), .logisticsRead),
            (AnyRPCMethod(registry.planMovement), .logisticsWrite),
            (AnyRPCMethod(registry.setMovementStatus), .logisticsWrite),
            (AnyRPCMethod(registry.changeManifest), .logisticsWrite),
            (AnyRPCMethod(registry.removeCargo), .logisticsWrite),
            (AnyRPCMethod(registry.recordDelivery), .logisticsWrite),
            (AnyRPCMethod(registry.reportIncident), .logisticsWrite),
            (AnyRPCMethod(registry.getMovement), .logisticsRead),
            (AnyRPCMethod(registry.listMovements), .logisticsRead),
        ]
        return Dictionary(table.map { ($0.0.path, $0.1) }, uniquingKeysWith: { first, _ in first })
    }()

    /// The class of `path`, or `.administration` for a method the table
    /// does not know: closed to all but admin rather than open to all.
    public static func methodClass(of path: String) -> MethodClass {
        classes[path] ?? .administration
    }

    public static func allows(_ role: Role, toCall path: String) -> Bool {
        methodClass(of: path).roles.contains(role)
    }
}

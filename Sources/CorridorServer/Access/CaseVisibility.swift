import CorridorModel

/// What a caller may see of one case: the one decision every response,
/// history entry, watch event, report and error message is cut by
/// (Withholding.swift). Decided per role and per case: a break-glass grant
/// (BreakGlassGrants) opens one case to one user, and `of(_:caseID:uid:grants:)`
/// is where it does.
public struct CaseVisibility: Sendable, Equatable {
    /// Name, date of birth, identity numbers: what a list submission needs.
    public var identity: Bool
    public var contacts: Bool
    public var clinicalNotes: Bool
    /// Conditions, pregnancy, and free-text reasons that may describe them.
    public var conditions: Bool
    /// Who recorded what (user names, uids, pids of staff): pseudonymous
    /// records hide the staff too.
    public var actors: Bool

    public static let everything = CaseVisibility(identity: true, contacts: true, clinicalNotes: true, conditions: true, actors: true)
    public static let nothingPersonal = CaseVisibility(identity: false, contacts: false, clinicalNotes: false, conditions: false, actors: true)

    /// The view of `caseID` for `role`; nil (no role) sees nothing personal.
    public static func of(_ role: Role?, caseID: String) -> CaseVisibility {
        switch role {
        case .admin, .coordinator, .medical:
            return .everything
        case .negotiator:
            return CaseVisibility(identity: true, contacts: false, clinicalNotes: false, conditions: false, actors: true)
        case .logistics:
            return .nothingPersonal
        case .observer, nil:
            var view = CaseVisibility.nothingPersonal
            view.actors = false
            return view
        }
    }

    /// The view of `caseID` for `uid` holding `role`: what a coordinator sees
    /// while `uid` holds an open break-glass grant to that case, the role's
    /// view otherwise. The grant lifts no method restriction, only this.
    public static func of(_ role: Role?, caseID: String, uid: UInt32?, grants: BreakGlassGrants?) -> CaseVisibility {
        if let uid, let grants, !caseID.isEmpty, grants.isOpen(uid: uid, caseID: caseID) {
            return .everything
        }
        return of(role, caseID: caseID)
    }

    public var seesEverything: Bool { self == .everything }
}

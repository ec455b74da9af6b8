import CorridorModel
import CorridorWire

/// Cuts what a role may not see out of every value that carries a case:
/// case views, events of history and watch, reports, list entries, and the
/// words of refusals. Each function asks CaseVisibility and nothing else.
public struct Withholding: Sendable {
    public let role: Role?
    /// The caller's uid and the server's break-glass grants: a case the
    /// caller holds a grant to is seen whole (CaseVisibility).
    public let uid: UInt32?
    public let grants: BreakGlassGrants?

    public init(role: Role?, uid: UInt32? = nil, grants: BreakGlassGrants? = nil) {
        self.role = role
        self.uid = uid
        self.grants = grants
    }

    /// Said in place of a withheld text, so that a reader knows something is there.
    public static let marker = "[withheld]"

    public func visibility(of caseID: String) -> CaseVisibility {
        CaseVisibility.of(role, caseID: caseID, uid: uid, grants: grants)
    }

    /// True when this caller sees every case whole: the common case of a
    /// coordinator, checked first so that it costs nothing.
    var seesAll: Bool { CaseVisibility.of(role, caseID: "").seesEverything }

    public func view(_ view: CaseView) -> CaseView {
        guard !seesAll, let record = view.case else { return view }
        let visibility = visibility(of: record.id)
        return CaseView(case: cut(record, visibility), personal: cut(view.personal, visibility), daysWaiting: view.daysWaiting)
    }

    public func cases(_ response: ListCasesResponse) -> ListCasesResponse {
        guard !seesAll else { return response }
        var response = response
        response.cases = response.cases.map(view)
        return response
    }

    public func event(_ recorded: RecordedEvent) -> RecordedEvent {
        guard !seesAll, var event = recorded.event else { return recorded }
        let caseID = event.kind.caseID
        let visibility = visibility(of: caseID ?? "")
        if !visibility.actors, let actor = event.actor {
            event.actor = Actor(uid: UInt32.max, userName: Self.marker, pid: 0, role: actor.role, requestID: "")
        }
        switch event.kind {
        case .caseRegistered(var registered):
            registered.case = registered.case.map { cut($0, visibility) }
            registered.personal = cut(registered.personal, visibility)
            event.kind = .caseRegistered(registered)
        case .caseUpdated(var updated):
            updated.case = updated.case.map { cut($0, visibility) }
            event.kind = .caseUpdated(updated)
        case .casePersonalUpdated(var updated):
            updated.personal = cut(updated.personal, visibility)
            event.kind = .casePersonalUpdated(updated)
        case .listCreated(var change): change.list = change.list.map(list); event.kind = .listCreated(change)
        case .listSelected(var change): change.list = change.list.map(list); event.kind = .listSelected(change)
        case .listSubmitted(var change): change.list = change.list.map(list); event.kind = .listSubmitted(change)
        case .listApproved(var change): change.list = change.list.map(list); event.kind = .listApproved(change)
        case .listEntryStruck(var change): change.list = change.list.map(list); event.kind = .listEntryStruck(change)
        case .listToppedUp(var change): change.list = change.list.map(list); event.kind = .listToppedUp(change)
        case .listStatusChanged(var change): change.list = change.list.map(list); event.kind = .listStatusChanged(change)
        case .listEntryDropped(var change): change.list = change.list.map(list); event.kind = .listEntryDropped(change)
        default:
            break
        }
        // A reason is free text: a death's cause, a withdrawal's story.
        if caseID != nil, !visibility.conditions, !event.reason.isEmpty { event.reason = Self.marker }
        event.reason = text(event.reason)
        return RecordedEvent(sequence: recorded.sequence, recordedAtNs: recorded.recordedAtNs, event: event)
    }

    public func waiting(_ response: WaitingCasesResponse) -> WaitingCasesResponse {
        guard !seesAll else { return response }
        var response = response
        response.cases = response.cases.map { row in
            var row = row
            if !visibility(of: row.caseID).conditions { row.conditions = [] }
            return row
        }
        return response
    }

    public func leftOut(_ cases: [LeftOutCase]) -> [LeftOutCase] {
        guard !seesAll else { return cases }
        return cases.map { leftOut in
            var leftOut = leftOut
            leftOut.reason = text(leftOut.reason)
            return leftOut
        }
    }

    /// A list's entries: their explanations say "pregnant", their reasons
    /// may quote a rule's criteria.
    public func list(_ list: EvacuationList) -> EvacuationList {
        guard !seesAll else { return list }
        var list = list
        list.entries = entries(list.entries)
        return list
    }

    public func version(_ version: ListVersion) -> ListVersion {
        guard !seesAll else { return version }
        var version = version
        version.entries = entries(version.entries)
        return version
    }

    public func summary(_ summary: ListSummary) -> ListSummary {
        guard !seesAll else { return summary }
        var summary = summary
        summary.list = summary.list.map(list)
        return summary
    }

    public func selection(_ response: SelectListResponse) -> SelectListResponse {
        guard !seesAll else { return response }
        var response = response
        response.list = response.list.map(list)
        response.leftOut = leftOut(response.leftOut)
        response.leftOutCounts = response.leftOutCounts.map { count in
            var count = count
            count.reason = text(count.reason)
            return count
        }
        return response
    }

    public func diff(_ response: DiffListResponse) -> DiffListResponse {
        guard !seesAll else { return response }
        var response = response
        response.from = response.from.map(version)
        response.to = response.to.map(version)
        response.changes = response.changes.map { change in
            var change = change
            change.reason = text(change.reason)
            return change
        }
        return response
    }

    private func entries(_ entries: [ListEntry]) -> [ListEntry] {
        entries.map { entry in
            var entry = entry
            entry.explanation = text(entry.explanation)
            entry.reason = text(entry.reason)
            entry.companionsLeft = entry.companionsLeft.map { left in
                var left = left
                left.reason = text(left.reason)
                return left
            }
            return entry
        }
    }

    /// Refusals, explanations, reasons: a rule's criteria named beside a
    /// case say that case's conditions ("case c1 is excluded by rule r1:
    /// cases with CANCER are excluded"), so the names of conditions and
    /// pregnancy are cut for a role that may not see them.
    public func text(_ text: String) -> String {
        guard !seesAll, !CaseVisibility.of(role, caseID: "").conditions, !text.isEmpty else { return text }
        var result = text
        for word in Self.conditionWords {
            result = result.replacingEveryCase(of: word, with: Self.marker)
        }
        return result
    }

    public func status(_ status: RPCStatus) -> RPCStatus {
        guard !seesAll, status.code != .ok else { return status }
        var status = status
        status.message = text(status.message)
        status.fieldViolations = status.fieldViolations.map { FieldViolation(field: $0.field, reason: text($0.reason)) }
        return status
    }

    private func cut(_ record: Case, _ visibility: CaseVisibility) -> Case {
        var record = record
        if !visibility.conditions {
            record.conditions = []
            record.pregnant = false
            if !record.statusReason.isEmpty { record.statusReason = Self.marker }
        }
        return record
    }

    private func cut(_ personal: CasePersonal?, _ visibility: CaseVisibility) -> CasePersonal? {
        guard var personal else { return nil }
        if !visibility.identity {
            personal.name = ""
            personal.dateOfBirth = ""
            personal.identityNumbers = []
        }
        if !visibility.contacts { personal.contacts = [] }
        if !visibility.clinicalNotes { personal.clinicalNotes = "" }
        return personal.isEmpty ? nil : personal
    }

    /// Each condition as the registry writes it (CANCER) and as a person
    /// would (kidney failure), longest first so that a longer name is cut whole.
    static let conditionWords: [String] = {
        var words: [String] = ["pregnancy", "pregnant"]
        for condition in Case.Condition.allCases where condition != .unspecified {
            words.append(condition.rawValue)
            words.append(String(condition.rawValue.map { $0 == "_" ? " " : $0 }))
        }
        return Array(Set(words)).sorted { $0.count > $1.count }
    }()
}

extension EventKind {
    /// The case an event is about, if it is about one.
    var caseID: String? {
        switch self {
        case .caseRegistered(let event): event.case?.id ?? ""
        case .caseUpdated(let event): event.case?.id ?? ""
        case .casePersonalUpdated(let event): event.caseID
        case .caseStatusChanged(let event): event.caseID
        default: nil
        }
    }
}

extension String {
    /// Every occurrence of `word`, in any case, replaced.
    fileprivate func replacingEveryCase(of word: String, with replacement: String) -> String {
        let lower = Array(lowercased().unicodeScalars)
        let target = Array(word.lowercased().unicodeScalars)
        let scalars = Array(unicodeScalars)
        // Lowercasing keeps the count of scalars for the ASCII words cut here;
        // when it does not, cut nothing rather than at the wrong place.
        guard lower.count == scalars.count, !target.isEmpty else { return self }
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if index + target.count <= lower.count && Array(lower[index..<index + target.count]) == target {
                result.append(contentsOf: replacement.unicodeScalars)
                index += target.count
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }
}

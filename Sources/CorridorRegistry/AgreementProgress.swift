import CorridorModel

// Progress per term, derived from events: counted terms from their recorded
// fulfilments, evacuations from the movements of the agreement.

extension RegistryState {
    func agreementProgress(_ agreement: Agreement) -> AgreementProgress {
        var rows: [TermProgress] = []
        var evacuatedByList: [String: Int] = [:]
        for term in agreement.terms {
            let done: UInt32
            let source: String
            switch term.measure {
            case .evacuations:
                let people = term.counting == .people
                let key = "\(people ? "people" : "cases") \(term.listID)"
                let count = evacuatedByList[key] ?? evacuatedCases(agreementID: agreement.id, listID: term.listID, companions: people).count
                evacuatedByList[key] = count
                done = UInt32(clamping: count)
                let counted = people ? "people (cases and their companions)" : "cases"
                source = term.listID.isEmpty
                    ? "\(counted) evacuated by movements of this agreement"
                    : "\(counted) evacuated by movements of this agreement from list \(term.listID)"
            default:
                done = term.fulfilled
                source = "recorded fulfilments"
            }
            rows.append(TermProgress(term: term, done: done, target: term.target, source: source))
        }
        return AgreementProgress(agreement: agreement, terms: rows, allMet: rows.allSatisfy { $0.done >= $0.target })
    }

    /// The cases EVACUATED that are on a manifest (not removed from it) of a
    /// movement of the agreement, and of the list when one is named; the
    /// companions among them only with `companions` (a term counting people).
    func evacuatedCases(agreementID: String, listID: String = "", companions: Bool = true) -> Set<String> {
        var evacuated: Set<String> = []
        for movement in movements.values where movement.agreementID == agreementID && (listID.isEmpty || movement.listID == listID) {
            for passenger in movement.passengers where !passenger.removed && (companions || passenger.companionOf.isEmpty)
                && cases[passenger.caseID]?.status == .evacuated {
                evacuated.insert(passenger.caseID)
            }
        }
        return evacuated
    }

    /// The cases DECEASED that are on an entry (in any state) of a list of the agreement.
    func deceasedOnLists(agreementID: String) -> Set<String> {
        var deceased: Set<String> = []
        for list in lists.values where list.agreementID == agreementID {
            for entry in list.entries where cases[entry.caseID]?.status == .deceased {
                deceased.insert(entry.caseID)
            }
        }
        return deceased
    }
}

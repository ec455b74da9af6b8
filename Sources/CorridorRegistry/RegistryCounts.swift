import CorridorModel

// What the registry itself counts, to set beside the figures sources report.

extension RegistryState {
    public struct RegistryCount: Sendable {
        public var count: UInt64
        public var description: String
    }

    /// The registry's own count of `measure` for the subject, where it keeps one:
    /// a site (with the sites within it) or an agreement.
    public func registryCount(subjectID: String, measure: Figure.Measure) -> RegistryCount? {
        if sites[subjectID] != nil {
            return siteCount(subjectID, measure: measure)
        }
        if let agreement = agreements[subjectID] {
            return agreementCount(agreement, measure: measure)
        }
        if let movement = movements[subjectID], measure == .evacuated {
            let count = Set(movement.passengers.filter { !$0.removed && cases[$0.caseID]?.status == .evacuated }.map(\.caseID)).count
            return RegistryCount(count: UInt64(count), description: "cases on the manifest of movement \(subjectID) that are EVACUATED")
        }
        return nil
    }

    private func siteCount(_ siteID: String, measure: Figure.Measure) -> RegistryCount? {
        let tree = reportSiteTree(siteID)
        let place = tree.count == 1 ? "site \(siteID)" : "site \(siteID) and the \(tree.count - 1) site\(tree.count == 2 ? "" : "s") within it"
        switch measure {
        case .needingEvacuation:
            return RegistryCount(
                count: countCases(at: tree) { Self.reportCountsAsWaiting($0.status) },
                description: "cases at \(place) still waiting (WAITING, LISTED or SCHEDULED)"
            )
        case .diedWhileWaiting:
            return RegistryCount(count: countCases(at: tree) { $0.status == .deceased }, description: "cases at \(place) that died while waiting (DECEASED)")
        case .evacuated:
            // Evacuated cases are at their destination now: count by where they came from.
            var count: UInt64 = 0
            for (id, facts) in caseFacts where facts.status == .evacuated {
                guard let record = cases[id] else { continue }
                if tree.contains(record.originSiteID.isEmpty ? record.siteID : record.originSiteID) { count += 1 }
            }
            return RegistryCount(count: count, description: "cases EVACUATED from \(place)")
        default:
            return nil
        }
    }

    private func agreementCount(_ agreement: Agreement, measure: Figure.Measure) -> RegistryCount? {
        switch measure {
        case .evacuated:
            return RegistryCount(
                count: UInt64(evacuatedCases(agreementID: agreement.id).count),
                description: "cases EVACUATED by movements of agreement \(agreement.id)"
            )
        case .diedWhileWaiting:
            return RegistryCount(
                count: UInt64(deceasedOnLists(agreementID: agreement.id).count),
                description: "cases on the lists of agreement \(agreement.id) that died while waiting (DECEASED)"
            )
        case .detaineesReleased:
            let terms = agreement.terms.filter { $0.measure == .detaineeReleases }
            return RegistryCount(
                count: terms.reduce(0) { $0 + UInt64($1.fulfilled) },
                description: terms.isEmpty
                    ? "agreement \(agreement.id) has no DETAINEE_RELEASES term"
                    : "releases recorded as fulfilled against the DETAINEE_RELEASES term\(terms.count == 1 ? "" : "s") of agreement \(agreement.id) (\(terms.map(\.id).joined(separator: ", ")))"
            )
        default:
            return nil
        }
    }

    /// Counts the cases whose current site is in `tree`.
    private func countCases(at tree: Set<String>, where matches: (CaseFacts) -> Bool) -> UInt64 {
        var count: UInt64 = 0
        forEachReportCase(inSiteTree: tree) { _, facts in if matches(facts) { count += 1 } }
        return count
    }
}

import CorridorModel

// The passes the reports and the registry's own counts make: a site with
// every site within it, and the cases whose current site is in that tree.

extension RegistryState {
    /// The site and every site within it (through parent_id), in no order.
    func reportSiteTree(_ rootID: String) -> Set<String> {
        Self.siteTree(rootID, sites: sites)
    }

    /// The site and every site within it, by their own id strings (as cases
    /// hold them, RegistryState.internedSites). Selection uses it too.
    static func siteTree(_ rootID: String, sites: [String: Site]) -> Set<String> {
        let rootID = sites.index(forKey: rootID).map { sites.keys[$0] } ?? rootID
        var children: [String: [String]] = [:]
        for site in sites.values where !site.parentID.isEmpty {
            children[site.parentID, default: []].append(site.id)
        }
        var tree: Set<String> = [rootID]
        var pending = [rootID]
        while let next = pending.popLast() {
            for child in children[next] ?? [] where tree.insert(child).inserted {
                pending.append(child)
            }
        }
        return tree
    }

    /// Calls `body` with the facts of every case whose current site is in
    /// `tree`: through the by-site index when the tree holds few of the
    /// cases, and otherwise in one pass over them all. Facts, not `Case`s: a
    /// pass over a million `Case` copies is mostly cache misses (CaseFacts).
    func forEachReportCase(inSiteTree tree: Set<String>, _ body: (String, CaseFacts) -> Void) {
        var inTree = 0
        for siteID in tree { inTree += caseTable.count(at: siteID) }
        if inTree > caseFacts.count / 8 {
            // A few site ids compare faster one by one than through a hash.
            let members = Array(tree)
            if members.count <= 32 {
                for (id, facts) in caseFacts where members.contains(facts.siteID) { body(id, facts) }
            } else {
                for (id, facts) in caseFacts where tree.contains(facts.siteID) { body(id, facts) }
            }
        } else {
            for siteID in tree {
                for slot in caseTable.slots(at: siteID) {
                    body(caseTable.id(at: Int(slot)), caseTable.facts(at: Int(slot)))
                }
            }
        }
    }
}

import LoadChecks
import Testing

@Suite struct AckLedgerTests {
    static func facts(_ name: String, status: String = "WAITING") -> CaseFacts {
        CaseFacts(siteID: "enclave-1", ageMonths: 30, sex: "FEMALE", precedence: "URGENT", name: name, status: status)
    }

    /// Withdraw a waiting case, return a withdrawn one: the soak's status changes.
    static func next(_ status: String) -> String? {
        status == "WAITING" ? "WITHDRAWN" : status == "WITHDRAWN" ? "WAITING" : nil
    }

    @Test func everyAcknowledgedCasePresentAndRightIsClean() throws {
        var ledger = AckLedger()
        ledger.registered(id: "C-1", facts: Self.facts("a"))
        ledger.registered(id: "C-2", facts: Self.facts("b"))
        let claimOffered = ledger.claimStatusChange(hint: 0, to: Self.next)
        let claim = try #require(claimOffered)
        ledger.statusChanged(id: claim.id, to: claim.to)
        var observed = ["C-1": Self.facts("a"), "C-2": Self.facts("b")]
        observed[claim.id]?.status = "WITHDRAWN"
        // A case the ledger never saw acknowledged (an unknown registration) is fine.
        observed["C-3"] = Self.facts("c")
        let result = ledger.verify(observed: observed)
        #expect(result.isClean)
        #expect(result.checked == 2)
        #expect(ledger.acknowledgedWrites == 3)
    }

    @Test func anAcknowledgedCaseMissingIsLost() {
        var ledger = AckLedger()
        ledger.registered(id: "C-1", facts: Self.facts("a"))
        ledger.registered(id: "C-2", facts: Self.facts("b"))
        let result = ledger.verify(observed: ["C-1": Self.facts("a")])
        #expect(result.lost == ["C-2"])
        #expect(!result.isClean)
    }

    @Test func anAcknowledgedStatusChangeUndoneIsWrong() throws {
        var ledger = AckLedger()
        ledger.registered(id: "C-1", facts: Self.facts("a"))
        let claimOffered = ledger.claimStatusChange(hint: 0, to: Self.next)
        let claim = try #require(claimOffered)
        ledger.statusChanged(id: claim.id, to: "WITHDRAWN")
        let result = ledger.verify(observed: ["C-1": Self.facts("a", status: "WAITING")])
        #expect(result.wrong.count == 1)
        #expect(result.lost.isEmpty)
    }

    @Test func changedContentIsWrong() {
        var ledger = AckLedger()
        ledger.registered(id: "C-1", facts: Self.facts("Amal"))
        let result = ledger.verify(observed: ["C-1": Self.facts("Amal Haddad")])
        #expect(result.wrong.count == 1)
    }

    @Test(arguments: ["WAITING", "WITHDRAWN"])
    func anUnknownChangeAcceptsEitherOutcomeAndSettlesOnIt(found: String) throws {
        var ledger = AckLedger()
        ledger.registered(id: "C-1", facts: Self.facts("a"))
        let claimOffered = ledger.claimStatusChange(hint: 0, to: Self.next)
        let claim = try #require(claimOffered)
        ledger.statusChangeUnknown(id: claim.id, to: claim.to)
        // Left alone until a check settles it.
        let busy = ledger.claimStatusChange(hint: 0, to: Self.next)
        #expect(busy == nil)
        let result = ledger.verify(observed: ["C-1": Self.facts("a", status: found)])
        #expect(result.isClean)
        #expect(result.settled == 1)
        #expect(result.settledAsMade == (found == "WITHDRAWN" ? 1 : 0))
        // From now on the status found is the one held to.
        let other = found == "WAITING" ? "WITHDRAWN" : "WAITING"
        let afterOther = ledger.verify(observed: ["C-1": Self.facts("a", status: other)])
        #expect(!afterOther.isClean)
        let afterFound = ledger.verify(observed: ["C-1": Self.facts("a", status: found)])
        #expect(afterFound.isClean)
        #expect(ledger.unknownWrites == 1)
    }

    @Test func anUnknownChangeDoesNotExcuseAThirdStatus() throws {
        var ledger = AckLedger()
        ledger.registered(id: "C-1", facts: Self.facts("a"))
        let claimOffered = ledger.claimStatusChange(hint: 0, to: Self.next)
        let claim = try #require(claimOffered)
        ledger.statusChangeUnknown(id: claim.id, to: claim.to)
        let result = ledger.verify(observed: ["C-1": Self.facts("a", status: "DECEASED")])
        #expect(!result.isClean)
    }

    @Test func aClaimedCaseIsNotHandedOutTwiceUntilItsAnswer() throws {
        var ledger = AckLedger()
        ledger.registered(id: "C-1", facts: Self.facts("a"))
        let firstOffered = ledger.claimStatusChange(hint: 5, to: Self.next)
        let first = try #require(firstOffered)
        let busy = ledger.claimStatusChange(hint: 5, to: Self.next)
        #expect(busy == nil)
        ledger.statusChangeRefused(id: first.id)
        let againOffered = ledger.claimStatusChange(hint: 5, to: Self.next)
        let again = try #require(againOffered)
        // Refused: nothing was written, the status is still the acknowledged one.
        #expect(again.from == "WAITING")
    }
}

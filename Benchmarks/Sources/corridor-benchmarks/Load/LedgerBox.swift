import CorridorClient
import LoadChecks
import Synchronization

/// The soak's ledger of acknowledged writes, shared by every caller.
final class LedgerBox: Sendable {
    private let ledger = Mutex(AckLedger())

    func registered(_ record: Case, name: String) {
        let facts = CaseFacts(
            siteID: record.siteID, ageMonths: record.ageMonths, sex: record.sex.rawValue,
            precedence: record.precedence.rawValue, name: name, status: record.status.rawValue
        )
        ledger.withLock { $0.registered(id: record.id, facts: facts) }
    }

    func registrationUnknown() { ledger.withLock { $0.registrationUnknown() } }

    func caseID(hint: Int) -> String? { ledger.withLock { $0.caseID(hint: hint) } }

    func claimStatusChange(hint: Int) -> (id: String, from: String, to: String)? {
        ledger.withLock { $0.claimStatusChange(hint: hint, to: LoadWorld.nextStatus(from:)) }
    }

    func statusChanged(id: String, to status: String) { ledger.withLock { $0.statusChanged(id: id, to: status) } }
    func statusChangeRefused(id: String) { ledger.withLock { $0.statusChangeRefused(id: id) } }
    func statusChangeUnknown(id: String, to status: String) { ledger.withLock { $0.statusChangeUnknown(id: id, to: status) } }

    func verify(observed: [String: CaseFacts]) -> AckLedger.Verification { ledger.withLock { $0.verify(observed: observed) } }

    var acknowledgedWrites: Int { ledger.withLock { $0.acknowledgedWrites } }
    var unknownWrites: Int { ledger.withLock { $0.unknownWrites } }
    var caseCount: Int { ledger.withLock { $0.caseCount } }
}

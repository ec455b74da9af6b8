import CorridorModel
import CorridorRegistry
import Glibc
import Logging

/// A small, real registry for the targets to work against: parties, a site
/// tree with a crossing, waiting cases with personal data, a death and a
/// withdrawal. Built through the registry's own commands, so every record in
/// it is one corridord would write.
public enum SampleWorld {
    public static let actor = Actor(uid: 1000, userName: "fuzz", pid: 1, role: "registrar", requestID: "fuzz")

    public static let parties = [
        Party(id: "gov", shortName: "Government", fullName: "Government of the Republic", kind: .government),
        Party(id: "jaish", shortName: "Jaish", kind: .armedGroup, aliases: ["JI"]),
        Party(id: "sarc", shortName: "SARC", fullName: "Syrian Arab Red Crescent", kind: .redCrossRedCrescent),
    ]

    public static let sites = [
        Site(id: "ghouta", name: "Eastern Ghouta", kind: .enclave, controlledBy: "jaish", besiegedBy: ["gov"], besiegedSince: "2013-04-01"),
        Site(id: "douma", name: "Douma", kind: .city, parentID: "ghouta"),
        Site(id: "douma-hospital", name: "Douma Hospital", kind: .hospital, parentID: "douma"),
        Site(id: "wafideen", name: "Al-Wafideen", kind: .crossing, controlledBy: "gov"),
        Site(id: "damascus", name: "Damascus", kind: .city),
    ]

    public static func patient(_ index: Int) -> Case {
        Case(
            siteID: "douma-hospital", ageMonths: UInt32(3 + 7 * index % 900), sex: index.isMultiple(of: 2) ? .female : .male,
            precedence: index.isMultiple(of: 3) ? .urgent : .priority, conditions: [.kidneyFailure], needs: [.dialysis],
            consentGiven: true
        )
    }

    public static func personal(_ index: Int) -> CasePersonal {
        CasePersonal(
            name: "Person \(index)", dateOfBirth: birthDate(ageMonths: Int(patient(index).ageMonths)),
            contacts: ["+963 11 000 \(index)"], identityNumbers: ["NID-\(index)"]
        )
    }

    /// A birth date that agrees with `ageMonths` today: the registry refuses
    /// one more than a year away from the age it is given.
    static func birthDate(ageMonths: Int) -> String {
        let today = CivilDate.utcDay(ofUnixMs: UInt64(time(nil)) * 1000)
        return today.adding(days: -Int(Double(ageMonths) * 30.4375)).description
    }

    /// Registers the parties, sites and `cases` cases; returns the cases' ids.
    @discardableResult
    public static func seed(_ registry: Registry, cases: Int) async throws -> [String] {
        for party in parties { _ = try await registry.registerParty(party, actor: actor) }
        for site in sites { _ = try await registry.registerSite(site, actor: actor) }
        var ids: [String] = []
        for index in 0..<cases {
            let view = try await registry.registerCase(patient(index), personal: personal(index), actor: actor)
            if let id = view.case?.id { ids.append(id) }
        }
        if ids.count >= 2 {
            _ = try await registry.setCaseStatus(caseID: ids[0], status: .deceased, date: "2018-02-20", reason: "died waiting", actor: actor)
            _ = try await registry.setCaseStatus(caseID: ids[1], status: .withdrawn, date: "", reason: "recovered", actor: actor)
        }
        _ = try await registry.setCrossingStatus(siteID: "wafideen", status: .restricted, reason: "shelling", actor: actor)
        return ids
    }

    /// A logger that drops everything: a target logs nothing per input.
    public static let quietLogger = Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Where the targets make their directories: CORRIDOR_FUZZ_SCRATCH when
    /// set (run-fuzz points it at a directory it removes afterwards, on
    /// /dev/shm so that commits cost no disk sync), else /tmp.
    public static var scratchRoot: String {
        if let value = getenv("CORRIDOR_FUZZ_SCRATCH"), let text = String(validatingCString: value), !text.isEmpty { return text }
        return "/tmp"
    }

    /// A new empty directory under the scratch root.
    public static func makeTemporaryDirectory(_ prefix: String) -> String {
        var template = Array("\(scratchRoot)/\(prefix)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("mkdtemp under \(scratchRoot) failed: errno \(errno)") }
        return String(cString: made)
    }
}

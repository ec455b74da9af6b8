@testable import CorridorRegistry
import CorridorModel
import CorridorStore
import CorridorTestSupport
import CorridorWire
import Foundation
import Logging
import Testing

// Shared helpers of the registry's tests: registries opened on small
// segments in a temporary directory (CorridorTestSupport), a known world of
// parties and sites, and the refusals as values.

/// `Actor` is also the name of Swift's actor protocol.
typealias Operator = CorridorModel.Actor

let quietLogger = Logger(label: "corridor.registry.tests") { _ in SwiftLogNoOpLogHandler() }

/// The operator most commands are made by.
let registrar = Operator(uid: 1000, userName: "amina", pid: 4242, role: "registrar", requestID: "req-test")

/// Small segments, so that a few hundred events roll the log.
func smallSegmentOptions() -> RegistryOptions {
    var options = RegistryOptions()
    options.store.segmentBytes = 64 * 1024
    return options
}

func openRegistry(_ directory: String, options: RegistryOptions = smallSegmentOptions()) throws -> Registry {
    try Registry.open(dataDirectory: directory, recordCoding: testRecordCoding, options: options, logger: quietLogger).0
}

/// A registry on a fresh data directory, closed and removed after `body`.
func withRegistry<T>(_ body: (Registry) async throws -> T) async throws -> T {
    try await withTemporaryDirectory { directory in
        let registry = try openRegistry(directory)
        do {
            let result = try await body(registry)
            await registry.close()
            return result
        } catch {
            await registry.close()
            throw error
        }
    }
}

/// Runs `body` on a registry of `directory` and then lets go of it. Unless
/// `body` closes it, that is what a crash leaves: a log never closed. Either
/// way the data directory's lock goes only with the last reference to the
/// registry (close() does not release it), so this checks that nothing keeps
/// the registry alive before the caller opens the directory again.
func withRegistryReleasedAfterwards<T>(
    _ directory: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: (Registry) async throws -> T
) async throws -> T {
    weak var dropped: Registry?
    let result: T
    do {
        let registry = try openRegistry(directory)
        dropped = registry
        result = try await body(registry)
        // A background snapshot holds the registry until its file is in place.
        await registry.waitForBackgroundWork()
    }
    #expect(dropped == nil, "the unclosed registry is still referenced; its directory lock would refuse a reopen", sourceLocation: sourceLocation)
    return result
}

// MARK: Refusals

extension RegistryError {
    /// The fields an INVALID_ARGUMENT names, in order.
    var fields: [String] { fieldViolations.map(\.field) }
}

// MARK: A known world

enum World {
    static let government = Party(id: "gov", shortName: "Government", fullName: "Government of the Republic", kind: .government)
    static let armedGroup = Party(id: "jaish", shortName: "Jaish", kind: .armedGroup, aliases: ["JI"])
    static let redCrescent = Party(id: "sarc", shortName: "SARC", fullName: "Syrian Arab Red Crescent", kind: .redCrossRedCrescent)
    static let ocha = Party(id: "un-ocha", shortName: "OCHA", kind: .unAgency)
    static let parties = [government, armedGroup, redCrescent, ocha]

    static let enclave = Site(id: "ghouta", name: "Eastern Ghouta", kind: .enclave, controlledBy: "jaish", besiegedBy: ["gov"], besiegedSince: "2013-04-01")
    static let town = Site(id: "douma", name: "Douma", kind: .city, parentID: "ghouta")
    static let hospital = Site(id: "douma-hospital", name: "Douma Hospital", kind: .hospital, parentID: "douma")
    static let shelter = Site(id: "douma-shelter", name: "Douma Shelter", kind: .shelter, parentID: "douma")
    static let crossing = Site(id: "wafideen", name: "Al-Wafideen", kind: .crossing, controlledBy: "gov")
    static let capital = Site(id: "damascus", name: "Damascus", kind: .city)
    static let sites = [enclave, town, hospital, shelter, crossing, capital]

    /// Registers the parties and sites above; returns the last sequence.
    static func seed(_ registry: Registry) async throws {
        for party in parties { _ = try await registry.registerParty(party, actor: registrar) }
        for site in sites { _ = try await registry.registerSite(site, actor: registrar) }
    }

    /// A valid case waiting at the hospital.
    static func patient(
        id: String = "", site: String = "douma-hospital", ageMonths: UInt32 = 96, sex: Case.Sex = .female,
        precedence: Case.Precedence = .urgent, conditions: [Case.Condition] = [.kidneyFailure], needs: [Case.Need] = [.dialysis],
        companions: [String] = [], pregnant: Bool = false
    ) -> Case {
        Case(
            id: id, siteID: site, ageMonths: ageMonths, sex: sex, precedence: precedence, conditions: conditions,
            needs: needs, consentGiven: true, companionIDs: companions, pregnant: pregnant
        )
    }

    /// The personal part of `patient()`: born 96 months ago, as its age says.
    static let personal = CasePersonal(
        name: "Layla H.", dateOfBirth: dateOfBirth(ageMonths: 96), contacts: ["+963 11 000 0000"], identityNumbers: ["NID-0001"],
        clinicalNotes: "haemodialysis twice a week"
    )
}

/// A birth date that agrees with `ageMonths` for a case registered today
/// (the registry refuses one that does not, within a year), `plusDays` later.
func dateOfBirth(ageMonths: Int, plusDays: Int = 0) -> String {
    let today = CivilDate.utcDay(ofUnixMs: UInt64(Date().timeIntervalSince1970 * 1000))
    var year = today.year - ageMonths / 12
    var month = today.month - ageMonths % 12
    if month < 1 {
        month += 12
        year -= 1
    }
    return CivilDate(year: year, month: month, day: min(today.day, 28)).adding(days: plusDays).description
}

extension Registry {
    /// Every event of the log, as watch and history see them.
    nonisolated func allRecordedEvents() -> [(sequence: UInt64, flags: RecordFlags, event: Event?)] {
        var records: [(UInt64, RecordFlags, Event?)] = []
        eventLog.read(from: 1) { record in
            records.append((record.header.sequence, record.header.flags, try? testRecordCoding.decodeEvent(record.payload)))
            return true
        }
        return records
    }
}

// MARK: Deterministic randomness

// MARK: Waiting without sleeping

enum DeadlineOutcome<T: Sendable>: Sendable { case finished(T), deadline }

/// Runs `body`, which must end promptly once cancelled, and fails the test if
/// it has not finished within `seconds`. This is a guard against a hang, not
/// a synchronisation: when the awaited thing happens, nobody waits for the clock.
/// Stretched under a sanitizer (TestDeadline).
@discardableResult
func withinDeadline<T: Sendable>(
    _ what: String, seconds: Int = 5, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable () async -> T
) async -> T? {
    return await withTaskGroup(of: DeadlineOutcome<T>.self) { group in
        group.addTask { .finished(await body()) }
        group.addTask {
            try? await Task.sleep(for: TestDeadline.scaled(.seconds(seconds)))
            return .deadline
        }
        let first = await group.next()!
        group.cancelAll()
        switch first {
        case .finished(let value):
            return value
        case .deadline:
            Issue.record("\(what) did not happen within \(TestDeadline.scaled(.seconds(seconds)))", sourceLocation: sourceLocation)
            return nil
        }
    }
}

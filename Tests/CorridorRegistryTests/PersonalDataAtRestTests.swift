@testable import CorridorRegistry
import CorridorModel
import CorridorPrivacy
import CorridorStore
import CorridorTestSupport
import CorridorWire
import Foundation
import Testing

/// Personal parts sealed at rest and erasable for good (docs/PRIVACY.md):
/// no name in clear in any file, erasure destroys the key and survives
/// replay and snapshots, the log still verifies, crashes lose nothing.
@Suite struct PersonalDataAtRestTests {
    static let name = "Layla Haddad-Sealed"
    static var personal: CasePersonal {
        var personal = World.personal
        personal.name = name
        return personal
    }

    static func sealingCoding(_ directory: String) throws -> ProtobufRecordCoding {
        ProtobufRecordCoding(sealer: try PersonalDataVault.open(keyFile: directory + "/personal-data.key", dataDirectory: directory))
    }

    static func openSealed(_ directory: String, coding: ProtobufRecordCoding? = nil) throws -> Registry {
        try Registry.open(dataDirectory: directory, recordCoding: coding ?? sealingCoding(directory), options: smallSegmentOptions(), logger: quietLogger).0
    }

    /// Runs `body` on a registry of `directory` and lets go of it without
    /// closing it (a crash), in a frame of its own so that nothing keeps it
    /// (and the directory's lock) alive after.
    static func released<T>(
        _ directory: String, coding: ProtobufRecordCoding? = nil, _ body: (Registry) async throws -> T
    ) async throws -> T {
        weak var dropped: Registry?
        let result: T
        do {
            let registry = try openSealed(directory, coding: coding)
            dropped = registry
            result = try await body(registry)
            await registry.waitForBackgroundWork()
        }
        #expect(dropped == nil, "the registry is still referenced")
        return result
    }

    /// Every file under `directory` whose bytes hold `text`.
    static func filesHolding(_ text: String, in directory: String) throws -> [String] {
        let needle = Data(text.utf8)
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if try Data(contentsOf: URL(fileURLWithPath: path)).range(of: needle) != nil { found.append(relative) }
        }
        return found
    }

    @Test func aRegisteredNameIsInNoFileOfTheDirectoryInClear() async throws {
        try await withTemporaryDirectory { directory in
            let registry = try Self.openSealed(directory)
            try await World.seed(registry)
            let view = try await registry.registerCase(World.patient(), personal: Self.personal, actor: registrar)
            let id = try #require(view.case?.id)
            var changed = Self.personal
            changed.clinicalNotes = "dialysis every other day, Sealed-Notes"
            _ = try await registry.updateCase(Case(id: id, siteID: "", ageMonths: 0, sex: .unspecified, precedence: .unspecified, consentGiven: false),
                                              personal: changed, fields: ["personal.clinical_notes"], reason: "", actor: registrar)
            try await registry.snapshotNow()
            #expect(try await registry.caseView(id).personal?.name == Self.name, "reads are served in clear")
            #expect(try Self.filesHolding(Self.name, in: directory) == [])
            #expect(try Self.filesHolding("Sealed-Notes", in: directory) == [])
            await registry.close()
            #expect(try Self.filesHolding(Self.name, in: directory) == [])

            // The same registry without sealing would have written it: the grep can fail.
            let clear = try makeTemporaryDirectory()
            let plain = try Registry.open(dataDirectory: clear, recordCoding: ProtobufRecordCoding(), options: smallSegmentOptions(), logger: quietLogger).0
            try await World.seed(plain)
            _ = try await plain.registerCase(World.patient(), personal: Self.personal, actor: registrar)
            await plain.close()
            #expect(try !Self.filesHolding(Self.name, in: clear).isEmpty)
            try? FileManager.default.removeItem(atPath: clear)
        }
    }

    @Test func anErasureDestroysTheKeyAndSurvivesReplayAndSnapshots() async throws {
        try await withTemporaryDirectory { directory in
            let id = try await Self.released(directory) { registry in
                try await World.seed(registry)
                let id = try #require(try await registry.registerCase(World.patient(), personal: Self.personal, actor: registrar).case?.id)
                let other = try await registry.registerCase(World.patient(), personal: World.personal, actor: registrar)
                try await registry.snapshotNow()  // a snapshot holding the sealed part, from before the erasure
                let erased = try await registry.erasePersonalData(caseID: id, reason: "asked by the person", actor: registrar)
                let erasure = try #require(erased.personal?.erasure)
                #expect(erasure.reason == "asked by the person")
                #expect(erased.personal?.name == "")
                #expect(erased.case?.status == .waiting, "the operational part stays")
                #expect(try await registry.caseView(other.case?.id ?? "").personal?.name == World.personal.name)

                // History says when and why, and no event holds the name any more.
                let history = try await registry.history(of: id)
                #expect(history.last?.event?.kind == .casePersonalErased(CasePersonalErased(caseID: id)))
                #expect(history.last?.event?.reason == "asked by the person")
                if case .caseRegistered(let registered)? = history.first?.event?.kind {
                    #expect(registered.personal?.erasure == erasure)
                    #expect(registered.personal?.name == "")
                } else {
                    Issue.record("the first event is not the registration")
                }

                // A second erasure is refused, saying when the first was.
                let again = try await #require(throws: RegistryError.self) {
                    try await registry.erasePersonalData(caseID: id, reason: "again", actor: registrar)
                }
                #expect(again.code == .failedPrecondition)
                #expect(again.message.contains("erased on \(CivilDate.utcDay(ofUnixMs: erasure.atMs)) under asked by the person"), "\(again.message)")
                return id
            }

            // Replay from the snapshot written before the erasure, then the log.
            try await Self.released(directory) { replayed in
                #expect(try await replayed.caseView(id).personal?.erasure?.reason == "asked by the person")
                #expect(try await replayed.caseView(id).personal?.name == "")
                try await replayed.snapshotNow()
                await replayed.close()
            }
            // And from a snapshot written after it.
            let fromSnapshot = try Self.openSealed(directory)
            #expect(try await fromSnapshot.caseView(id).personal?.erasure?.reason == "asked by the person")
            await fromSnapshot.close()

            // The key is gone from the key store, nothing holds the name, the log verifies.
            let store = try PersonalKeyStore.read(path: directory + "/" + KeyStoreFormat.fileName)
            #expect(store.keys[id] == nil)
            #expect(store.keys.count == 1)
            #expect(try Self.filesHolding(Self.name, in: directory) == [])
            let report = try DataDirectoryInspector(directory: directory).verify()
            #expect(report.isClean, "\(report.findings)")
        }
    }

    @Test func erasureNeedsAReasonAndAKnownCase() async throws {
        try await withTemporaryDirectory { directory in
            let registry = try Self.openSealed(directory)
            try await World.seed(registry)
            let id = try #require(try await registry.registerCase(World.patient(), personal: Self.personal, actor: registrar).case?.id)
            let noReason = try await #require(throws: RegistryError.self) { try await registry.erasePersonalData(caseID: id, reason: "  ", actor: registrar) }
            #expect(noReason.code == .invalidArgument)
            #expect(noReason.fields == ["reason"])
            let unknown = try await #require(throws: RegistryError.self) { try await registry.erasePersonalData(caseID: "C-999999", reason: "x", actor: registrar) }
            #expect(unknown.code == .notFound)
            _ = try await registry.erasePersonalData(caseID: id, reason: "court order", actor: registrar)
            // An erased personal part is not written again.
            let update = try await #require(throws: RegistryError.self) {
                try await registry.updateCase(Case(id: id, siteID: "", ageMonths: 0, sex: .unspecified, precedence: .unspecified, consentGiven: false),
                                              personal: Self.personal, fields: ["personal.name"], reason: "", actor: registrar)
            }
            #expect(update.code == .failedPrecondition)
            #expect(update.fields == ["personal.name"])
            await registry.close()
        }
    }

    /// A sealer that records the erasure but cannot destroy the key: a crash
    /// between the erasure's event and the key store's rewrite.
    struct KeyDestructionFails: PersonalDataSealer {
        let inner: PersonalDataVault
        func seal(_ plaintext: [UInt8], caseID: String) throws(SealingError) -> [UInt8] { try inner.seal(plaintext, caseID: caseID) }
        func open(_ sealed: [UInt8], caseID: String) throws(SealingError) -> [UInt8]? { try inner.open(sealed, caseID: caseID) }
        func destroyKeys(of caseIDs: Set<String>) throws(SealingError) { throw SealingError("the machine went down") }
        func hasKey(caseID: String) -> Bool { inner.hasKey(caseID: caseID) }
    }

    @Test func anErasureInterruptedBeforeTheKeyIsDestroyedIsFinishedAtTheNextStart() async throws {
        try await withTemporaryDirectory { directory in
            let vault = try PersonalDataVault.open(keyFile: directory + "/personal-data.key", dataDirectory: directory)
            let id = try await Self.released(directory, coding: ProtobufRecordCoding(sealer: KeyDestructionFails(inner: vault))) { registry in
                try await World.seed(registry)
                let id = try #require(try await registry.registerCase(World.patient(), personal: Self.personal, actor: registrar).case?.id)
                let failure = try await #require(throws: RegistryError.self) {
                    try await registry.erasePersonalData(caseID: id, reason: "retention", actor: registrar)
                }
                #expect(failure.message.contains("the next start destroys it"), "\(failure.message)")
                #expect(vault.hasKey(caseID: id), "the crash left the key")
                return id
            }
            let reopened = try Self.openSealed(directory)
            #expect(try PersonalKeyStore.read(path: directory + "/" + KeyStoreFormat.fileName).keys[id] == nil)
            #expect(try await reopened.caseView(id).personal?.erasure?.reason == "retention")
            await reopened.close()
        }
    }

    @Test func aKeyStoredWithoutItsRecordLosesNothingAndIsReused() async throws {
        try await withTemporaryDirectory { directory in
            try await Self.released(directory) { registry in
                try await World.seed(registry)
                _ = try await registry.registerCase(World.patient(), personal: World.personal, actor: registrar)
            }
            // The crash: the next case's key made durable, its record never appended.
            let vault = try PersonalDataVault.open(keyFile: directory + "/personal-data.key", dataDirectory: directory)
            _ = try vault.seal([1, 2, 3], caseID: "C-000002")
            try await Self.released(directory, coding: ProtobufRecordCoding(sealer: vault)) { registry in
                #expect(try await registry.caseView("C-000001").personal == World.personal, "what was acknowledged is there")
                let second = try await registry.registerCase(World.patient(), personal: Self.personal, actor: registrar)
                #expect(second.case?.id == "C-000002")
                await registry.close()
            }
            let reopened = try Self.openSealed(directory)
            #expect(try await reopened.caseView("C-000002").personal?.name == Self.name)
            await reopened.close()
        }
    }

    @Test func aLogWrittenBeforeSealingOpensAndItsNextSnapshotIsSealed() async throws {
        try await withTemporaryDirectory { directory in
            try await Self.released(directory, coding: ProtobufRecordCoding()) { old in
                try await World.seed(old)
                _ = try await old.registerCase(World.patient(), personal: Self.personal, actor: registrar)
            }
            try await Self.released(directory) { registry in
                #expect(try await registry.caseView("C-000001").personal?.name == Self.name)
                try await registry.snapshotNow()
                await registry.close()
            }
            // The old segment keeps its clear bytes (append-only); the snapshot does not hold them.
            #expect(try Self.filesHolding(Self.name, in: directory + "/snapshots") == [])
            #expect(try Self.filesHolding(Self.name, in: directory + "/segments") != [])
            let reopened = try Self.openSealed(directory)
            #expect(try await reopened.caseView("C-000001").personal?.name == Self.name)
            await reopened.close()
        }
    }

    @Test func aSealedLogOpenedWithoutAKeyFileIsRefusedNotServedAsData() async throws {
        try await withTemporaryDirectory { directory in
            try await Self.released(directory) { registry in
                try await World.seed(registry)
                _ = try await registry.registerCase(World.patient(), personal: Self.personal, actor: registrar)
            }
            let error = try await #require(throws: RegistryError.self) {
                try Registry.open(dataDirectory: directory, recordCoding: ProtobufRecordCoding(), options: smallSegmentOptions(), logger: quietLogger)
            }
            #expect(error.code == .dataLoss)
            #expect(error.message.contains("no key file"), "\(error.message)")
        }
    }

    @Test func retentionErasesTheCasesClosedLongerThanItsDaysAndNoOther() async throws {
        try await withTemporaryDirectory { directory in
            let registry = try Self.openSealed(directory)
            try await World.seed(registry)
            let today = CivilDate.utcDay(ofUnixMs: UInt64(Date().timeIntervalSince1970 * 1000))
            let dead = try #require(try await registry.registerCase(World.patient(), personal: Self.personal, actor: registrar).case?.id)
            _ = try await registry.setCaseStatus(caseID: dead, status: .deceased, date: today.description, reason: "shelling", actor: registrar)
            let waiting = try #require(try await registry.registerCase(World.patient(), personal: Self.personal, actor: registrar).case?.id)
            let withdrawn = try #require(try await registry.registerCase(World.patient(), personal: Self.personal, actor: registrar).case?.id)
            _ = try await registry.setCaseStatus(caseID: withdrawn, status: .withdrawn, date: "", reason: "left by other means", actor: registrar)
            let dayMs: UInt64 = 86_400_000
            let startOfToday = UInt64(today.daysSinceEpoch) * dayMs
            // The clock, not a sleep: 30 days on, nothing has passed 365 days.
            #expect(try await registry.erasePersonalDataPastRetention(closedForDays: 365, nowMs: startOfToday + 30 * dayMs, actor: registrar) == [])
            // 367 days on, both closed cases have.
            let erased = try await registry.erasePersonalDataPastRetention(closedForDays: 365, nowMs: startOfToday + 367 * dayMs, actor: registrar)
            #expect(erased == [dead, withdrawn].sorted())
            #expect(try await registry.caseView(dead).personal?.erasure?.reason == "retention")
            #expect(try await registry.caseView(waiting).personal?.name == Self.name)
            // Running again erases nothing more.
            #expect(try await registry.erasePersonalDataPastRetention(closedForDays: 365, nowMs: startOfToday + 400 * dayMs, actor: registrar) == [])
            await registry.close()
        }
    }
}

import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// The daemon itself, spawned: a name registered through the socket is in no
/// file of the data directory; after an erasure it cannot be recovered from
/// it, with or without the key file, and the log still verifies; a key file
/// open to others or damaged refuses the start, naming it; kill -9 while
/// cases are registered loses no acknowledged personal part.
@Suite(.serialized) struct PersonalDataOnDiskTests {
    static let name = "Zainab Grep-Target"

    static func files(holding text: String, in directory: String) throws -> [String] {
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

    static func corridorctl(_ arguments: [String]) async throws -> ProcessOutcome {
        let path = try CorridordBinary.url().deletingLastPathComponent().appendingPathComponent("corridorctl").path
        return try await TestProcess.run(path, arguments)
    }

    static let patient = Case(siteID: "hospital", ageMonths: 400, sex: .female, precedence: .urgent, conditions: [.cancer], consentGiven: true)

    @Test func aNameRegisteredThroughTheDaemonIsInNoFileAndAnErasureLeavesItNowhere() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("s.sock")
        let data = scratch.file("data")
        let arguments = ["--socket", socket, "--data-dir", data]

        let id: String
        do {
            let daemon = try await Harness.startReady(arguments, in: scratch)
            let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
            _ = try await client.registerSite(Site(id: "hospital", name: "Hospital", kind: .hospital))
            let view = try await client.registerCase(Self.patient, personal: CasePersonal(name: Self.name, identityNumbers: ["NID-Grep-7"]))
            id = try #require(view.case?.id)
            await client.close()
            try await daemon.stopWhileReading()  // the stop writes a snapshot
        }
        #expect(FileManager.default.fileExists(atPath: data + "/snapshots"))
        #expect(try Self.files(holding: Self.name, in: data) == [])
        #expect(try Self.files(holding: "NID-Grep-7", in: data) == [])
        var status = stat()
        #expect(stat(data + "/personal-data.key", &status) == 0 && status.st_mode & 0o777 == 0o600)

        // Without the key file inspect shows a marker; with it, the record opens.
        let sealed = try await Self.corridorctl(["inspect", "dump", data, "--type", "case_registered"])
        #expect(sealed.stdout.contains("personal: sealed"), "\(sealed.transcript)")
        let opened = try await Self.corridorctl(["inspect", "dump", data, "--json", "--key-file", data + "/personal-data.key"])
        #expect(opened.stdout.contains(Self.name), "\(opened.transcript)")

        do {
            let daemon = try await Harness.startReady(arguments, in: scratch)
            let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
            #expect(try await client.caseView(id).personal?.name == Self.name, "read back after a restart")
            let erased = try await client.eraseCasePersonalData(id, reason: "asked by the person")
            #expect(erased.personal?.erasure?.reason == "asked by the person")
            #expect(try await client.caseView(id).personal?.name == "")
            await client.close()
            try await daemon.stopWhileReading()
        }

        #expect(try Self.files(holding: Self.name, in: data) == [])
        let afterErasure = try await Self.corridorctl(["inspect", "dump", data, "--json", "--key-file", data + "/personal-data.key"])
        #expect(afterErasure.status == 0, "\(afterErasure.transcript)")
        #expect(!afterErasure.stdout.contains(Self.name), "\(afterErasure.transcript)")
        let text = try await Self.corridorctl(["inspect", "dump", data, "--type", "case_registered", "--key-file", data + "/personal-data.key"])
        #expect(text.stdout.contains("personal: erased"), "\(text.transcript)")
        let verify = try await Self.corridorctl(["inspect", "verify", data])
        #expect(verify.status == 0, "\(verify.transcript)")

        // It starts again, with the erasure in place.
        do {
            let daemon = try await Harness.startReady(arguments, in: scratch)
            let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
            #expect(try await client.caseView(id).personal?.erasure?.reason == "asked by the person")
            await client.close()
            try await daemon.stopWhileReading()
        }
    }

    @Test(arguments: ["mode", "damaged"])
    func aKeyFileOpenToOthersOrDamagedRefusesTheStartNamingIt(fault: String) async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("data")
        let key = scratch.file("corridor.key")
        let arguments = ["--socket", scratch.file("s.sock"), "--data-dir", data, "--key-file", key]
        let daemon = try await Harness.startReady(arguments, in: scratch)
        try await daemon.stopWhileReading()
        if fault == "mode" {
            #expect(chmod(key, 0o644) == 0)
        } else {
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: key)))
            bytes[30] ^= 0x40
            try Data(bytes).write(to: URL(fileURLWithPath: key))
            #expect(chmod(key, 0o600) == 0)
        }
        let outcome = try await TestProcess.run(try CorridordBinary.url().path, arguments, environment: ["NOTIFY_SOCKET": nil])
        #expect(outcome.status != 0, "\(outcome.transcript)")
        #expect(outcome.output.contains("key file \(key)"), "\(outcome.transcript)")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("s.sock")), "it never listened")
    }

    /// kill -9 at random moments while writers register cases with personal
    /// parts at once (so the kill lands inside requests: after a key is
    /// stored, before its record is appended, and everywhere else): every
    /// acknowledged case reads back with its name after the restart.
    @Test func acknowledgedPersonalPartsSurviveKillNine() async throws {
        let rounds = 8
        let seed = UInt64.random(in: 1...UInt64.max)
        var random = SeededGenerator(seed: seed)
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("s.sock")
        let arguments = ["--socket", socket, "--data-dir", scratch.file("data")]
        var acknowledged: [String: String] = [:]
        for round in 0..<rounds {
            let daemon = try await Harness.startReady(arguments, in: scratch)
            let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
            if round == 0 { _ = try await client.registerSite(Site(id: "hospital", name: "Hospital", kind: .hospital)) }
            for (id, name) in acknowledged {
                #expect(try await client.caseView(id).personal?.name == name, "round \(round), seed \(seed): \(id) lost its personal part")
            }
            await client.close()
            let counter = AcknowledgementCounter(killAfter: Int(random.next() % 30) + 1) { daemon.process.kill() }
            await withTaskGroup(of: [String: String].self) { group in
                for writer in 0..<3 {
                    group.addTask { await Self.registerUntilKilled(socket: socket, prefix: "r\(round)w\(writer)", counter: counter) }
                }
                for await written in group { acknowledged.merge(written) { $1 } }
            }
            _ = await daemon.process.waitForExit()
        }
        let daemon = try await Harness.startReady(arguments, in: scratch)
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        for (id, name) in acknowledged {
            #expect(try await client.caseView(id).personal?.name == name, "seed \(seed)")
        }
        #expect(acknowledged.count >= rounds, "too few acknowledged registrations to prove anything")
        await client.close()
        try await daemon.stopWhileReading()
    }

    static func registerUntilKilled(socket: String, prefix: String, counter: AcknowledgementCounter) async -> [String: String] {
        guard let client = try? await CorridorClient.connect(to: socket, configuration: .forTests) else { return [:] }
        var acknowledged: [String: String] = [:]
        for index in 0..<200 {
            let name = "person \(prefix)-\(index)"
            guard let view = try? await client.registerCase(patient, personal: CasePersonal(name: name), timeout: .seconds(30)),
                let id = view.case?.id
            else { break }
            acknowledged[id] = name
            counter.record()
        }
        await client.close()
        return acknowledged
    }
}

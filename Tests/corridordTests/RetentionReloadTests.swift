import CorridorClient
import CorridorModel
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// `retention.personalAfterClosedDays` is read again on SIGHUP with the rest
/// of the configuration, and a changed period is swept at once: it used to
/// be read at start only, so a retention set by reload never erased anything
/// until the next restart.
@Suite("corridord reloads retention on SIGHUP")
struct RetentionReloadTests {
    @Test func aRetentionSetByReloadErasesWhatIsPastItAtOnce() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("s.sock")
        try scratch.write("c.json", "{}")
        let daemon = try await Harness.startReady(
            ["--socket", socket, "--data-dir", scratch.file("data"), "--config", scratch.file("c.json")], in: scratch
        )
        defer { daemon.process.kill() }
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        _ = try await client.registerSite(Site(id: "hospital", name: "Hospital", kind: .hospital))
        let closed = try #require(try await client.registerCase(PersonalDataOnDiskTests.patient, personal: CasePersonal(name: "Closed Long Ago")).case?.id)
        let open = try #require(try await client.registerCase(PersonalDataOnDiskTests.patient, personal: CasePersonal(name: "Still Waiting")).case?.id)
        _ = try await client.setCaseStatus(closed, to: .withdrawn, date: "2020-01-01", reason: "left by other means")

        try scratch.write("c.json", #"{"retention": {"personalAfterClosedDays": 30}}"#)
        try await daemon.reload()
        let reloaded = try await daemon.process.stderr.line(containing: "configuration reloaded")
        #expect(reloaded.contains("retentionDays=30"), "\(reloaded)")
        let swept = try await daemon.process.stderr.line(containing: "retention erased personal parts")
        #expect(swept.contains(closed) && !swept.contains(open), "\(swept)")

        let erased = try await client.caseView(closed).personal
        #expect(erased?.name == "" && erased?.erasure?.reason == "retention", "\(String(describing: erased))")
        #expect(try await client.caseView(open).personal?.name == "Still Waiting")
        await client.close()
        try await daemon.stopWhileReading()
    }
}

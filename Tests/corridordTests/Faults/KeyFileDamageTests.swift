import CorridorClient
import CorridorModel
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// Issue 12: a damaged key file (the key-encryption key) or key store
/// (DATA_DIR/personal-keys). corridord refuses to start, naming the file,
/// with exit status 65 (77 for a key file open to others); it never serves a
/// sealed part as data or as erased, and it never deletes the key store. Put
/// back, every acknowledged personal part reads back.
@Suite("corridord with a damaged key file or key store", .serialized)
struct KeyFileDamageTests {
    static let names = ["Amal Keyfault", "Yusuf Keyfault"]

    @Test(arguments: ["key flipped", "key truncated", "key mode", "store flipped", "store truncated"])
    func refusesToStartNamingTheFileAndLosesNothing(fault: String) async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("data")
        let socket = scratch.file("s.sock")
        let arguments = ["--socket", socket, "--data-dir", data]
        let keyFile = data + "/personal-data.key"
        let keyStore = data + "/personal-keys"

        var ids: [String] = []
        do {
            let daemon = try await Harness.startReady(arguments, in: scratch)
            defer { daemon.process.kill() }
            let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
            _ = try await client.registerSite(Site(id: "hospital", name: "Hospital", kind: .hospital))
            for name in Self.names {
                let view = try await client.registerCase(PersonalDataOnDiskTests.patient, personal: CasePersonal(name: name))
                ids.append(try #require(view.case?.id))
            }
            await client.close()
            try await daemon.stopWhileReading()
        }
        let keyBytes = try Data(contentsOf: URL(fileURLWithPath: keyFile))
        let storeBytes = try Data(contentsOf: URL(fileURLWithPath: keyStore))

        let named: String
        var expectedStatus: Int32 = 65
        switch fault {
        case "key flipped":
            try Self.write(keyFile, Self.flipped(keyBytes, at: 20))
            named = "key file \(keyFile) is damaged"
        case "key truncated":
            try Self.write(keyFile, keyBytes.prefix(30))
            named = "key file \(keyFile) is 30 bytes, not 48"
        case "key mode":
            try #require(chmod(keyFile, 0o640) == 0)
            named = "key file \(keyFile) has mode 640"
            expectedStatus = 77
        case "store flipped":
            // In the first of two entries: damage that is no torn append.
            try Self.write(keyStore, Self.flipped(storeBytes, at: 16 + 12))
            named = keyStore
        default:
            // The last entry cut short: opening cuts the torn bytes, and the
            // key of an acknowledged case is then missing.
            try Self.write(keyStore, storeBytes.prefix(storeBytes.count - 10))
            named = "the key store does not hold the data keys of 1 cases"
        }

        let outcome = try await StartRefusalTests.start(arguments)
        #expect(outcome.status == expectedStatus, "\(outcome.transcript)")
        #expect(StartRefusalTests.refusal(outcome).contains(named), "\(outcome.transcript)")
        #expect(!FileManager.default.fileExists(atPath: socket), "it never listened, so served nothing")
        #expect(FileManager.default.fileExists(atPath: keyStore), "the key store is never deleted")
        if fault == "store flipped" {
            #expect(try Data(contentsOf: URL(fileURLWithPath: keyStore)) == Self.flipped(storeBytes, at: 16 + 12), "left as it was")
        }

        // Put back as it was: every personal part reads back.
        try Self.write(keyFile, keyBytes)
        try #require(chmod(keyFile, 0o600) == 0)
        try Self.write(keyStore, storeBytes)
        let daemon = try await Harness.startReady(arguments, in: scratch)
        defer { daemon.process.kill() }
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        for (id, name) in zip(ids, Self.names) {
            #expect(try await client.caseView(id).personal?.name == name)
        }
        await client.close()
        try await daemon.stopWhileReading()
    }

    static func flipped(_ bytes: Data, at offset: Int) -> Data {
        var copy = bytes
        copy[copy.startIndex + offset] ^= 0x10
        return copy
    }

    /// Rewrites the file in place, keeping its mode.
    static func write(_ path: String, _ bytes: Data) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: bytes)
    }
}

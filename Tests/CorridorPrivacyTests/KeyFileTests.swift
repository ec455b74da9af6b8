import CorridorPrivacy
import CorridorStore
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// The key file is created 0600 at first start and refused, naming it, when
/// others may reach it, when it is damaged, or when it is not the key the
/// key store was written with: corridord never starts on the wrong key.
@Suite struct KeyFileTests {
    @Test func aMissingKeyFileIsCreatedOwnerOnlyAndReadsBackTheSameKey() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/personal-data.key"
            let created = try PersonalDataVault.open(keyFile: path, dataDirectory: directory)
            var status = stat()
            #expect(stat(path, &status) == 0)
            #expect(status.st_mode & 0o777 == 0o600)
            #expect(status.st_size == 48)
            let sealed = try created.seal(Array("Layla".utf8), caseID: "C-000001")
            let again = try PersonalDataVault.open(keyFile: path, dataDirectory: directory)
            #expect(try again.open(sealed, caseID: "C-000001") == Array("Layla".utf8))
        }
    }

    @Test(arguments: [0o640, 0o604, 0o644, 0o660])
    func aKeyFileOthersMayReachIsRefusedNamingIt(mode: Int) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/personal-data.key"
            _ = try PersonalDataVault.open(keyFile: path, dataDirectory: directory)
            #expect(chmod(path, mode_t(mode)) == 0)
            let error = try #require(throws: PrivacyError.self) { try PersonalDataVault.open(keyFile: path, dataDirectory: directory) }
            #expect(error.description.contains(path), "\(error)")
            #expect(error.description.contains("mode \(String(mode, radix: 8))"), "\(error)")
        }
    }

    @Test(arguments: ["truncated", "padded", "flipped", "magic"])
    func aDamagedKeyFileIsRefusedNamingIt(damage: String) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/personal-data.key"
            _ = try PersonalDataVault.open(keyFile: path, dataDirectory: directory)
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            switch damage {
            case "truncated": bytes.removeLast(5)
            case "padded": bytes.append(0x0A)
            case "flipped": bytes[20] ^= 0x01
            default: bytes[0] = UInt8(ascii: "X")
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(chmod(path, 0o600) == 0)
            let error = try #require(throws: PrivacyError.self) { try PersonalDataVault.open(keyFile: path, dataDirectory: directory) }
            #expect(error.description.contains("key file \(path)"), "\(error)")
        }
    }

    @Test func anotherKeyFileThanTheStoresIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/personal-data.key"
            let vault = try PersonalDataVault.open(keyFile: path, dataDirectory: directory)
            _ = try vault.seal([1, 2, 3], caseID: "C-000001")
            let other = directory + "/other.key"
            _ = try PersonalDataVault.open(keyFile: other, dataDirectory: try makeTemporaryDirectory())
            let error = try #require(throws: PrivacyError.self) { try PersonalDataVault.open(keyFile: other, dataDirectory: directory) }
            #expect(error.description.contains(other), "\(error)")
            #expect(error.description.contains("wrapped with key"), "\(error)")
        }
    }

    @Test func aMissingKeyFileIsNotReplacedWhileKeysAreStored() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/personal-data.key"
            _ = try PersonalDataVault.open(keyFile: path, dataDirectory: directory).seal([1], caseID: "C-000001")
            #expect(unlink(path) == 0)
            let error = try #require(throws: PrivacyError.self) { try PersonalDataVault.open(keyFile: path, dataDirectory: directory) }
            #expect(error.description.contains("key file \(path) is missing"), "\(error)")
            #expect(!FileManager.default.fileExists(atPath: path), "no new key was made in its place")
        }
    }
}

import CorridorModel
import CorridorPrivacy
import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

/// Sealing: a case's own key, bound to its id, destroyed for good.
@Suite struct PersonalDataVaultTests {
    static let name = Array("Layla Haddad".utf8)

    @Test func aSealedPartOpensOnlyAsItsOwnCase() async throws {
        try await withTemporaryDirectory { directory in
            let vault = try PersonalDataVault.open(keyFile: directory + "/k.key", dataDirectory: directory)
            let sealed = try vault.seal(Self.name, caseID: "C-000001")
            #expect(sealed.count == 12 + Self.name.count + 16)
            #expect(!PersonalKeyStoreSearch.contains(sealed, Self.name))
            _ = try vault.seal([0], caseID: "C-000002")
            #expect(try vault.open(sealed, caseID: "C-000001") == Self.name)
            #expect(throws: SealingError.self) { try vault.open(sealed, caseID: "C-000002") }
            var damaged = sealed
            damaged[15] ^= 0x01
            #expect(throws: SealingError.self) { try vault.open(damaged, caseID: "C-000001") }
        }
    }

    @Test func aDestroyedKeyOpensNothingEvenAfterReopening() async throws {
        try await withTemporaryDirectory { directory in
            let vault = try PersonalDataVault.open(keyFile: directory + "/k.key", dataDirectory: directory)
            let sealed = try vault.seal(Self.name, caseID: "C-000001")
            let kept = try vault.seal(Self.name, caseID: "C-000002")
            try vault.destroyKeys(of: ["C-000001"])
            #expect(!vault.hasKey(caseID: "C-000001"))
            #expect(try vault.open(sealed, caseID: "C-000001") == nil)
            let reopened = try PersonalDataVault.open(keyFile: directory + "/k.key", dataDirectory: directory)
            #expect(try reopened.open(sealed, caseID: "C-000001") == nil)
            #expect(try reopened.open(kept, caseID: "C-000002") == Self.name)
            let readOnly = try PersonalDataVault.openReadOnly(keyFile: directory + "/k.key", dataDirectory: directory)
            #expect(try readOnly.open(sealed, caseID: "C-000001") == nil)
            #expect(try readOnly.open(kept, caseID: "C-000002") == Self.name)
        }
    }

    @Test func aCaseKeepsOneKeyForEverySeal() async throws {
        try await withTemporaryDirectory { directory in
            let vault = try PersonalDataVault.open(keyFile: directory + "/k.key", dataDirectory: directory)
            let first = try vault.seal(Self.name, caseID: "C-000001")
            let second = try vault.seal(Self.name, caseID: "C-000001")
            #expect(first != second, "a fresh nonce each time")
            let store = try PersonalKeyStore.read(path: directory + "/" + KeyStoreFormat.fileName)
            #expect(store.keys.count == 1)
            #expect(try vault.open(first, caseID: "C-000001") == Self.name)
        }
    }
}

enum PersonalKeyStoreSearch {
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}

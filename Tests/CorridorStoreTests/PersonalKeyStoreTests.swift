import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

/// The key store keeps wrapped data keys durable, destroys them for good,
/// cuts a torn append and refuses damage elsewhere (docs/STORAGE.md, "The key store").
@Suite struct PersonalKeyStoreTests {
    static let keyID: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]

    static func wrapped(_ seed: UInt8) -> [UInt8] { (0..<60).map { UInt8(truncatingIfNeeded: Int($0) &* 7 &+ Int(seed)) } }

    static func fileBytes(_ directory: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + KeyStoreFormat.fileName)))
    }

    @Test func theHeaderIsSixteenBytesAndAnEntryItsLengthCRCIdAndKey() {
        #expect(KeyStoreFormat.header(keyID: Self.keyID).count == KeyStoreFormat.headerLength)
        #expect(KeyStoreFormat.headerLength == 16)
        let entry = KeyStoreFormat.entry(caseID: "C-000001", wrappedKey: Self.wrapped(1))
        #expect(entry.count == 4 + 4 + 2 + 8 + 60)
        #expect(Array(entry[0..<4]) == [70, 0, 0, 0])
    }

    @Test func anAddedKeyIsThereAfterReopening() async throws {
        try await withTemporaryDirectory { directory in
            do {
                let store = try PersonalKeyStore(dataDirectory: directory, newKeyID: Self.keyID)
                try store.add(caseID: "C-000001", wrappedKey: Self.wrapped(1))
                try store.add(caseID: "C-000002", wrappedKey: Self.wrapped(2))
            }
            let reopened = try PersonalKeyStore(dataDirectory: directory, newKeyID: [9, 9, 9, 9, 9, 9, 9, 9])
            #expect(reopened.keyID == Self.keyID, "an existing store keeps the id it was written with")
            #expect(reopened.wrappedKey(of: "C-000001") == Self.wrapped(1))
            #expect(reopened.wrappedKey(of: "C-000002") == Self.wrapped(2))
            #expect(reopened.count == 2)
        }
    }

    @Test func aRemovedKeyIsGoneFromTheFileItself() async throws {
        try await withTemporaryDirectory { directory in
            let store = try PersonalKeyStore(dataDirectory: directory, newKeyID: Self.keyID)
            try store.add(caseID: "C-000001", wrappedKey: Self.wrapped(1))
            try store.add(caseID: "C-000002", wrappedKey: Self.wrapped(2))
            try store.remove(["C-000001", "C-000404"])
            #expect(store.wrappedKey(of: "C-000001") == nil)
            let bytes = try Self.fileBytes(directory)
            #expect(!Self.contains(bytes, Self.wrapped(1)), "the destroyed key's bytes are not in the file")
            #expect(Self.contains(bytes, Self.wrapped(2)))
            #expect(!FileManager.default.fileExists(atPath: directory + "/" + KeyStoreFormat.fileName + ".tmp"))
            // Appends go on after a rewrite.
            try store.add(caseID: "C-000003", wrappedKey: Self.wrapped(3))
            let reopened = try PersonalKeyStore(dataDirectory: directory, newKeyID: Self.keyID)
            #expect(reopened.wrappedKey(of: "C-000001") == nil)
            #expect(reopened.wrappedKey(of: "C-000002") == Self.wrapped(2))
            #expect(reopened.wrappedKey(of: "C-000003") == Self.wrapped(3))
        }
    }

    @Test(arguments: [1, 7, 20, 77])
    func aTornAppendIsCutAwayAndTheKeysBeforeItStay(cut: Int) async throws {
        try await withTemporaryDirectory { directory in
            do {
                let store = try PersonalKeyStore(dataDirectory: directory, newKeyID: Self.keyID)
                try store.add(caseID: "C-000001", wrappedKey: Self.wrapped(1))
            }
            let whole = try Self.fileBytes(directory)
            let torn = KeyStoreFormat.entry(caseID: "C-000002", wrappedKey: Self.wrapped(2)).prefix(cut)
            try Data(whole + torn).write(to: URL(fileURLWithPath: directory + "/" + KeyStoreFormat.fileName))
            let reopened = try PersonalKeyStore(dataDirectory: directory, newKeyID: Self.keyID)
            #expect(reopened.wrappedKey(of: "C-000001") == Self.wrapped(1))
            #expect(reopened.wrappedKey(of: "C-000002") == nil)
            #expect(try Self.fileBytes(directory) == whole, "the torn bytes are cut from the file")
        }
    }

    @Test func damageBeforeTheLastEntryIsRefusedNamingTheOffset() async throws {
        try await withTemporaryDirectory { directory in
            do {
                let store = try PersonalKeyStore(dataDirectory: directory, newKeyID: Self.keyID)
                for number in 1...80 { try store.add(caseID: "C-\(100_000 + number)", wrappedKey: Self.wrapped(UInt8(number))) }
            }
            var bytes = try Self.fileBytes(directory)
            bytes[KeyStoreFormat.headerLength + 12] ^= 0xFF  // inside the first entry's case id
            try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + KeyStoreFormat.fileName))
            let error = try #require(throws: StoreError.self) { try PersonalKeyStore(dataDirectory: directory, newKeyID: Self.keyID) }
            #expect(error.kind == .corrupt)
            #expect(error.description.contains("personal-keys is damaged at byte 16"), "\(error)")
        }
    }

    /// Issue 12: in a small store (all of it shorter than the longest entry),
    /// damage in the first of two entries was taken for a torn append and
    /// the file cut there, losing the intact second key. An entry whose own
    /// length ends it before the file does is not torn: refused, file kept.
    @Test func damageInTheFirstOfTwoSmallEntriesIsRefusedAndTheFileKept() async throws {
        try await withTemporaryDirectory { directory in
            do {
                let store = try PersonalKeyStore(dataDirectory: directory, newKeyID: Self.keyID)
                try store.add(caseID: "C-000001", wrappedKey: Self.wrapped(1))
                try store.add(caseID: "C-000002", wrappedKey: Self.wrapped(2))
            }
            var bytes = try Self.fileBytes(directory)
            bytes[KeyStoreFormat.headerLength + 30] ^= 0x10  // inside the first entry's wrapped key
            try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + KeyStoreFormat.fileName))
            let error = try #require(throws: StoreError.self) { try PersonalKeyStore(dataDirectory: directory, newKeyID: Self.keyID) }
            #expect(error.kind == .corrupt)
            #expect(error.description.contains("personal-keys is damaged at byte 16"), "\(error)")
            #expect(try Self.fileBytes(directory) == bytes, "nothing cut")
        }
    }

    @Test(arguments: [[UInt8](), Array("CRKEYS0".utf8), Array("NOTKEYS1abcdefgh".utf8)])
    func aHeaderThatIsNotAKeyStoresIsRefused(bytes: [UInt8]) {
        #expect(throws: StoreError.self) { try KeyStoreFormat.parse(bytes, path: "personal-keys") }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}

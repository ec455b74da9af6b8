import CorridorPrivacy
import CorridorStore
import FuzzSupport

// The readers of the two files that guard personal data, over arbitrary
// bytes (a damaged disk, a hostile copy): the key file (`KeyFile.parse`,
// corridord's first read at start) and the key store (`KeyStoreFormat.parse`,
// every wrapped data key). Each must accept or refuse with its error, never
// trap; what the key store accepts must say where its valid part ends
// within the bytes, and hold only ids and keys within the format's bounds.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeyStore(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let mode = bytes.first else { return 0 }
    let rest = Array(bytes.dropFirst())
    if mode & 1 == 0 {
        _ = try? KeyFile.parse(rest, path: "fuzz.key")
        return 0
    }
    guard let contents = try? KeyStoreFormat.parse(rest, path: "personal-keys") else { return 0 }
    precondition(contents.validLength >= KeyStoreFormat.headerLength && contents.validLength <= rest.count)
    precondition(contents.keyID.count == KeyStoreFormat.keyIDLength)
    for (id, key) in contents.keys {
        precondition(!id.isEmpty && id.utf8.count <= KeyStoreFormat.maximumCaseIDLength)
        precondition(!key.isEmpty && key.count <= KeyStoreFormat.maximumWrappedKeyLength)
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzSeeds.writeIfAsked {
        let keyID: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        let wrapped = (0..<60).map { UInt8($0) }
        var store = KeyStoreFormat.header(keyID: keyID)
        for number in 1...3 { store += KeyStoreFormat.entry(caseID: "C-00000\(number)", wrappedKey: wrapped) }
        let torn = store + KeyStoreFormat.entry(caseID: "C-000004", wrappedKey: wrapped).prefix(20)
        return [
            ("store-three-keys", [1] + store),
            ("store-torn-tail", [1] + torn),
            ("store-empty", [1] + KeyStoreFormat.header(keyID: keyID)),
        ]
    }
    return 0
}

import CorridorModel
import CorridorWire
import Crypto

/// The page tokens of every paged list RPC (proto/PROTOCOL.md, "Page tokens").
/// A token is opaque to clients: it carries where the next page starts, a
/// digest of the query it belongs to (the method, every filter and the
/// order), and an HMAC over both under a key this run of corridord drew at
/// random. So a token is taken only back by the listing that gave it: one
/// altered, made up, given for other filters, or given before a restart is
/// refused with INVALID_ARGUMENT on `page_token`, never read as a position.
///
/// Layout, in hex: version (1 byte, 1) · query digest (8 bytes, SHA-256 of
/// the query's description) · position (the rest) · HMAC-SHA256 of all that
/// before it, cut to 16 bytes.
public struct PageTokens: Sendable {
    /// What a token belongs to: the method, every filter and the order,
    /// written out by the handler in one fixed form.
    public struct Query: Sendable {
        let digest: [UInt8]

        /// `fields` are name=value pairs, in the order the handler always gives them.
        public init(method: String, _ fields: KeyValuePairs<String, String>) {
            var description = Array(method.utf8)
            for (name, value) in fields {
                // NUL cannot occur in a name, and a value's length is
                // written first, so no two queries describe alike.
                description.append(0)
                description += Array(name.utf8)
                description.append(0)
                description += Array(String(value.utf8.count).utf8)
                description.append(0)
                description += Array(value.utf8)
            }
            digest = Array(SHA256.hash(data: description).prefix(PageTokens.digestLength))
        }
    }

    static let version: UInt8 = 1
    static let digestLength = 8
    static let macLength = 16
    /// Positions are ids or sequence numbers; a token longer than this was not made here.
    static let maximumTokenCharacters = 2 * (1 + digestLength + macLength + 256)

    /// The key's bytes (swift-crypto's SymmetricKey is not Sendable).
    private let key: [UInt8]

    /// Tokens of this run of corridord: none survives a restart, as none
    /// may outlive the listing it continues by much.
    public static let thisRun = PageTokens()

    /// A fresh random key.
    public init() {
        key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// The token a response gives for the next page, which starts at `position`.
    public func token(position: [UInt8], for query: Query) -> String {
        var bytes = [Self.version] + query.digest + position
        bytes += mac(bytes)
        return Self.hex(bytes)
    }

    /// The position `token` holds, nil for "" (the first page); INVALID_ARGUMENT
    /// naming `page_token` and why when this run did not give it for `query`.
    public func position(of token: String, for query: Query) throws(RPCError) -> [UInt8]? {
        guard !token.isEmpty else { return nil }
        guard token.utf8.count <= Self.maximumTokenCharacters,
              let bytes = Self.bytes(hex: token),
              bytes.count >= 1 + Self.digestLength + Self.macLength,
              bytes[0] == Self.version else {
            throw Self.refusal("is not a page token corridord gives: pass a previous response's next_page_token unchanged, or none for the first page")
        }
        let signed = Array(bytes.dropLast(Self.macLength))
        guard Self.equalInConstantTime(mac(signed), Array(bytes.suffix(Self.macLength))) else {
            throw Self.refusal("was not given by this corridord (altered, or given before it restarted): list again from the first page")
        }
        guard Array(signed[1...Self.digestLength]) == query.digest else {
            throw Self.refusal("was given for another query (other filters or order): a token only continues the listing that gave it")
        }
        return Array(signed.dropFirst(1 + Self.digestLength))
    }

    static func refusal(_ reason: String) -> RPCError {
        RPCError.invalidArgument([FieldViolation(field: "page_token", reason: reason)])
    }

    private func mac(_ bytes: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: bytes, using: SymmetricKey(data: key)).prefix(Self.macLength))
    }

    /// No early exit: how long a comparison takes says nothing of where a forged MAC differs.
    private static func equalInConstantTime(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    private static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ bytes: [UInt8]) -> String {
        var characters: [UInt8] = []
        characters.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }

    static func bytes(hex: String) -> [UInt8]? {
        let characters = Array(hex.utf8)
        guard characters.count % 2 == 0 else { return nil }
        func value(_ character: UInt8) -> UInt8? {
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = value(characters[index]), let low = value(characters[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}

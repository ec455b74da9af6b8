import NIOCore

/// A message generated from proto/ (`Sources/CorridorWire/Generated`): its
/// binary encoding, written directly in Swift and read through protobuf-c,
/// and its proto3 JSON form.
public protocol ProtoMessage: Sendable, Hashable {
    /// The message's full name in proto/, e.g. `corridor.v1.Case`.
    static var protoMessageName: String { get }

    /// Every field at its default.
    init()

    /// Decodes the protobuf encoding. Refuses bytes that are not an encoding of
    /// the message, and string fields that are not UTF-8 text without NUL
    /// (naming the field). Unknown fields are skipped.
    init(serializedBytes bytes: UnsafeRawBufferPointer) throws(ProtoDecodingError)

    /// The length of `serializedBytes()`.
    var serializedSize: Int { get }

    /// Writes the encoding: fields in number order, proto3 defaults left out,
    /// repeated numbers packed; the bytes protobuf-c's pack gives.
    func serialize(into writer: inout ProtoWriter)

    /// proto3's canonical JSON form.
    func jsonValue() -> ProtoJSON

    /// From proto3 JSON: field names as json_name or as in proto/, enums by
    /// name or number, 64-bit integers as strings or numbers, `null` for a
    /// default. Unknown fields are refused.
    init(json: ProtoJSON) throws(ProtoJSONError)
}

/// An enum generated from proto/: a case per value and `unrecognized(Int32)`
/// for numbers proto/ does not name.
public protocol ProtoEnum: Sendable, Hashable, CaseIterable {
    /// The enum's full name in proto/, e.g. `corridor.v1.Case.Status`.
    static var protoEnumName: String { get }
    /// Never fails: a number proto/ does not name is `unrecognized`.
    init(rawValue: Int32)
    var rawValue: Int32 { get }
    /// The value's name as written in proto/ (`STATUS_UNSPECIFIED`).
    var protoName: String { get }
    init?(protoName: String)
    /// The name, or the number for `unrecognized`.
    var jsonValue: ProtoJSON { get }
}

extension ProtoMessage {
    /// The protobuf encoding.
    public func serializedBytes() -> [UInt8] {
        // Never negative; max keeps even a wrapped size from trapping (see ProtoSize).
        let size = max(0, serializedSize)
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var writer = ProtoWriter(UnsafeMutableRawBufferPointer(buffer))
            serialize(into: &writer)
            initialized = writer.count
        }
    }

    /// Appends the protobuf encoding to `buffer`.
    public func serialize(into buffer: inout ByteBuffer) {
        let size = max(0, serializedSize)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { raw in
            var writer = ProtoWriter(UnsafeMutableRawBufferPointer(rebasing: raw[0..<min(size, raw.count)]))
            serialize(into: &writer)
            return writer.count
        }
    }

    // The decoded value leaves the closure as an optional that is then moved
    // into self; `Result.get()` here copied it (every field retained, then
    // released with the Result).
    @inlinable
    public init(serializedBytes bytes: [UInt8]) throws(ProtoDecodingError) {
        var failure: ProtoDecodingError? = nil
        let decoded: Self? = bytes.withUnsafeBytes { raw in
            do throws(ProtoDecodingError) {
                return try Self(serializedBytes: raw)
            } catch {
                failure = error
                return nil
            }
        }
        guard let decoded else { throw failure ?? ProtoDecodingError(messageName: Self.protoMessageName, fieldPath: nil, reason: "") }
        self = decoded
    }

    /// Decodes the readable bytes of `buffer` (and leaves its reader index alone).
    @inlinable
    public init(serializedBytes buffer: ByteBuffer) throws(ProtoDecodingError) {
        var failure: ProtoDecodingError? = nil
        let decoded: Self? = buffer.withUnsafeReadableBytes { raw in
            do throws(ProtoDecodingError) {
                return try Self(serializedBytes: raw)
            } catch {
                failure = error
                return nil
            }
        }
        guard let decoded else { throw failure ?? ProtoDecodingError(messageName: Self.protoMessageName, fieldPath: nil, reason: "") }
        self = decoded
    }

    /// The JSON text of `jsonValue()`.
    public func jsonText(pretty: Bool = false) -> String {
        jsonValue().text(pretty: pretty)
    }

    /// Parses JSON text, then `init(json:)`.
    public init(jsonText: String) throws(ProtoJSONError) {
        try self.init(json: try ProtoJSON(parsing: jsonText))
    }
}

import CorridorModel

/// Why bytes did not decode as a generated message: they are no encoding of
/// it, or a string field in them is not text (invalid UTF-8, or a NUL).
public struct ProtoDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message being decoded, e.g. `corridor.v1.RegisterCaseRequest`.
    public var messageName: String
    /// For a string field that is not text: its path as protobuf names it
    /// (`case.site_id`, `personal.contacts[1]`); nil when the bytes are no encoding at all.
    public var fieldPath: String?
    /// Why, in words: "contains a NUL byte (U+0000) at byte 3", "a varint is cut off at byte 7".
    public var reason: String

    public init(messageName: String, fieldPath: String?, reason: String) {
        self.messageName = messageName
        self.fieldPath = fieldPath
        self.reason = reason
    }

    /// For INVALID_ARGUMENT's field violations: the field at fault, if one is.
    public var fieldViolation: FieldViolation? {
        fieldPath.map { FieldViolation(field: $0, reason: reason) }
    }

    public var description: String {
        if let fieldPath { return "\(messageName): \(fieldPath) \(reason)" }
        return "the payload is not a valid \(messageName)" + (reason.isEmpty ? "" : ": \(reason)")
    }
}

extension RPCError {
    /// INVALID_ARGUMENT as the old coder made it: naming the string field at
    /// fault as a field violation, or saying the payload is not the message.
    public init(_ error: ProtoDecodingError) {
        if let violation = error.fieldViolation {
            self = .invalidArgument([violation])
        } else {
            self.init(.invalidArgument, error.description)
        }
    }
}

/// Why JSON text or a JSON value was refused: where (`movement.cargo[2].quantity`,
/// empty for the whole value) and why.
public struct ProtoJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path of the value at fault, keys as the input spelled them; "" for the top.
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        path.isEmpty ? reason : "\(path): \(reason)"
    }

    /// `movement` + `cargo` → `movement.cargo`; "" + `cargo` → `cargo`.
    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    static func unknownField(_ key: String, path: String, message: String) -> ProtoJSONError {
        ProtoJSONError(path: join(path, key), reason: "\(message) has no field \"\(key)\"")
    }
}

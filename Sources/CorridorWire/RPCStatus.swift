import CorridorModel

/// How a call ended: the code, a message for people, and for
/// INVALID_ARGUMENT the fields at fault.
public struct RPCStatus: Sendable, Hashable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String
    public var fieldViolations: [FieldViolation]

    public init(_ code: StatusCode, _ message: String = "", fieldViolations: [FieldViolation] = []) {
        self.code = code
        self.message = message
        self.fieldViolations = fieldViolations
    }

    public static let ok = RPCStatus(.ok)

    public var description: String {
        var text = message.isEmpty ? "\(code)" : "\(code): \(message)"
        for violation in fieldViolations {
            text += "\n  \(violation.field): \(violation.reason)"
        }
        return text
    }
}

/// An error that knows which status it is on the wire, so that handlers
/// throw their own errors and never translate them by hand.
public protocol RPCStatusConvertible: Error {
    var rpcStatus: RPCStatus { get }
}

/// The error a call fails with: a status other than OK.
public struct RPCError: Error, RPCStatusConvertible, Sendable, Hashable, CustomStringConvertible {
    public var rpcStatus: RPCStatus

    public init(_ code: StatusCode, _ message: String, fieldViolations: [FieldViolation] = []) {
        self.rpcStatus = RPCStatus(code, message, fieldViolations: fieldViolations)
    }

    public init(status: RPCStatus) {
        self.rpcStatus = status
    }

    public var code: StatusCode { rpcStatus.code }
    public var message: String { rpcStatus.message }
    public var fieldViolations: [FieldViolation] { rpcStatus.fieldViolations }
    public var description: String { rpcStatus.description }

    /// INVALID_ARGUMENT naming each field at fault.
    public static func invalidArgument(_ violations: [FieldViolation]) -> RPCError {
        let fields = violations.map(\.field).joined(separator: ", ")
        return RPCError(.invalidArgument, "invalid \(fields)", fieldViolations: violations)
    }
}

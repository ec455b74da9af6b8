import CorridorModel
import CorridorStore

/// Why the registry refused a command or query, in the registry's own words:
/// a code, a message for people, and for invalid arguments (and duplicates
/// found by an import) the fields at fault. The server edge gives each code
/// its status on the wire (CorridorServer's RegistryError+Status.swift); the
/// registry knows nothing of the wire.
public struct RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of refusal it is. Each maps to one status code at the edge.
    public enum Code: Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// The command itself is wrong: `fieldViolations` names each field.
        case invalidArgument
        /// A record it names does not exist.
        case notFound
        /// A record it would create exists already.
        case alreadyExists
        /// The records are not in a state that allows it (the message names
        /// the current state and the allowed ones).
        case failedPrecondition
        /// The registry cannot answer now (it is shutting down).
        case unavailable
        /// Stored data this build cannot read.
        case dataLoss
        /// A fault of the registry itself.
        case `internal`
        /// The store underneath refused or failed (a full disk, a closed
        /// log, another writer): `storeError` says how.
        case store

        public var description: String {
            switch self {
            case .invalidArgument: "invalid argument"
            case .notFound: "not found"
            case .alreadyExists: "already exists"
            case .failedPrecondition: "failed precondition"
            case .unavailable: "unavailable"
            case .dataLoss: "data loss"
            case .internal: "internal"
            case .store: "store"
            }
        }
    }

    private enum Kind: Sendable, Equatable {
        case invalidArgument
        case notFound
        case alreadyExists
        case failedPrecondition
        case unavailable
        case dataLoss
        case `internal`
        case store(StoreError)
    }

    private let kind: Kind
    public let message: String
    public let fieldViolations: [FieldViolation]

    private init(_ kind: Kind, _ message: String, fieldViolations: [FieldViolation] = []) {
        self.kind = kind
        self.message = message
        self.fieldViolations = fieldViolations
    }

    public var code: Code {
        switch kind {
        case .invalidArgument: .invalidArgument
        case .notFound: .notFound
        case .alreadyExists: .alreadyExists
        case .failedPrecondition: .failedPrecondition
        case .unavailable: .unavailable
        case .dataLoss: .dataLoss
        case .internal: .internal
        case .store: .store
        }
    }

    /// The store's own error, when the store refused (`code` is `.store`).
    public var storeError: StoreError? {
        if case .store(let error) = kind { return error }
        return nil
    }

    public var description: String {
        var text = "\(code): \(message)"
        for violation in fieldViolations {
            text += "\n  \(violation.field): \(violation.reason)"
        }
        return text
    }

    // MARK: Making one

    /// Invalid arguments naming each field at fault; the message lists the fields.
    public static func invalidArgument(violations: [FieldViolation]) -> RegistryError {
        RegistryError(.invalidArgument, "invalid \(violations.map(\.field).joined(separator: ", "))", fieldViolations: violations)
    }

    public static func invalidArgument(_ message: String, violations: [FieldViolation] = []) -> RegistryError {
        RegistryError(.invalidArgument, message, fieldViolations: violations)
    }

    public static func notFound(_ message: String) -> RegistryError {
        RegistryError(.notFound, message)
    }

    /// Duplicates: of one record, or (from an import) the fields of every row at fault.
    public static func alreadyExists(_ message: String, violations: [FieldViolation] = []) -> RegistryError {
        RegistryError(.alreadyExists, message, fieldViolations: violations)
    }

    /// With violations naming the request's fields the state refuses (a status
    /// change's `status`), or one per reason when several checks failed.
    public static func failedPrecondition(_ message: String, violations: [FieldViolation] = []) -> RegistryError {
        RegistryError(.failedPrecondition, message, fieldViolations: violations)
    }

    public static func unavailable(_ message: String) -> RegistryError {
        RegistryError(.unavailable, message)
    }

    public static func dataLoss(_ message: String) -> RegistryError {
        RegistryError(.dataLoss, message)
    }

    public static func `internal`(_ message: String) -> RegistryError {
        RegistryError(.internal, message)
    }

    /// The store's refusal, passed on whole: its message is the store's.
    public static func store(_ error: StoreError) -> RegistryError {
        RegistryError(.store(error), error.description)
    }

    /// A record of the log whose checksum holds but whose payload this build
    /// cannot decode: the log is whole, this server cannot read it.
    static func undecodable(sequence: UInt64, error: String) -> RegistryError {
        .dataLoss("record \(sequence) passed its checksum but is not a valid corridor.v1.Event (\(error)); this build cannot read the log")
    }
}

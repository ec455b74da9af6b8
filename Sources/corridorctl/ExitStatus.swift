import CorridorWire

/// corridorctl's exit statuses: the one table scripts rely on, shown by
/// `corridorctl --help` and written down in docs/CLI.md ("Exit status").
///
/// 3 to 16 are gRPC's status codes of the same number, so a script reads the
/// same number in `$?` as in the JSON error's `codeNumber`, and one status
/// vocabulary holds from the daemon to the shell. 1 and 2 are left to what
/// has no code of its own (sysexits.h and most tools read 1 as "failed",
/// 2 as "misused"); 64 is argument-parser's usage error, sysexits.h's
/// EX_USAGE, which argument-parser exits with before corridorctl runs.
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    case failure = 1
    case invalidArgument = 3
    case deadlineExceeded = 4
    case notFound = 5
    case alreadyExists = 6
    case permissionDenied = 7
    case resourceExhausted = 8
    case failedPrecondition = 9
    case aborted = 10
    case outOfRange = 11
    case unimplemented = 12
    case `internal` = 13
    case unavailable = 14
    case dataLoss = 15
    case unauthenticated = 16
    case usage = 64

    /// UNKNOWN and CANCELLED have no status of their own: CANCELLED's number
    /// is 1 already, and UNKNOWN's, 2, reads as a usage error to most shells'
    /// users.
    init(_ code: StatusCode) {
        switch code {
        case .ok: self = .success
        case .cancelled, .unknown: self = .failure
        case .invalidArgument: self = .invalidArgument
        case .deadlineExceeded: self = .deadlineExceeded
        case .notFound: self = .notFound
        case .alreadyExists: self = .alreadyExists
        case .permissionDenied: self = .permissionDenied
        case .resourceExhausted: self = .resourceExhausted
        case .failedPrecondition: self = .failedPrecondition
        case .aborted: self = .aborted
        case .outOfRange: self = .outOfRange
        case .unimplemented: self = .unimplemented
        case .internal: self = .internal
        case .unavailable: self = .unavailable
        case .dataLoss: self = .dataLoss
        case .unauthenticated: self = .unauthenticated
        }
    }

    /// What the status means, one line of the table (docs/CLI.md says more).
    var meaning: String {
        switch self {
        case .success: "done"
        case .failure: "failed otherwise: UNKNOWN, CANCELLED, or a negative answer"
        case .invalidArgument: "INVALID_ARGUMENT: a value corridorctl or corridord refused"
        case .deadlineExceeded: "DEADLINE_EXCEEDED: no answer within --timeout"
        case .notFound: "NOT_FOUND: no such record"
        case .alreadyExists: "ALREADY_EXISTS: the id is taken"
        case .permissionDenied: "PERMISSION_DENIED: not allowed, or a socket not trusted"
        case .resourceExhausted: "RESOURCE_EXHAUSTED: a limit was reached"
        case .failedPrecondition: "FAILED_PRECONDITION: the record's state does not allow it"
        case .aborted: "ABORTED: a conflict; try again"
        case .outOfRange: "OUT_OF_RANGE: past the end"
        case .unimplemented: "UNIMPLEMENTED: this corridord does not know the call"
        case .internal: "INTERNAL: a fault in corridord or corridorctl"
        case .unavailable: "UNAVAILABLE: corridord cannot be reached"
        case .dataLoss: "DATA_LOSS: records are damaged or lost"
        case .unauthenticated: "UNAUTHENTICATED: the caller could not be identified"
        case .usage: "usage: the command line does not parse"
        }
    }

    /// The table as `corridorctl --help` prints it.
    static var table: String {
        allCases.map { status in
            let number = String(status.rawValue)
            return String(repeating: " ", count: 4 - number.count) + number + "  " + status.meaning
        }.joined(separator: "\n")
    }
}

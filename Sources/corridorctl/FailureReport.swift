import ArgumentParser
import CorridorClient
import CorridorWire
import Foundation

/// An RPC error as the command line shows it: the status, the message, each
/// field at fault, and a hint where one helps. Exits with the code's status
/// (ExitStatus).
struct CommandFailure: Error, CustomStringConvertible {
    let error: RPCError
    let hint: String?

    init(_ error: RPCError, hint: String? = nil) {
        self.error = error
        self.hint = hint
    }

    var description: String {
        var text = "\(error.code): \(error.message)"
        for violation in error.fieldViolations {
            text += "\n  \(violation.field): \(violation.reason)"
        }
        if let hint { text += "\n\(hint)" }
        return text
    }
}

/// Runs a call and turns its RPCError into a CommandFailure.
func calling<Result>(_ body: () async throws(RPCError) -> Result) async throws -> Result {
    do {
        return try await body()
    } catch {
        throw CommandFailure(error)
    }
}

/// How a failed command ends: what it prints on stderr, as text or (with
/// --json) as cli.proto's CliError, and its exit status. Every error a
/// command throws comes here, in Corridorctl.main, so no command prints or
/// exits on its own.
struct FailureReport {
    var code: StatusCode
    var message: String
    var fieldViolations: [FieldViolation]
    var hint: String?
    var exitStatus: ExitStatus
    /// The text without --json, after "Error: "; nil leaves the error to
    /// argument-parser, which prints usage and help as it always has.
    var text: String?

    /// nil for what is not a failure (help, --version) or ends on its own
    /// terms (`throw ExitCode(1)` after printing the answer): argument-parser
    /// handles those.
    init?(_ error: any Error, root: any ParsableCommand.Type) {
        switch error {
        case let failure as CommandFailure:
            self.init(status: failure.error.rpcStatus, hint: failure.hint, text: failure.description)
        case let status as any RPCStatusConvertible:
            self.init(status: status.rpcStatus, hint: nil, text: status.rpcStatus.description)
        case let input as InputError:
            self.init(code: .invalidArgument, message: input.description, fieldViolations: input.fieldViolations, exitStatus: .invalidArgument, text: input.description)
        case let inspect as InspectFailure:
            self.init(code: inspect.code, message: inspect.description, exitStatus: ExitStatus(inspect.code), text: inspect.description)
        case is ExitCode, is CleanExit:
            return nil
        default:
            let exit = root.exitCode(for: error).rawValue
            if exit == ExitCode.success.rawValue { return nil }
            let message = root.message(for: error)
            if exit == ExitCode.validationFailure.rawValue {
                // The command line did not parse: argument-parser's own error,
                // which argument-parser prints as text, with the usage.
                let violations = Self.namedOption(in: message).map { [FieldViolation(field: $0, reason: message)] } ?? []
                self.init(code: .invalidArgument, message: message, fieldViolations: violations, exitStatus: .usage, text: nil)
            } else {
                self.init(code: .unknown, message: message, exitStatus: .failure, text: nil)
            }
        }
    }

    private init(status: RPCStatus, hint: String?, text: String) {
        self.init(code: status.code, message: status.message, fieldViolations: status.fieldViolations, hint: hint, exitStatus: ExitStatus(status.code), text: text)
    }

    private init(code: StatusCode, message: String, fieldViolations: [FieldViolation] = [], hint: String? = nil, exitStatus: ExitStatus, text: String?) {
        self.code = code
        self.message = message
        self.fieldViolations = fieldViolations
        self.hint = hint
        self.exitStatus = exitStatus
        self.text = text
    }

    /// cli.proto's CliError: what a script reads with --json.
    var cliError: Corridor_V1_CliError {
        Corridor_V1_CliError(
            code: Corridor_V1_StatusCode(rawValue: Int32(code.rawValue)),
            codeNumber: code.rawValue,
            message: message,
            fieldViolations: fieldViolations.map(Corridor_V1_FieldViolation.init),
            hint: hint ?? ""
        )
    }

    /// The option an argument-parser message names first: `--sex` of
    /// "The value 'x' is invalid for '--sex <sex>'", `<id>` of "Missing
    /// expected argument '<id>'", `--timeout` of "--timeout must be …".
    static func namedOption(in message: String) -> String? {
        if let leading = InputError.leadingOption(of: message) { return leading }
        var rest = Substring(message)
        while let quote = rest.firstIndex(of: "'") {
            rest = rest[rest.index(after: quote)...]
            guard let end = rest.firstIndex(of: "'") else { return nil }
            let quoted = rest[..<end]
            if quoted.hasPrefix("--") || quoted.hasPrefix("-") && quoted.count == 2 {
                return String(quoted.prefix { $0 != " " && $0 != "=" })
            }
            if quoted.hasPrefix("<") { return String(quoted) }
            rest = rest[rest.index(after: end)...]
        }
        return nil
    }
}

/// Whether a command line asks for JSON, read from the words themselves so
/// that a command line that does not parse is answered in JSON too: `--json`,
/// or `--format json` (exports), before any `--`.
func wantsJSON(_ arguments: [String]) -> Bool {
    let options = arguments.prefix { $0 != "--" }
    for (index, word) in options.enumerated() {
        if word == "--json" || word == "--format=json" { return true }
        if word == "--format", index + 1 < options.count, options[options.startIndex + index + 1] == "json" { return true }
    }
    return false
}

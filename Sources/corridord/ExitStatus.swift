import CorridorReplication
import ArgumentParser
import CorridorPrivacy
import CorridorRegistry
import CorridorServer
import CorridorStore
import Glibc

/// corridord's exit statuses: one for each kind of refusal to start, so that
/// a supervisor or an operator's script can tell "fix the directory" from
/// "restore a file" without parsing the message. The values come from
/// sysexits(3) where one fits. docs/OPERATIONS.md lists them; keep both in
/// step.
enum DaemonExitStatus: Int32, CaseIterable, Sendable {
    /// A stop on SIGTERM or SIGINT after draining.
    case stopped = 0
    /// Anything not listed below (an unexpected system error).
    case failure = 1
    /// The command line does not parse (ArgumentParser's own status).
    case usage = 64
    /// Data on disk is damaged or does not match: mid-log damage, a damaged
    /// audit trail, snapshot or key store, a key file that is damaged, missing
    /// while keys are stored, or not the key store's.
    case damagedData = 65
    /// The data directory is missing and cannot be created, is not a
    /// directory, or cannot be written (permissions, immutable, no space).
    case dataDirectoryUnusable = 73
    /// The data directory is on a read-only file system.
    case readOnlyDataDirectory = 74
    /// Another corridord holds the data directory or listens on the socket.
    case inUse = 75
    /// A file or directory is open to others: the socket directory (writable
    /// by others, someone else's, a symbolic link) or the key file.
    case unsafePermissions = 77
    /// The configuration file or the access policy is invalid.
    case configuration = 78

    var exitCode: ExitCode { ExitCode(rawValue) }

    /// The status for an error that stopped the start or the run.
    static func of(_ error: any Error) -> DaemonExitStatus {
        switch error {
        case let failure as StartFailure: failure.status
        case is ConfigurationError, is AccessPolicyError, is ReplicationSetupError: .configuration
        case let error as ServerStartError:
            switch error.reason {
            case .unsafeSocketDirectory: .unsafePermissions
            case .inUse: .inUse
            case .other: .failure
            }
        case let error as PrivacyError: of(error)
        case let error as StoreError: of(error)
        case let error as RegistryError:
            if let store = error.storeError { of(store) } else if error.code == .dataLoss { .damagedData } else { .failure }
        default: .failure
        }
    }

    private static func of(_ error: PrivacyError) -> DaemonExitStatus {
        if let store = error.storeError { return of(store) }
        return error.isPermissionProblem ? .unsafePermissions : .damagedData
    }

    private static func of(_ error: StoreError) -> DaemonExitStatus {
        switch error.kind {
        case .corrupt, .snapshotAhead: .damagedData
        case .locked, .conflictingWriter: .inUse
        case .unwritable, .noSpace: .dataDirectoryUnusable
        case .io, .tooLarge, .closed, .cancelled: .failure
        }
    }
}

/// A refusal to start that corridord itself decides, with its exit status.
struct StartFailure: Error, CustomStringConvertible {
    let status: DaemonExitStatus
    let description: String

    init(_ status: DaemonExitStatus, _ description: String) {
        self.status = status
        self.description = description
    }
}

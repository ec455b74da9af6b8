import CorridorModel
import CorridorRegistry
import CorridorWire
import Glibc
import Logging

/// corridord's JSON configuration file (docs/CONFIGURATION.md), checked:
/// every key is optional, but every key present is known, of its type and
/// in its range. Lives in a library, not in corridord, so that a fuzz
/// target can feed `parse` arbitrary bytes.
public struct ConfigurationFile: Sendable, Equatable {
    public var socket: String?
    public var socketMode: mode_t?
    public var dataDirectory: String?
    /// The access policy file (docs/ACCESS.md); read again on SIGHUP.
    public var accessPolicy: String?
    public var logLevel: Logger.Level?
    public var limits: ServerLimits?
    public var store: StoreSettings?
    /// The key file: the key that wraps every case's data key (docs/PRIVACY.md).
    public var keyFile: String?
    /// How long personal parts are kept (docs/PRIVACY.md).
    public var retention: RetentionSettings?
    /// Replication through PostgreSQL (docs/REPLICATION.md).
    public var replication: ReplicationSettings?

    public init() {}

    /// The file's bytes as a configuration, or the first thing wrong with
    /// them. Never traps, whatever the bytes.
    public static func parse(_ bytes: [UInt8]) throws(ConfigurationError) -> ConfigurationFile {
        var parser = ConfigurationParser(bytes)
        return try parser.parseFile()
    }

    /// The socket modes a configuration may ask for: nothing for others,
    /// since whoever can connect can read every case's personal data.
    static func socketMode(_ text: String) -> Result<mode_t, ConfigurationError> {
        guard (1...4).contains(text.utf8.count), text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) }),
              let mode = mode_t(text, radix: 8), mode <= 0o777 else {
            return .failure(ConfigurationError(key: "socketMode", "\"\(text)\" is not an octal mode such as \"0660\""))
        }
        guard mode & 0o007 == 0 else {
            return .failure(ConfigurationError(
                key: "socketMode",
                "\"\(text)\" gives other users access to the socket, and through it to every case's personal data; "
                    + "use \"0660\" (the daemon's group) or \"0600\""
            ))
        }
        return .success(mode)
    }
}

/// Replication through PostgreSQL (docs/REPLICATION.md): a primary names
/// the replica store it copies to, a follower the one it reads from. The
/// URLs are checked when corridord starts (CorridorReplication's
/// PostgresLocation), not here.
public struct ReplicationSettings: Sendable, Equatable {
    public var replicateTo: String?
    public var follow: String?
    public var mode: ReplicationReport.Mode?
    /// This server's name in the replica store's leader row.
    public var node: String?

    public init(replicateTo: String? = nil, follow: String? = nil, mode: ReplicationReport.Mode? = nil, node: String? = nil) {
        self.replicateTo = replicateTo
        self.follow = follow
        self.mode = mode
        self.node = node
    }
}

/// How the event log and snapshots behave (docs/CONFIGURATION.md).
public struct StoreSettings: Sendable, Equatable {
    public var segmentBytes = 64 * 1024 * 1024
    public var snapshotEveryEvents: UInt64 = 50_000
    public var snapshotIntervalSeconds: UInt64 = 300

    /// A year: longer would overflow the timer, and means "never" in practice.
    public static let maxSnapshotIntervalSeconds: UInt64 = 365 * 24 * 3600

    public init() {}

    /// Each field out of range, named as in the configuration file.
    public func violations() -> [FieldViolation] {
        var violations: [FieldViolation] = []
        if segmentBytes < 64 * 1024 || segmentBytes > 1 << 30 || segmentBytes % 4096 != 0 {
            violations.append(FieldViolation(field: "store.segmentBytes", reason: "must be a multiple of 4096 between 65536 and 1073741824"))
        }
        if snapshotEveryEvents < 1 {
            violations.append(FieldViolation(field: "store.snapshotEveryEvents", reason: "must be at least 1"))
        }
        if snapshotIntervalSeconds < 1 || snapshotIntervalSeconds > Self.maxSnapshotIntervalSeconds {
            violations.append(FieldViolation(
                field: "store.snapshotIntervalSeconds", reason: "must be between 1 and \(Self.maxSnapshotIntervalSeconds) (a year)"
            ))
        }
        return violations
    }
}

/// How long a case's personal part is kept before the daemon's sweep erases
/// it with reason "retention" (docs/PRIVACY.md). The access policy file
/// decides who sees what; how long it is kept is the daemon's configuration.
public struct RetentionSettings: Sendable, Equatable {
    /// Days after a case closed (evacuated, deceased, withdrawn); nil: kept
    /// until an admin erases it.
    public var personalAfterClosedDays: UInt32?

    /// A century: longer is "never", which is leaving the key out.
    public static let maxDays: UInt64 = 36_500

    public init(personalAfterClosedDays: UInt32? = nil) {
        self.personalAfterClosedDays = personalAfterClosedDays
    }
}

/// What is wrong with a configuration: where (the key, the line and column)
/// and why, in a sentence.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key at fault, dotted as in the docs ("limits.maxFrameBytes"); nil
    /// when the fault is in the JSON itself.
    public let key: String?
    /// 1-based position of the fault in the file, where the bytes show it.
    public let line: Int?
    public let column: Int?
    public let reason: String
    /// The file the bytes came from, when the caller says.
    public private(set) var file: String?

    public init(key: String? = nil, line: Int? = nil, column: Int? = nil, _ reason: String) {
        self.key = key
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// The same error, naming the file it is about.
    public func inFile(_ path: String) -> ConfigurationError {
        var copy = self
        copy.file = path
        return copy
    }

    public var description: String {
        var where_: [String] = []
        if let file { where_.append(file) }
        if let line, let column { where_.append("line \(line), column \(column)") }
        let subject = key.map { "`\($0)`: " } ?? ""
        return (where_.isEmpty ? "" : where_.joined(separator: ", ") + ": ") + subject + reason
    }
}

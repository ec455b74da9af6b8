import CorridorPrivacy
import CorridorRegistry
import CorridorServer
import CorridorWire
import FoundationEssentials
import Glibc
import Logging

/// Everything corridord is told, from flags, then the environment, then the
/// configuration file, then systemd's directories, then defaults.
struct DaemonSettings: Equatable {
    var socketPath: String
    var socketMode: mode_t
    var dataDirectory: String
    var logLevel: Logger.Level
    var limits: ServerLimits
    var store: StoreSettings
    /// The key-encryption key's file (docs/PRIVACY.md).
    var keyFile: String
    var retention: RetentionSettings
    /// The file these came from, read again on SIGHUP.
    var configurationFile: String?
    /// The access policy file; nil: none is configured and the default one
    /// does not exist, so the built-in default applies (docs/ACCESS.md).
    var accessPolicyFile: String?
    /// Replication through PostgreSQL (docs/REPLICATION.md), flags over
    /// the file; `node` always set (default HOSTNAME:DATA_DIR).
    var replication: ReplicationSettings
}

/// What the command line says; nil where it says nothing.
struct CommandLineSettings {
    var socket: String?
    var dataDirectory: String?
    var configurationFile: String?
    var logLevel: Logger.Level?
    var accessPolicy: String?
    var repair = false
    var keyFile: String?
    var replicateTo: String?
    var follow: String?
    var replicationMode: ReplicationReport.Mode?
    var node: String?
}

extension DaemonSettings {
    static func resolve(commandLine: CommandLineSettings, environment: [String: String]) throws(ConfigurationError) -> DaemonSettings {
        let fileName = commandLine.configurationFile ?? defaultConfigurationFile(environment: environment)
        var file = ConfigurationFile()
        if let fileName {
            // The reader's errors name the path themselves.
            let bytes = try ConfigurationFileReader.read(fileName)
            do {
                file = try ConfigurationFile.parse(bytes)
            } catch {
                throw error.inFile(fileName)
            }
        }
        let dataDirectory = commandLine.dataDirectory
            ?? file.dataDirectory
            ?? DefaultLocations.dataDirectory(environment: environment)
        let replication = try resolveReplication(commandLine: commandLine, file: file.replication, dataDirectory: dataDirectory)
        return DaemonSettings(
            socketPath: commandLine.socket
                ?? environment["CORRIDOR_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
                ?? file.socket
                ?? DefaultLocations.daemonSocket(environment: environment),
            socketMode: file.socketMode ?? 0o660,
            dataDirectory: dataDirectory,
            logLevel: commandLine.logLevel ?? file.logLevel ?? .info,
            limits: file.limits ?? ServerLimits(),
            store: file.store ?? StoreSettings(),
            keyFile: commandLine.keyFile ?? file.keyFile ?? defaultKeyFile(dataDirectory: dataDirectory, environment: environment),
            retention: file.retention ?? RetentionSettings(),
            configurationFile: fileName,
            accessPolicyFile: commandLine.accessPolicy ?? file.accessPolicy ?? existingDefaultPolicy(environment: environment),
            replication: replication
        )
    }

    /// A flag replaces the file's role: `--follow` on the command line wins
    /// over the file's `replicateTo`, and the other way round.
    private static func resolveReplication(
        commandLine: CommandLineSettings, file: ReplicationSettings?, dataDirectory: String
    ) throws(ConfigurationError) -> ReplicationSettings {
        if commandLine.replicateTo != nil && commandLine.follow != nil {
            throw ConfigurationError(key: "--follow", "cannot be given with --replicate-to: a server is either the primary or a follower")
        }
        var settings = file ?? ReplicationSettings()
        if let url = commandLine.replicateTo {
            settings.replicateTo = url
            settings.follow = nil
        }
        if let url = commandLine.follow {
            settings.follow = url
            settings.replicateTo = nil
        }
        settings.mode = commandLine.replicationMode ?? settings.mode
        if settings.mode != nil && settings.replicateTo == nil && settings.follow == nil {
            throw ConfigurationError(key: "--replication-mode", "needs --replicate-to (or replication.replicateTo): there is nothing to replicate to")
        }
        settings.node = commandLine.node ?? settings.node ?? "\(hostName()):\(dataDirectory)"
        return settings
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The credential systemd decrypted for the unit (LoadCredentialEncrypted=
    /// personal-data.key:…), if there is one; else the key file in the data
    /// (state) directory, created at first start.
    private static func defaultKeyFile(dataDirectory: String, environment: [String: String]) -> String {
        if let credentials = environment["CREDENTIALS_DIRECTORY"], !credentials.isEmpty {
            let path = "\(credentials)/\(KeyFile.defaultName)"
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return "\(dataDirectory)/\(KeyFile.defaultName)"
    }

    /// /etc/corridor/access.toml (or in $CONFIGURATION_DIRECTORY), if it exists.
    private static func existingDefaultPolicy(environment: [String: String]) -> String? {
        let path = AccessPolicy.defaultPath(environment: environment)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The access policy these settings name, or the built-in default.
    func loadAccessPolicy() throws(AccessPolicyError) -> AccessPolicy {
        guard let accessPolicyFile else { return .builtInDefault }
        return try AccessPolicy.load(path: accessPolicyFile)
    }

    /// $CONFIGURATION_DIRECTORY/corridord.json under systemd, if it exists.
    private static func defaultConfigurationFile(environment: [String: String]) -> String? {
        guard let directory = environment["CONFIGURATION_DIRECTORY"]?.split(separator: ":").first else { return nil }
        let path = "\(directory)/corridord.json"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

import CorridorPrivacy
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
            accessPolicyFile: commandLine.accessPolicy ?? file.accessPolicy ?? existingDefaultPolicy(environment: environment)
        )
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

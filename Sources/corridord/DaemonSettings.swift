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
    /// The file these came from, read again on SIGHUP.
    var configurationFile: String?
}

/// What the command line says; nil where it says nothing.
struct CommandLineSettings {
    var socket: String?
    var dataDirectory: String?
    var configurationFile: String?
    var logLevel: Logger.Level?
    var repair = false
}

/// How the event log and snapshots behave (docs/CONFIGURATION.md).
struct StoreSettings: Equatable, Decodable {
    var segmentBytes = 64 * 1024 * 1024
    var snapshotEveryEvents: UInt64 = 50_000
    var snapshotIntervalSeconds: UInt64 = 300

    init() {}

    init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        segmentBytes = try container.decodeIfPresent(Int.self, forKey: .segmentBytes) ?? segmentBytes
        snapshotEveryEvents = try container.decodeIfPresent(UInt64.self, forKey: .snapshotEveryEvents) ?? snapshotEveryEvents
        snapshotIntervalSeconds = try container.decodeIfPresent(UInt64.self, forKey: .snapshotIntervalSeconds) ?? snapshotIntervalSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case segmentBytes, snapshotEveryEvents, snapshotIntervalSeconds
    }

    func violations() -> [String] {
        var problems: [String] = []
        if segmentBytes < 64 * 1024 || segmentBytes > 1 << 30 || segmentBytes % 4096 != 0 {
            problems.append("store.segmentBytes must be a multiple of 4096 between 65536 and 1073741824")
        }
        if snapshotEveryEvents < 1 { problems.append("store.snapshotEveryEvents must be at least 1") }
        if snapshotIntervalSeconds < 1 { problems.append("store.snapshotIntervalSeconds must be at least 1") }
        return problems
    }
}

/// The JSON configuration file (docs/CONFIGURATION.md). Every key is optional.
struct ConfigurationFile: Decodable, Equatable {
    var socket: String?
    /// Octal, as a string: "0660".
    var socketMode: String?
    var dataDirectory: String?
    var logLevel: String?
    var limits: ServerLimits?
    var store: StoreSettings?
}

struct ConfigurationError: Error, CustomStringConvertible {
    let description: String
}

extension DaemonSettings {
    static func resolve(commandLine: CommandLineSettings, environment: [String: String]) throws -> DaemonSettings {
        let fileName = commandLine.configurationFile ?? defaultConfigurationFile(environment: environment)
        let file = try fileName.map(readConfigurationFile) ?? ConfigurationFile()

        var socketMode: mode_t = 0o660
        if let text = file.socketMode {
            guard let mode = mode_t(text, radix: 8), mode <= 0o777 else {
                throw ConfigurationError(description: "\(fileName ?? ""): socketMode \"\(text)\" is not an octal mode such as \"0660\"")
            }
            socketMode = mode
        }
        var logLevel = Logger.Level.info
        if let text = file.logLevel {
            guard let level = Logger.Level(rawValue: text) else {
                throw ConfigurationError(description: "\(fileName ?? ""): logLevel \"\(text)\" is not one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            logLevel = level
        }
        let store = file.store ?? StoreSettings()
        let storeProblems = store.violations()
        guard storeProblems.isEmpty else {
            throw ConfigurationError(description: "\(fileName ?? ""): " + storeProblems.joined(separator: "; "))
        }
        let limits = file.limits ?? ServerLimits()
        let violations = limits.violations()
        guard violations.isEmpty else {
            throw ConfigurationError(description: "\(fileName ?? ""): " + violations.map { "\($0.field) \($0.description)" }.joined(separator: "; "))
        }
        return DaemonSettings(
            socketPath: commandLine.socket
                ?? environment["CORRIDOR_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
                ?? file.socket
                ?? DefaultLocations.daemonSocket(environment: environment),
            socketMode: socketMode,
            dataDirectory: commandLine.dataDirectory
                ?? file.dataDirectory
                ?? DefaultLocations.dataDirectory(environment: environment),
            logLevel: commandLine.logLevel ?? logLevel,
            limits: limits,
            store: store,
            configurationFile: fileName
        )
    }

    /// $CONFIGURATION_DIRECTORY/corridord.json under systemd, if it exists.
    private static func defaultConfigurationFile(environment: [String: String]) -> String? {
        guard let directory = environment["CONFIGURATION_DIRECTORY"]?.split(separator: ":").first else { return nil }
        let path = "\(directory)/corridord.json"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    private static func readConfigurationFile(_ path: String) throws -> ConfigurationFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(description: "cannot read configuration file \(path): \(error)")
        }
        do {
            return try JSONDecoder().decode(ConfigurationFile.self, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw ConfigurationError(description: "\(path): \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            // A value the key's type cannot hold, such as -10 for a byte count.
            throw ConfigurationError(description: "\(path): \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw ConfigurationError(description: "\(path) is not valid JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)")
        } catch {
            throw ConfigurationError(description: "\(path): \(error)")
        }
    }
}

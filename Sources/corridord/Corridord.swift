import ArgumentParser
import CorridorServer
import CorridorSystemd
import CorridorWire
import Foundation
import Logging
import ServiceLifecycle

@main
struct Corridord: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridord",
        abstract: "The Corridor daemon: the shared record of an evacuation operation, served on a Unix socket.",
        discussion: """
            Without flags it listens on $RUNTIME_DIRECTORY/corridord.sock and keeps data in $STATE_DIRECTORY \
            under systemd, and on $XDG_RUNTIME_DIR/corridor/corridord.sock (or /tmp/corridor-UID/corridord.sock) \
            with data in ~/.local/state/corridor when started by hand. SIGTERM or SIGINT drain and stop it; \
            SIGHUP reloads the configuration.
            """,
        version: CorridorVersion.string
    )

    @Option(help: "The Unix socket to listen on. Overrides CORRIDOR_SOCKET and the configuration file.")
    var socket: String?

    @Option(name: .customLong("data-dir"), help: "The data directory.")
    var dataDirectory: String?

    @Option(help: "A JSON configuration file (see docs/CONFIGURATION.md); read again on SIGHUP.")
    var config: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level?

    func run() async throws {
        let commandLine = CommandLineSettings(
            socket: socket, dataDirectory: dataDirectory, configurationFile: config, logLevel: logLevel
        )
        let settings = try DaemonSettings.resolve(commandLine: commandLine, environment: ProcessEnvironment.current)

        let levelSetting = LogLevelSetting(settings.logLevel)
        LoggingSystem.bootstrap { label in JournalLogHandler(label: label, level: levelSetting) }
        let logger = Logger(label: "corridord")

        do {
            try Self.createDirectory(settings.dataDirectory, mode: 0o700)
            let inherited = try SocketActivation.inheritedSocket()
            if inherited == nil {
                try Self.createDirectory((settings.socketPath as NSString).deletingLastPathComponent, mode: 0o750)
            }

            var serverConfiguration = ServerConfiguration(
                socketPath: inherited?.path ?? settings.socketPath, dataDirectory: settings.dataDirectory
            )
            serverConfiguration.socketMode = settings.socketMode
            serverConfiguration.limits = settings.limits
            let server = CorridorServer(configuration: serverConfiguration, logger: logger)
            let notifier = SystemdNotifier()
            let (listening, listeningContinuation) = AsyncStream<Void>.makeStream()

            let source: ListenSource = inherited.map { .inherited(descriptor: $0.descriptor.rawValue, path: $0.path) } ?? .path
            // Started in dependency order; graceful shutdown runs in reverse, so
            // the notifier says STOPPING=1 before the server drains.
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: ServerService(server: server, source: source) {
                        listeningContinuation.yield()
                        listeningContinuation.finish()
                    }),
                    .init(service: NotifierService(notifier: notifier, server: server, listening: listening, logger: logger)),
                    .init(service: ReloadService(
                        commandLine: commandLine, initial: settings, server: server,
                        notifier: notifier, logLevel: levelSetting, logger: logger
                    )),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                cancellationSignals: [],
                logger: logger
            ))
            logger.info("starting", metadata: [
                "version": "\(CorridorVersion.string)", "socket": "\(serverConfiguration.socketPath)",
                "dataDirectory": "\(settings.dataDirectory)", "socketActivated": "\(inherited != nil)",
            ])
            try await group.run()
        } catch {
            logger.critical("cannot run: \(error)")
            throw ExitCode.failure
        }
    }

    private static func createDirectory(_ path: String, mode: Int) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: mode]
            )
        } catch {
            throw ConfigurationError(description: "cannot create directory \(path): \(error.localizedDescription)")
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

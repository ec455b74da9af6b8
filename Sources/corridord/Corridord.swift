import ArgumentParser
import CorridorRegistry
import CorridorServer
import CorridorSystemd
import CorridorWire
import FoundationEssentials
import Glibc
import Logging
import ServiceLifecycle
import UnixSignals

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

    @Option(name: .customLong("access-policy"), help: """
        The access policy file (TOML, see docs/ACCESS.md); read again on SIGHUP. Default: \
        /etc/corridor/access.toml ($CONFIGURATION_DIRECTORY/access.toml under systemd) if it exists, else the \
        built-in policy (root and the daemon's user admin, group corridor observers).
        """)
    var accessPolicy: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level?

    @Flag(help: """
        Start even though records in the middle of the log are damaged: the log is cut at the damage and \
        later segments are moved to DATA_DIR/quarantine. Acknowledged records after the damage are no longer \
        served. Run `corridorctl inspect verify DATA_DIR` first.
        """)
    var repair = false

    func run() async throws {
        let commandLine = CommandLineSettings(
            socket: socket, dataDirectory: dataDirectory, configurationFile: config, logLevel: logLevel,
            accessPolicy: accessPolicy, repair: repair
        )
        let settings = try DaemonSettings.resolve(commandLine: commandLine, environment: ProcessEnvironment.current)

        let levelSetting = LogLevelSetting(settings.logLevel)
        LoggingSystem.bootstrap { label in JournalLogHandler(label: label, level: levelSetting) }
        let logger = Logger(label: "corridord")

        do {
            DescriptorLimit.raiseToHardLimit(logger: logger)
            try DirectoryCreation.create(settings.dataDirectory, mode: 0o700, purpose: "data directory")
            // The server creates and checks the socket's directory itself (SocketDirectory).
            let inherited = try SocketActivation.inheritedSocket()

            let notifier = SystemdNotifier()
            let registry = try Self.openRegistry(settings: settings, repair: repair, notifier: notifier, logger: logger)

            var serverConfiguration = ServerConfiguration(
                socketPath: inherited?.path ?? settings.socketPath, dataDirectory: settings.dataDirectory
            )
            serverConfiguration.socketMode = settings.socketMode
            serverConfiguration.limits = settings.limits
            // A bad policy stops the start: serving with another policy than
            // the one the operator wrote would show data to the wrong people.
            let policy = try settings.loadAccessPolicy()
            serverConfiguration.access = AccessControl(policy: policy)
            logger.info("access policy", metadata: [
                "source": "\(policy.source)", "users": "\(policy.users.count)", "groups": "\(policy.groups.count)",
            ])
            let server = CorridorServer(
                configuration: serverConfiguration,
                methods: RegistryService.methods(registry: registry),
                storeStatus: { await registry.storeStatus },
                logger: logger
            )
            let (listening, listeningContinuation) = AsyncStream<Void>.makeStream()
            let hangups = await UnixSignalsSequence(trapping: .sighup)

            let source: ListenSource = inherited.map { .inherited(descriptor: $0.descriptor.rawValue, path: $0.path) } ?? .path
            // Started in dependency order; graceful shutdown runs in reverse, so
            // the notifier says STOPPING=1 before the server drains.
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: RegistryLifecycleService(
                        registry: registry, snapshotInterval: .seconds(Int64(settings.store.snapshotIntervalSeconds)), logger: logger
                    )),
                    .init(service: ServerService(server: server, source: source) {
                        listeningContinuation.yield()
                        listeningContinuation.finish()
                    }),
                    .init(service: NotifierService(notifier: notifier, server: server, listening: listening, logger: logger)),
                    .init(service: ReloadService(
                        hangups: hangups, commandLine: commandLine, initial: settings, server: server,
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
            // STOPPING=1 and the last STATUS leave before the process does, if
            // the supervisor is reading at all.
            if !notifier.flush() {
                logger.warning("the service manager did not read STOPPING=1 within 5 s; exiting without it")
            }
        } catch {
            logger.critical("cannot run: \(error)")
            throw ExitCode.failure
        }
    }

    /// Loads the snapshot and replays the log, telling systemd how far it is
    /// and asking for more start-up time while it works.
    private static func openRegistry(settings: DaemonSettings, repair: Bool, notifier: SystemdNotifier, logger: Logger) throws -> Registry {
        var options = RegistryOptions()
        options.store.segmentBytes = settings.store.segmentBytes
        options.store.repair = repair
        options.snapshotEveryEvents = settings.store.snapshotEveryEvents
        let clock = ContinuousClock()
        var lastReport = clock.now
        notifier.status("Recovering the registry from \(settings.dataDirectory)")
        let (registry, report) = try Registry.open(dataDirectory: settings.dataDirectory, recordCoding: ProtobufRecordCoding(), options: options, logger: logger) { progress in
            guard clock.now - lastReport >= .seconds(1) else { return }
            lastReport = clock.now
            let line = "Recovering: segment \(progress.segmentsChecked + 1) of \(progress.segmentsTotal), \(progress.recordsReplayed) records replayed"
            notifier.extendTimeout(by: .seconds(30), status: line)
            logger.info("recovering", metadata: [
                "segment": "\(progress.segmentsChecked + 1)/\(progress.segmentsTotal)", "replayed": "\(progress.recordsReplayed)",
            ])
        }
        if let tail = report.truncatedTail {
            logger.notice("recovery cut a torn tail", metadata: ["file": "\(tail.file)", "offset": "\(tail.offset)", "bytes": "\(tail.bytes)"])
        }
        for repair in report.repairs { logger.critical("repair: \(repair)") }
        return registry
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

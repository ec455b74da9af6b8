import ArgumentParser
import CorridorAudit
import CorridorModel
import CorridorPrivacy
import CorridorRegistry
import CorridorReplication
import CorridorStore
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

            ENVIRONMENT: CORRIDOR_SOCKET, the socket when --socket is not given. Under systemd: RUNTIME_DIRECTORY, \
            STATE_DIRECTORY, CONFIGURATION_DIRECTORY and CREDENTIALS_DIRECTORY place the socket, the data, the \
            access policy and the key file; NOTIFY_SOCKET receives READY=1, RELOADING=1 and STOPPING=1; \
            LISTEN_FDS passes a socket-activated listener; JOURNAL_STREAM sends the log to the journal.

            FILES: /run/corridor/corridord.sock, /var/lib/corridor (the event log, snapshots and audit trail), \
            /etc/corridor/access.toml, /etc/systemd/system/corridord.service and corridord.socket.

            EXIT STATUS: 0 after a clean stop on SIGTERM or SIGINT. Otherwise the kind of refusal, with the \
            reason in one journal line (docs/OPERATIONS.md): 64 the command line does not parse; 65 data on disk \
            is damaged (run corridorctl inspect verify) or a key file or key store does not match; 73 the data \
            directory is missing, not a directory or not writable; 74 it is on a read-only file system; 75 another \
            corridord holds the data directory or the socket; 77 a file or directory is open to others (socket \
            directory, key file); 78 the configuration file or access policy is invalid; 1 anything else.
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

    @Option(name: .customLong("log-level"), help: "The lowest level logged.")
    var logLevel: Logger.Level?

    @Option(name: .customLong("key-file"), help: """
        The key file that wraps every case's data key (mode 0600, created when absent). Default: \
        $CREDENTIALS_DIRECTORY/personal-data.key under systemd when present, else DATA_DIR/personal-data.key. \
        See docs/PRIVACY.md.
        """)
    var keyFile: String?

    @Flag(help: """
        Start even though records in the middle of the log are damaged: the log is cut at the damage and \
        later segments are moved to DATA_DIR/quarantine. Acknowledged records after the damage are no longer \
        served. Run `corridorctl inspect verify DATA_DIR` first.
        """)
    var repair = false

    @Option(name: .customLong("replicate-to"), help: """
        Be the primary and copy every committed event to this PostgreSQL URL, e.g. \
        postgresql://corridor@/corridor?host=/run/postgresql or postgresql://corridor:PASSWORD@db.example:5432/corridor \
        (docs/REPLICATION.md). Refused at start if the replica store names another primary.
        """)
    var replicateTo: String?

    @Option(name: .customLong("replication-mode"), help: """
        async: acknowledge a write once durable here (the copy follows; lag in `corridorctl status`). sync: \
        acknowledge only once PostgreSQL has committed it; while PostgreSQL is unreachable, writes are refused \
        (UNAVAILABLE) and reads go on. Default: async.
        """)
    var replicationMode: ReplicationReport.Mode?

    @Option(help: """
        Follow the replica store at this PostgreSQL URL: serve every read and watch from the events the \
        primary copied there, refuse writes (FAILED_PRECONDITION, naming the primary). `corridorctl promote` \
        makes a follower the primary.
        """)
    var follow: String?

    @Option(help: "This server's name in the replica store's leader row. Default: HOSTNAME:DATA_DIR.")
    var node: String?

    func run() async throws {
        let commandLine = CommandLineSettings(
            socket: socket, dataDirectory: dataDirectory, configurationFile: config, logLevel: logLevel,
            accessPolicy: accessPolicy, repair: repair, keyFile: keyFile,
            replicateTo: replicateTo, follow: follow, replicationMode: replicationMode, node: node
        )
        let settings: DaemonSettings
        do {
            settings = try DaemonSettings.resolve(commandLine: commandLine, environment: ProcessEnvironment.current)
        } catch {
            // Before logging is set up: the one sentence goes to stderr as
            // ArgumentParser would print it, with the configuration's status.
            var line = Array("Error: \(error)\n".utf8)
            _ = line.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            throw DaemonExitStatus.of(error).exitCode
        }

        let levelSetting = LogLevelSetting(settings.logLevel)
        LoggingSystem.bootstrap { label in JournalLogHandler(label: label, level: levelSetting) }
        let logger = Logger(label: "corridord")

        do {
            DescriptorLimit.raiseToHardLimit(logger: logger)
            try DirectoryCreation.create(settings.dataDirectory, mode: 0o700, purpose: "data directory")
            // The server creates and checks the socket's directory itself (SocketDirectory).
            let inherited = try SocketActivation.inheritedSocket()

            let notifier = SystemdNotifier()
            let (registry, vault, repairs) = try Self.openRegistry(settings: settings, repair: repair, notifier: notifier, logger: logger)
            let (audit, auditRepairs) = try Self.openAuditTrail(settings: settings, repair: repair, logger: logger)
            // What a start with --repair cut is an admin action: on the trail before anything is served.
            for line in repairs + auditRepairs {
                try await audit.record(adminAction: "repair", actor: .daemon, detail: line)
            }

            // Before serving: a primary confirms its epoch with the replica
            // store (or is refused), a follower that it may follow it.
            let replication = try await Self.startReplication(settings: settings, registry: registry, vault: vault, notifier: notifier, logger: logger)
            if let replication { await registry.setReplicationGate(replication) }

            var serverConfiguration = ServerConfiguration(
                socketPath: inherited?.path ?? settings.socketPath, dataDirectory: settings.dataDirectory
            )
            serverConfiguration.socketMode = settings.socketMode
            serverConfiguration.limits = settings.limits
            // A bad policy stops the start: serving with another policy than
            // the one the operator wrote would show data to the wrong people.
            let policy = try settings.loadAccessPolicy()
            serverConfiguration.access = AccessControl(policy: policy)
            serverConfiguration.recordDenied = { actor, method, reason in
                try await audit.recordDenied(actor: actor, method: method, reason: reason)
            }
            logger.info("access policy", metadata: [
                "source": "\(policy.source)", "users": "\(policy.users.count)", "groups": "\(policy.groups.count)",
            ])
            let server = CorridorServer(
                configuration: serverConfiguration,
                methods: RegistryService.methods(registry: registry, audit: audit, access: serverConfiguration.access),
                storeStatus: { await registry.storeStatus },
                replication: replication,
                logger: logger
            )
            let retention = RetentionSetting(settings.retention.personalAfterClosedDays)
            let (listening, listeningContinuation) = AsyncStream<Void>.makeStream()
            let hangups = await UnixSignalsSequence(trapping: .sighup)

            let source: ListenSource = inherited.map { .inherited(descriptor: $0.descriptor.rawValue, path: $0.path) } ?? .path
            // Started in dependency order; graceful shutdown runs in reverse, so
            // the notifier says STOPPING=1 before the server drains.
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: RegistryLifecycleService(
                        registry: registry, audit: audit, snapshotInterval: .seconds(Int64(settings.store.snapshotIntervalSeconds)), logger: logger
                    )),
                ] + (replication.map { [ServiceGroupConfiguration.ServiceConfiguration(service: ReplicationService(node: $0))] } ?? []) + [
                    .init(service: RetentionService(registry: registry, retention: retention, logger: logger)),
                    .init(service: ServerService(server: server, source: source) {
                        listeningContinuation.yield()
                        listeningContinuation.finish()
                    }),
                    .init(service: NotifierService(notifier: notifier, server: server, replication: replication, listening: listening, logger: logger)),
                    .init(service: ReloadService(
                        hangups: hangups, commandLine: commandLine, initial: settings, server: server, audit: audit,
                        retention: retention, notifier: notifier, logLevel: levelSetting, logger: logger
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
            // One sentence, and a status of its own for each kind of refusal
            // (docs/OPERATIONS.md, "Exit statuses").
            let status = DaemonExitStatus.of(error)
            logger.critical("cannot run: \(error)", metadata: ["exitStatus": "\(status.rawValue)"])
            throw status.exitCode
        }
    }

    /// Loads the snapshot and replays the log, telling systemd how far it is
    /// and asking for more start-up time while it works.
    private static func openRegistry(
        settings: DaemonSettings, repair: Bool, notifier: SystemdNotifier, logger: Logger
    ) throws -> (Registry, PersonalDataVault, [String]) {
        var options = RegistryOptions()
        options.store.segmentBytes = settings.store.segmentBytes
        options.store.repair = repair
        options.snapshotEveryEvents = settings.store.snapshotEveryEvents
        let clock = ContinuousClock()
        var lastReport = clock.now
        notifier.status("Recovering the registry from \(settings.dataDirectory)")
        var openedVault: PersonalDataVault?
        let (registry, report) = try Registry.open(dataDirectory: settings.dataDirectory, options: options, logger: logger, recordCodingUnderLock: {
            // Under the directory's lock, before anything is read: a key file
            // that is missing, open to others, damaged or not the key
            // store's refuses the start, naming it.
            let vault = try PersonalDataVault.open(keyFile: settings.keyFile, dataDirectory: settings.dataDirectory)
            openedVault = vault
            return ProtobufRecordCoding(sealer: vault)
        }) { progress in
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
        guard let openedVault else { throw StartFailure(.failure, "the registry opened without its key store") }
        return (registry, openedVault, report.repairs)
    }

    /// The replication the settings ask for (docs/REPLICATION.md), started:
    /// nil when none. Refuses (exit status 78) a URL that does not parse, a
    /// primary whose epoch another node holds, a log behind the replica
    /// store, a replica store written with another key file.
    private static func startReplication(
        settings: DaemonSettings, registry: Registry, vault: PersonalDataVault, notifier: SystemdNotifier, logger: Logger
    ) async throws -> ReplicationNode? {
        let replication = settings.replication
        guard let url = replication.replicateTo ?? replication.follow else { return nil }
        let location: PostgresLocation
        do {
            location = try PostgresLocation(parsing: url)
        } catch {
            throw ConfigurationError(key: replication.replicateTo != nil ? "--replicate-to" : "--follow", "\(error)")
        }
        let role: ReplicationNode.Role = replication.replicateTo != nil ? .primary : .follower
        let node = ReplicationNode(
            settings: ReplicationNode.Settings(
                role: role, location: location, mode: replication.mode ?? .async, node: replication.node ?? settings.dataDirectory,
                dataDirectory: settings.dataDirectory
            ),
            registry: registry,
            // An answer PostgreSQL owes longer than this fails (and is retried): a
            // sync write is not held longer than this by a server cut off mid-answer.
            store: ReplicaStore(location: location, answerTimeout: .seconds(10), logger: logger), keyring: vault, logger: logger
        )
        notifier.status("Confirming replication with \(location.redacted)")
        do {
            try await node.start()
        } catch {
            // PostgreSQL's connections are closed before the refusal is reported.
            await node.close()
            throw error
        }
        logger.info("replication", metadata: [
            "role": "\(role)", "store": "\(location.redacted)", "mode": "\((replication.mode ?? .async).rawValue)", "node": "\(node.settings.node)",
        ])
        return node
    }

    /// The audit trail in DATA_DIR/audit, recovered like the event log (under
    /// the lock the registry holds), and what a repair cut of it.
    private static func openAuditTrail(settings: DaemonSettings, repair: Bool, logger: Logger) throws -> (AuditTrail, [String]) {
        var options = StoreOptions()
        options.segmentBytes = settings.store.segmentBytes
        options.repair = repair
        let (audit, report) = try AuditTrail.open(dataDirectory: settings.dataDirectory, options: options, logger: logger)
        if let tail = report.truncatedTail {
            logger.notice("recovery cut a torn tail of the audit trail", metadata: ["file": "\(tail.file)", "offset": "\(tail.offset)", "bytes": "\(tail.bytes)"])
        }
        for repair in report.repairs { logger.critical("audit trail repair: \(repair)") }
        return (audit, report.repairs.map { "audit trail: " + $0 })
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

extension ReplicationReport.Mode: ExpressibleByArgument {}

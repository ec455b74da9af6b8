import ArgumentParser
import CorridorClient

struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Show whether the daemon (or one of its services) is serving; exits 0 only when it is."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The service to ask about, e.g. corridor.v1.System; the whole daemon when left out.")
    var service = ""

    @Flag(help: "Keep printing the status as it changes, until the daemon stops or you press Ctrl-C.")
    var watch = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let client = try await connection.connect()
        if watch {
            do {
                for try await status in client.watchHealth(service: service) {
                    try show(status)
                }
            } catch let error as RPCError where error.code == .unavailable {
                // The daemon shut down: the watch has said all it will.
            } catch let error as RPCError {
                throw CommandFailure(error)
            }
            await client.close()
            return
        }
        let status = try await calling { () async throws(RPCError) in
            try await client.checkHealth(service: service, timeout: connection.callTimeout)
        }
        await client.close()
        try show(status)
        if status != .serving { throw ExitCode(1) }
    }

    private func show(_ status: Corridor_V1_HealthCheckResponse.ServingStatus) throws {
        if json {
            // The service asked about and its status: cli.proto's HealthView.
            printJSON(Corridor_V1_HealthView(service: service, status: status))
        } else {
            print(service.isEmpty ? status.protoName : "\(service): \(status.protoName)")
        }
    }
}

import ArgumentParser
import CorridorClient
import Foundation

struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Make this follower the primary (admin; docs/REPLICATION.md).",
        discussion: """
            The follower first applies every event the replica store holds, then takes the next leader epoch in \
            PostgreSQL: from then on the old primary's appends are refused, and this server accepts writes and \
            copies them to the replica store in the mode it was started with (--replication-mode). Run it against \
            the follower's socket. Refused (FAILED_PRECONDITION) on a server that is not a follower, and \
            (UNAVAILABLE) while PostgreSQL cannot be reached.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let client = try await connection.connect()
        let timeout = connection.callTimeout
        let promoted = try await calling { () async throws(RPCError) in try await client.promote(timeout: timeout) }
        await client.close()
        if json {
            printJSON(promoted)
            return
        }
        print("\(promoted.node) is the primary at epoch \(promoted.epoch), from sequence \(promoted.lastSequence)")
    }
}
